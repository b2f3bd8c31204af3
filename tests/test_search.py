"""Search: Pagefind records built from the archive, and what a reader meets at /tim-kiem/ (SPEC §6)."""

import datetime as dt
import gzip
import json
import re
import unicodedata
from pathlib import Path
from urllib.parse import urlencode

import pytest

from conftest import ROOT, copy_project, make_archive, mkdocs_build
from vanban.search import records as search
from vanban.archive.core import build_archive


# --- records (no browser) ---------------------------------------------------------------------


def test_plain_text_drops_markup_keeps_words():
    md = "## II. NHIỆM VỤ\n\n### **2. Ban Xây dựng Đảng**\n\n- Thực hiện [Chỉ thị 50-CT/TW](x.md) *ngay*.\n> Trích.\n"
    assert search.plain_text(md) == "II. NHIỆM VỤ 2. Ban Xây dựng Đảng Thực hiện Chỉ thị 50-CT/TW ngay. Trích."


def test_indexed_content_keeps_only_words_and_says_where_the_rest_stood():
    text = "Kết luận · · các tổ chức chính trị - xã hội, thực hiện./. (2025 - 2030) -- x/"
    content, gaps = search.indexed(text)
    assert content == "Kết luận · · các tổ chức chính trị xã hội, thực hiện (2025 2030) x"
    rec = search.SearchRecord(url="", content=content, meta={"gaps": gaps})
    assert search.shown_text(rec) == text


def test_fold_d_keeps_length_and_marks_positions():
    folded, marks = search.fold_d("Đoàn Thanh niên, đảng viên")
    assert folded == "Doàn Thanh niên, dảng viên"
    positions, at = [], 0
    for delta in marks.split("."):
        at += int(delta, 36)
        positions.append(at)
    assert positions == [0, 17]


def test_records_cover_every_notice_with_filters_and_sort():
    archive = build_archive(ROOT)
    recs = search.records(archive)
    assert len(recs) == len(archive.notices)
    rec = next(r for r in recs if r.url == "van-ban/2025-11-06-giao-ban-thang-11/")
    assert "đ" not in rec.content and "Đ" not in rec.content
    assert rec.content.endswith("Từ khóa: giao ban, sinh hoạt chi bộ, phát triển dảng viên, bầu cử. "
                                "Trích dẫn: 50-CT/TW, 42-HD/BTCTW, 57-NQ/TW.")
    assert "Người ký: T/L Ban Thường vụ, Chánh Văn phòng, Trần Văn Diệp." in rec.content
    shown = search.shown_text(rec)  # đ and the tokens kept out of the positions put back
    body = shown[int(rec.meta["body_start"]):int(rec.meta["body_end"])]
    assert body.startswith("Sáng ngày 05/11/2025") and body.endswith("tổ chức triển khai thực hiện./.")
    assert body == search.plain_text(next(n for n in archive.notices if n.stem == "2025-11-06-giao-ban-thang-11").body)
    assert "hiện./." not in rec.content and " - " not in rec.content  # neither "hien/" nor "-" is a word
    assert rec.meta["number"] == "15-TB/ĐU" and rec.meta["summary"].startswith("Kết luận hội nghị giao ban")
    # the one meta field Pagefind searches: number and title, đ folded like the content
    assert rec.meta["title"].startswith("15-TB/DU Kết luận hội nghị giao ban khối Dảng")
    assert rec.filters["loai"] == ["thong-bao"] and rec.filters["nam"] == ["2025"] and rec.filters["thang"] == ["2025-11"]
    assert rec.filters["co-quan"] == ["dang-uy"]  # ids: a bookmark survives a renamed unit
    assert "ban-xay-dung-dang" in rec.filters["don-vi"] and "50-CT/TW" in rec.filters["trich-dan"]
    assert rec.sort == {"date": "2025-11-06"}


def test_only_notices_are_indexed_with_their_record_content(sample_site):
    fragments = [json.loads(gzip.decompress(f.read_bytes())[len(b"pagefind_dcd"):])
                 for f in (sample_site / "pagefind" / "fragment").glob("*.pf_fragment")]
    recs = {"/" + r.url: r for r in search.records(build_archive(ROOT))}
    assert {f["url"] for f in fragments} == set(recs)
    for f in fragments:  # the browser puts đ back by position: the text must come back unchanged
        r = recs[f["url"]]
        assert f["content"] == r.content
        assert {k: v for k, v in f["meta"].items() if k in r.meta} == {k: v for k, v in r.meta.items() if v}


# --- in the browser ---------------------------------------------------------------------------


def results(page, base: str, query: str = "", **params) -> list[str]:
    """Open /tim-kiem/?q=… and return the result links, best first, as /van-ban/<stem>/ paths."""
    page.goto(f"{base}/tim-kiem/?{urlencode({'q': query, **params})}")
    page.wait_for_selector(".vb-search[data-ready]", timeout=15000)
    return [a.get_attribute("href") for a in page.query_selector_all(".vb-result__link")]


def stems(links):
    return [re.fullmatch(r"/van-ban/([^/]+)/", link).group(1) for link in links]


@pytest.mark.parametrize("query, expected", [
    ("dang vien", "2025-10-27-ket-luan-phat-trien-dang-vien"),       # "phát triển đảng viên" in its title
    ("doan thanh nien", "2025-12-10-doan-thanh-nien-giao-quan-2026"),
    ("duong giao thong", "2025-09-23-thuy-loi-giao-thong-nong-thon"),
    ("ĐẢNG VIÊN", "2025-10-27-ket-luan-phat-trien-dang-vien"),
])
def test_sample_found_without_diacritics_or_case(page, sample, query, expected):
    assert expected in stems(results(page, sample, query))


def test_sample_number_bearer_first(page, sample):
    for typed in ("15-TB/ĐU", "15-tb/du", "15 - TB/ĐU"):
        found = stems(results(page, sample, typed))
        assert found[0] == "2025-11-06-giao-ban-thang-11", typed
        assert "2025-12-04-giao-ban-thang-12" in found[1:]  # it cites 15-TB/ĐU


@pytest.mark.parametrize("typed", ["50-CT/TW", "50 - CT/TW", "50-ct/tw"])
def test_sample_cited_number_finds_citing_notices(page, sample, typed):
    archive = build_archive(ROOT)
    citing = {n.stem for n in archive.notices if any(u.citation.number == "50-CT/TW" for u in archive.citations[n.stem])}
    assert set(stems(results(page, sample, typed))) == citing


# A small archive where Pagefind's own order would be wrong: the rules of SPEC §6 must fix it.
RANKING = {
    "title": ("Nâng cao chất lượng sinh hoạt chi bộ", "Nội dung khác."),
    "body": ("Kết luận giao ban tháng 8", "Các chi bộ tiếp tục nâng cao chất lượng sinh hoạt chi bộ."),
    "apart": ("Kết luận giao ban tháng 9",
              "Sinh hoạt văn hóa ở thôn; sinh hoạt hè; chi bộ thôn họp; chi bộ trường; bộ phận hoạt động. " * 3),
    "exact": ("Kết luận về giao thông", "Mở rộng đường giao thông liên thôn."),
    "folded": ("Kết luận về khen thưởng", "Tuyên dương giao thông viên. Tuyên dương giao thông viên giỏi. " * 3),
    "nfd": ("Kết luận về hoà giải", unicodedata.normalize("NFD", "Công tác hoà giải ở cơ sở; Đoàn Thanh niên phối hợp.")),
    "bearer": ("Tổ chức Ngày hội Đại đoàn kết", "Tổ chức Ngày hội Đại đoàn kết."),
    "citer": ("Kết luận giao ban tháng 11",
              "Thực hiện Kế hoạch số 05-KH/ĐU ngày 14/10/2025. Kế hoạch 05-KH/ĐU. Kế hoạch 05 - KH/ĐU. "
              "Triển khai Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị."),
    "mttq": ("Kết quả Ngày hội", "Báo cáo kết quả."),
    "mttq-citer": ("Kết luận giao ban tháng 12", "Theo Thông báo số 12/TB-MTTQ-BTT, ngày 12/12/2025. "
                                                 "Thông báo 12/TB-MTTQ-BTT."),
}
NUMBERS = {"bearer": "05-KH/ĐU", "mttq": "12/TB-MTTQ-BTT"}


@pytest.fixture(scope="module")
def ranking(tmp_path_factory, serve):
    root = tmp_path_factory.mktemp("ranking")
    project = copy_project(root / "p", notices=False)
    files = {}
    for i, (name, (title, body)) in enumerate(RANKING.items()):
        date = dt.date(2025, 10, 14) + dt.timedelta(days=i)
        number = NUMBERS.get(name, f"{40 + i}-TB/ĐU")
        issuer = "mttq" if "/TB-MTTQ" in number else "dang-uy"
        text = (f"---\nnumber: {number}\ntitle: {title}\ndate: {date.isoformat()}\nissuer: {issuer}\n"
                f"signer:\n  name: Trần Văn Điệp\n  position: Chánh Văn phòng\n---\n\n{body}\n")
        files[f"notices/2025/{date.isoformat()}-{name}.md"] = text
    make_archive(project, files)
    site = root / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
    return serve(site)


def names(links):
    return [s.split("-", 3)[3] for s in stems(links)]


def test_phrase_in_title_then_body_then_words_apart(page, ranking):
    assert names(results(page, ranking, "sinh hoat chi bo")) == ["title", "body", "apart"]
    assert names(results(page, ranking, "sinh hoạt chi bộ")) == ["title", "body", "apart"]


def test_exact_accented_match_before_folded(page, ranking):
    assert names(results(page, ranking, "đường giao thông")) == ["exact", "folded"]
    assert set(names(results(page, ranking, "duong giao thong"))) == {"exact", "folded"}


def test_nfd_source_and_tone_placement(page, ranking):
    for query in ("hòa giải", "hoà giải", "hoa giai", "HOÀ GIẢI"):
        assert names(results(page, ranking, query)) == ["nfd"], query
    assert names(results(page, ranking, "doan thanh nien")) == ["nfd"]


@pytest.mark.parametrize("typed", ["05-KH/ĐU", "05-kh/du", "05 - KH/ĐU", "05-KH/ÐU"])
def test_number_however_typed_bearer_first(page, ranking, typed):
    assert names(results(page, ranking, typed)) == ["bearer", "citer"]


def test_state_number_and_cited_number(page, ranking):
    assert names(results(page, ranking, "12/TB-MTTQ-BTT")) == ["mttq", "mttq-citer"]
    assert names(results(page, ranking, "57-nq/tw")) == ["citer"]


def test_excerpt_shows_text_as_written_with_match_marked(page, ranking):
    results(page, ranking, "doan thanh nien")
    excerpt = page.inner_html(".vb-result__excerpt")
    assert "<mark>Đoàn</mark> <mark>Thanh</mark> <mark>niên</mark>" in excerpt
    item = page.inner_text(".vb-result")
    assert "45-TB/ĐU" in item and "Kết luận về hoà giải" in item


def test_reader_flow_type_filter_sort_follow(page, sample):
    """Type a query without diacritics in the header, filter, sort by date, open a result."""
    page.goto(sample + "/")
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "vb-search-header"
    page.keyboard.type("sinh hoat chi bo")
    page.keyboard.press("Enter")
    page.wait_for_selector(".vb-search[data-ready]", timeout=15000)
    assert "/tim-kiem/?q=sinh+hoat+chi+bo" in page.url
    found = stems([a.get_attribute("href") for a in page.query_selector_all(".vb-result__link")])
    assert "2025-08-15-ke-hoach-thuc-hien-chi-thi-50" in found and len(found) > 3

    page.select_option("select[name=loai]", "thong-bao")
    assert page.locator("select[name=loai] option[value=thong-bao]").inner_text().startswith("Thông báo (")
    page.wait_for_function("new URLSearchParams(location.search).get('loai') === 'thong-bao'")
    page.wait_for_function("!document.querySelector('.vb-search__status').textContent.includes('Đang')")
    titles = [t.inner_text() for t in page.query_selector_all(".vb-result__title")]
    assert titles and all(t.startswith("Thông báo:") for t in titles)

    page.select_option("select[name=sort]", "date")
    page.wait_for_function("new URLSearchParams(location.search).get('sort') === 'date'")
    page.wait_for_function("!document.querySelector('.vb-search__status').textContent.includes('Đang')")
    shown = [dt.datetime.strptime(d.inner_text(), "%d/%m/%Y") for d in page.query_selector_all(".vb-result__date")]
    assert len(shown) > 2 and shown == sorted(shown, reverse=True)

    page.go_back()  # each filter or sort change is a history entry: Back undoes the sort
    page.wait_for_function("new URLSearchParams(location.search).get('sort') === null")
    page.wait_for_function("!document.querySelector('.vb-search__status').textContent.includes('Đang')")
    assert page.input_value("select[name=sort]") == "" and page.input_value("select[name=loai]") == "thong-bao"
    page.go_forward()
    page.wait_for_function("new URLSearchParams(location.search).get('sort') === 'date'")
    page.wait_for_function("document.querySelector('select[name=sort]').value === 'date'")
    page.wait_for_function("!document.querySelector('.vb-search__status').textContent.includes('Đang')")

    bookmarked = page.url
    first = page.query_selector(".vb-result__link")
    target = first.get_attribute("href")
    first.click()
    page.wait_for_url("**" + target)
    assert page.query_selector("h1.vb-title") is not None
    page.goto(bookmarked)  # the bookmark reopens the same search
    page.wait_for_selector(".vb-search[data-ready]", timeout=15000)
    assert page.input_value("select[name=loai]") == "thong-bao" and page.input_value("#vb-q") == "sinh hoat chi bo"
    assert page.query_selector(".vb-result__link").get_attribute("href") == target


def test_cited_documents_table_sorts_by_count(page, sample):
    page.goto(sample + "/trich-dan/")
    header = page.locator("th button", has_text="Số văn bản trích dẫn")
    header.click()
    counts = [int(c) for c in page.eval_on_selector_all("table tbody tr td:last-child", "tds => tds.map(t => t.textContent)")]
    assert counts == sorted(counts, reverse=True) and counts[0] > counts[-1]
    page.locator("th button", has_text="Ngày").click()
    dates = page.eval_on_selector_all("table tbody tr td:nth-child(3) [data-sort]",
                                      "s => s.map(x => x.dataset.sort)")
    assert dates == sorted(dates, reverse=True)


def test_more_results_than_a_page(page, tmp_path, serve):
    project = copy_project(tmp_path / "p", notices=False)
    files = {}
    for i in range(60):
        date = dt.date(2025, 1, 1) + dt.timedelta(days=i)
        files[f"notices/2025/{date.isoformat()}-giao-ban-{i}.md"] = (
            f"---\nnumber: {i + 1}-TB/ĐU\ntitle: Kết luận giao ban số {i + 1}\ndate: {date.isoformat()}\n"
            f"issuer: dang-uy\nsigner:\n  name: Trần Văn Điệp\n  position: Chánh Văn phòng\n---\n\nNội dung giao ban.\n")
    make_archive(project, files)
    site = tmp_path / "site"
    assert mkdocs_build(project, site).returncode == 0
    base = serve(site)
    first = results(page, base, "giao ban", sort="date")
    assert len(first) == 50 and page.inner_text(".vb-search__status").startswith("Tìm thấy 60 văn bản")
    page.click(".vb-search__more")
    page.wait_for_function("document.querySelectorAll('.vb-result').length === 60")
    every = [a.get_attribute("href") for a in page.query_selector_all(".vb-result__link")]
    assert every[:50] == first and len(set(every)) == 60
    assert stems(every)[0] == "2025-03-01-giao-ban-59" and stems(every)[-1] == "2025-01-01-giao-ban-0"
    assert page.is_hidden(".vb-search__more")


def test_metadata_is_searchable(page, sample):
    assert "2025-11-06-giao-ban-thang-11" in stems(results(page, sample, "Tran Van Diep"))
    assert stems(results(page, sample, "Các chi bộ trực thuộc"))  # a recipient


NUMBER_CASES = json.loads((Path(__file__).parent / "data/numbers.json").read_text(encoding="utf-8"))["cases"]


@pytest.mark.parametrize("typed, number", NUMBER_CASES)
def test_numbers_table_holds_numbers_as_the_archive_writes_them(typed, number):
    """The table the browser test reads: each number is one the archive keeps as written."""
    from vanban.lang import numbers

    assert numbers.normalise(number) == number and numbers.parse(number) is not None


@pytest.mark.parametrize("typed, number", NUMBER_CASES)
def test_browser_reads_numbers_as_the_archive_writes_them(page, sample, typed, number):
    """vn.js mirrors vanban.lang.numbers: a number typed in the search box becomes the one in the archive."""
    page.goto(sample + "/tim-kiem/")
    found = page.evaluate("async (q) => (await import('/assets/javascripts/vn.js')).findNumbers(q)", f"về {typed} ngày")
    assert found == {"numbers": [number], "rest": "về ngày"}


def test_browser_ignores_dates_as_numbers(page, sample):
    page.goto(sample + "/tim-kiem/")
    found = page.evaluate("async (q) => (await import('/assets/javascripts/vn.js')).findNumbers(q)",
                          "ngày 23/7/2025 tháng 11/2025")
    assert found == {"numbers": [], "rest": "ngày 23/7/2025 tháng 11/2025"}


def test_excerpt_shows_the_phrase_searched_not_only_its_words(page, tmp_path, serve):
    """Searching "đảng phí" must show where "đảng phí" stands, not a window full of "Đảng"."""
    project = copy_project(tmp_path / "p", notices=False)
    body = ("Đảng ủy chỉ đạo các chi bộ; Đảng ủy giao Văn phòng Đảng ủy; " * 6
            + "\n\nCác chi bộ thu nộp đảng phí đầy đủ, đúng quy định.\n")
    make_archive(project, {"notices/2025/2025-11-06-a.md": (
        "---\nnumber: 15-TB/ĐU\ntitle: Kết luận giao ban\ndate: 2025-11-06\nissuer: dang-uy\n"
        f"signer:\n  name: Trần Văn Điệp\n  position: Chánh Văn phòng\n---\n\n{body}")})
    site = tmp_path / "site"
    assert mkdocs_build(project, site).returncode == 0
    results(page, serve(site), "đảng phí")
    excerpt = page.inner_html(".vb-result__excerpt")
    assert "thu nộp <mark>đảng</mark> <mark>phí</mark> đầy đủ" in excerpt


def test_on_a_phone_results_follow_the_search_box(browser, sample):
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True)
    page = context.new_page()
    try:
        results(page, sample, "dang vien")
        assert page.locator(".vb-search__filters").is_hidden()  # folded away
        box = page.locator("#vb-q").bounding_box()
        first = page.locator(".vb-result").first.bounding_box()
        assert first["y"] < 740 and first["y"] - (box["y"] + box["height"]) < 150
        page.click(".vb-search__more-options > summary")
        assert page.locator("select[name=loai]").is_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= 360  # nothing off-screen
    finally:
        context.close()
