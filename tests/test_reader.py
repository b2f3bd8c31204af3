"""What a reader meets, in Chromium on the built sample site: every kind of page accessible
(axe-core), readable on a 360 px phone, in Vietnamese, printable on A4 like the paper notice,
reachable by keyboard, and requesting nothing outside the site."""

import io
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import ROOT
from test_search import results
from vanban.archive.core import build_archive

NOTICE = "/van-ban/2025-11-06-giao-ban-thang-11/"
PAGES = {
    "home": "/",
    "notice": NOTICE,
    "months": "/thang/",
    "month": "/thang/2025-11/",
    "units": "/don-vi/",
    "unit": "/don-vi/ban-xay-dung-dang/",
    "documents": "/trich-dan/",
    "document": "/trich-dan/{document}/",
    "search": "/tim-kiem/?q=dang+vien",
    "guide": "/huong-dan-dong-gop/",
    "about": "/gioi-thieu/",
    "404": "/404.html",
}
LISTINGS = {"home": "/", "month": "/thang/2025-11/", "unit": "/don-vi/dang-uy/", "documents": "/trich-dan/",
            "units": "/don-vi/"}
AXE = Path(__file__).parent / "axe"
PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "device_scale_factor": 2}


def _path(kind: str) -> str:
    document = next(d for d in build_archive(ROOT).documents_sorted() if d.bearers or len(d.citing_notices) > 1)
    return PAGES[kind].format(document=document.slug)


@pytest.fixture
def phone(browser):
    context = browser.new_context(**PHONE)
    yield context.new_page()
    context.close()


@pytest.fixture(scope="session")
def axe_script() -> Path:
    """axe-core from npm, pinned in tests/axe/package.json, installed on first use."""
    script = AXE / "node_modules/axe-core/axe.min.js"
    if not script.exists() and shutil.which("npm"):
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--silent"], cwd=AXE, capture_output=True, timeout=600)
    if not script.exists():
        how = "accessibility tests need axe-core: install Node.js and npm (they run `npm ci` in tests/axe)"
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(how)
        pytest.skip(how)
    return script


# --- accessibility -------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", list(PAGES))
@pytest.mark.parametrize("width", [1280, 360])
def test_axe_finds_nothing_serious(browser, sample, axe_script, kind, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    try:
        page.goto(sample + _path(kind))
        if kind == "search":
            page.wait_for_selector(".vb-search[data-ready]")
        page.add_script_tag(path=str(axe_script))
        violations = page.evaluate("""async () => (await axe.run(document, {resultTypes: ["violations"]}))
            .violations.filter(v => v.impact === "serious" || v.impact === "critical")
            .map(v => v.id + ": " + v.nodes.slice(0, 3).map(n => n.target.join(" ")).join(", ")
                 + " (" + v.nodes.length + ")")""")
    finally:
        context.close()
    assert violations == []


def test_keyboard_skip_link_focus_and_search(page, sample):
    page.goto(sample + NOTICE)
    page.keyboard.press("Tab")
    skip = page.evaluate("document.activeElement.textContent.trim()")
    assert skip == "Chuyển đến nội dung"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert page.locator(":focus").is_visible() and outline != "none"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#noi-dung"
    assert page.evaluate("document.activeElement.id") == "noi-dung"
    page.goto(sample + NOTICE)
    for _ in range(6):  # the search box comes within a few Tabs of the top
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "vb-search-header":
            break
    assert page.evaluate("document.activeElement.id") == "vb-search-header"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    page.keyboard.type("dang vien")
    page.keyboard.press("Enter")
    page.wait_for_selector(".vb-search[data-ready]")
    assert page.locator(".vb-result").count() > 0


# --- a phone ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", list(PAGES))
def test_nothing_runs_off_a_phone_screen(phone, sample, kind):
    phone.goto(sample + _path(kind))
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360


@pytest.mark.parametrize("kind", list(LISTINGS))
def test_listings_read_as_cards_on_a_phone(phone, sample, kind):
    phone.goto(sample + LISTINGS[kind])
    rows = phone.locator(".vb-listing tbody tr")
    assert rows.count() > 0
    for i in range(min(rows.count(), 5)):
        row = rows.nth(i)
        box = row.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 360
        title = row.locator(".vb-listing__title a, td:first-child a").first
        # The title is a link, and it runs across the card, not a word or two a line.
        assert title.bounding_box()["width"] >= 200 or len(title.inner_text()) < 25
        for cell in row.locator("td").all():
            b = cell.bounding_box()
            assert b is None or b["x"] + b["width"] <= 361


def test_listing_titles_link_to_their_notice(page, sample):
    page.goto(sample + "/thang/2025-11/")
    link = page.locator(".vb-listing tbody tr").first.locator(".vb-listing__title a")
    title = link.inner_text()
    link.click()
    assert page.locator("h1 .vb-summary").inner_text() in title


def test_notice_stacks_on_a_phone(phone, sample):
    phone.goto(sample + NOTICE)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    issuer = phone.locator(".vb-doc-issuer").bounding_box()
    motto = phone.locator(".vb-doc-motto").bounding_box()
    assert motto["y"] >= issuer["y"] + issuer["height"] - 1  # one above the other
    assert phone.locator(".vb-breadcrumbs").is_visible()


def test_notice_laid_out_like_the_document(page, sample):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(sample + NOTICE)
    box = {name: page.locator(f".vb-{name}").bounding_box()
           for name in ("doc-issuer", "doc-motto", "title", "body", "recipients", "signature")}
    assert box["doc-issuer"]["x"] < box["doc-motto"]["x"] and abs(box["doc-issuer"]["y"] - box["doc-motto"]["y"]) < 5
    assert box["doc-motto"]["y"] < box["title"]["y"] < box["body"]["y"] < box["signature"]["y"]
    assert box["recipients"]["x"] < box["signature"]["x"]
    assert page.locator(".vb-place-date").inner_text().endswith("ngày 06 tháng 11 năm 2025")
    assert page.locator(".vb-place-date").evaluate("e => getComputedStyle(e).fontStyle") == "italic"
    assert page.locator(".vb-title").evaluate("e => getComputedStyle(e).textAlign") == "center"


# --- paper -------------------------------------------------------------------------------------------


def test_printed_notice_is_a4_with_party_margins_and_no_chrome(page, sample):
    page.goto(sample + NOTICE)
    pdf = PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True)))
    first = pdf.pages[0]
    assert (round(float(first.mediabox.width)), round(float(first.mediabox.height))) == (595, 842)  # A4 in pt
    # pypdf splits some Vietnamese letters with spaces: compare without any.
    flat = re.sub(r"\s+", "", "".join(p.extract_text() for p in pdf.pages))
    for chrome in ("Theo đơn vị", "Tìm văn bản", "Liên quan", "Chuyển đến nội dung", "Trang tĩnh tạo bằng"):
        assert chrome.replace(" ", "") not in flat, chrome
    for paper in ("ĐẢNG ỦY XÃ TÂN LẬP", "Số 15-TB/ĐU", "ĐẢNG CỘNG SẢN VIỆT NAM", "ngày 06 tháng 11 năm 2025", "Nơi nhận:",
                  "CHÁNH VĂN PHÒNG", "Trần Văn Điệp"):
        assert paper.replace(" ", "") in flat, paper
    assert sample + NOTICE in flat  # the notice's address in the footer
    lefts, sizes = [], []

    def seen(text, cm, tm, font, size):
        if text.strip():
            lefts.append(tm[4] * cm[0] + cm[4])
            sizes.append(size * tm[0] * cm[0])

    first.extract_text(visitor_text=seen)
    mm = 72 / 25.4
    assert 30 * mm - 1 <= min(lefts) <= 36 * mm  # left margin of the Party format
    body = max(set(round(s) for s in sizes), key=[round(s) for s in sizes].count)
    assert 13 <= body <= 14  # the body's type size, in pt
    media = page.evaluate("""() => { const s = []; for (const r of document.styleSheets) {
        try { for (const x of r.cssRules) if (x.media && x.media.mediaText === 'print') s.push(x.cssText) } catch (e) {} }
        return s.join('\\n') }""")
    assert "serif" in media


# --- language ----------------------------------------------------------------------------------------

ENGLISH = re.compile(r"\b(Skip to content|Back to top|Permanent link|Tabs|Search|Header|Footer|Navigation|"
                     r"Not found|Previous|Next|Copy to clipboard|Table of contents|Made with|Share|Type to start)\b")


@pytest.mark.parametrize("kind", list(PAGES))
def test_every_reader_facing_string_is_vietnamese(page, sample, kind):
    page.goto(sample + _path(kind))
    assert page.evaluate("document.documentElement.lang") == "vi"
    said = page.evaluate("""() => [document.body.innerText, document.title,
        ...Array.from(document.querySelectorAll('[title],[aria-label],[placeholder],[alt]'))
           .flatMap(e => ['title', 'aria-label', 'placeholder', 'alt'].map(a => e.getAttribute(a) || ''))]""")
    english = sorted({m.group(0) for s in said for m in ENGLISH.finditer(s)})
    assert english == []


def test_about_page_carries_no_developer_figures(page, sample):
    page.goto(sample + "/gioi-thieu/")
    text = page.inner_text("article")
    assert not re.search(r"\bKB\b|\bMB\b|make bench|Pagefind|WebAssembly", text)


# --- navigation --------------------------------------------------------------------------------------


def test_tabs_breadcrumbs_and_the_guide(page, sample):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(sample + "/")
    tabs = [t.strip() for t in page.locator(".md-tabs__link").all_inner_texts()]
    assert tabs == ["Mới nhất", "Theo tháng", "Theo đơn vị", "Văn bản trích dẫn", "Tìm kiếm"]
    guide = page.locator("footer a", has_text="Hướng dẫn đóng góp")
    guide.click()
    assert page.url.endswith("/huong-dan-dong-gop/")
    page.goto(sample + NOTICE)
    crumbs = page.locator("nav.vb-breadcrumbs li").all_inner_texts()
    assert [c.strip() for c in crumbs] == ["Trang chủ", "Theo tháng", "Tháng 11/2025", "Thông báo số 15-TB/ĐU"]
    page.locator("nav.vb-breadcrumbs a", has_text="Tháng 11/2025").click()
    assert page.url.endswith("/thang/2025-11/")


def test_pages_request_nothing_outside_the_site(page, sample):
    hosts = set()
    page.on("request", lambda r: hosts.add(r.url.split("/")[2] if "://" in r.url else r.url.split(":")[0]))
    for kind in PAGES:
        page.goto(sample + _path(kind))
        page.wait_for_load_state("networkidle")
    results(page, sample, "dang vien")
    page.click(".vb-result__link")
    page.wait_for_load_state("networkidle")
    assert hosts == {sample.split("/")[2]}
