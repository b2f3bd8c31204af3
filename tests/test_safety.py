"""Nothing a contributor commits runs script in a reader's browser or hides other notices.

One archive holds every payload an attacker or a careless paste would bring: in a title,
in a unit's name, in a body (raw HTML, attr_list attributes, javascript: links, <base>),
and an unclosed <textarea> in one section quoted on a unit page beside ten others.
"""

import re
import shutil
from urllib.parse import quote

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import DATA, copy_project, mkdocs_build

PWN = "window.__pwned=(window.__pwned||0)+1"
TITLE = f'Kết luận <img src=x onerror="{PWN}"> </title><script>{PWN}</script> giao ban'
UNIT = f'Ban <img src=x onerror="{PWN}">Dân vận'
BODY = f"""
## I. NỘI DUNG <img src=x onerror="{PWN}">

<script>{PWN}</script>
<iframe src="javascript:{PWN}"></iframe>
<svg onload="{PWN}"></svg>
<details open ontoggle="{PWN}"><summary>Chi tiết</summary>x</details>
<base href="http://127.0.0.2/">
<link rel="stylesheet" href="http://127.0.0.2/x.css">
<form action="http://127.0.0.2/"><input name="q"></form>
<p style="position:fixed;top:0;left:0;width:100%;height:100%;background:red">phủ trang</p>

[bấm vào đây](javascript:{PWN}) và [tham chiếu][r] và [dữ liệu](data:text/html,<script>{PWN}</script>)

[r]: javascript:{PWN}

Đoạn có thuộc tính lạ.
{{: onclick="{PWN}" }}

![ảnh](../assets/screenshot.png){{: onerror="{PWN}" }}

<div markdown="1" onmouseover="{PWN}">**Đậm** trong khối</div>

### 1. Ban Xây dựng Đảng

Nhiệm vụ của notice A <script>{PWN}</script> <textarea>
- phần này nằm trong textarea chưa đóng
"""

OTHER = """---
number: {i}-TB/ĐU
title: Kết luận số {i}
date: 2025-11-{i:02d}
issuer: dang-uy
signer:
  name: Trần Văn Điệp
  position: Chánh Văn phòng
---

### 1. Ban Xây dựng Đảng

- Nhiệm vụ riêng của thông báo {i}.
"""


def _notice(title: str, body: str) -> str:
    return f"""---
number: 15-TB/ĐU
title: '{title}'
date: 2025-11-20
issuer: dang-uy
signer:
  name: Trần Văn Điệp
  position: Chánh Văn phòng
units: [ban-dan-van]
---
{body}"""


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("hostile"), notices=False)
    (project / "notices/2025").mkdir(parents=True)
    units = (DATA / "units.yml").read_text(encoding="utf-8")
    units += f"ban-dan-van:\n  name: '{UNIT}'\n  parent: dang-uy\n"
    (project / "notices/units.yml").write_text(units, encoding="utf-8")
    (project / "notices/2025/2025-11-20-a.md").write_text(_notice(TITLE, BODY), encoding="utf-8")
    for i in range(1, 11):
        (project / f"notices/2025/2025-11-{i:02d}-b{i}.md").write_text(OTHER.format(i=i), encoding="utf-8")
    site = project / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
    return project, site, result.stderr


PAGES = ["van-ban/2025-11-20-a/", "don-vi/ban-dan-van/", "don-vi/ban-xay-dung-dang/", "", "thang/2025-11/",
         "don-vi/", f"tim-kiem/?q={quote('ket luan giao ban')}"]


def test_build_warns_what_it_removes(hostile):
    _, _, log = hostile
    assert "cảnh báo: thẻ <script> sẽ bị bỏ khi hiển thị" in log
    assert "cảnh báo: liên kết 'javascript:" in log
    assert log.count("site_url chưa khai báo trong mkdocs.yml") == 1  # said once, not per feed


def test_titles_and_names_are_text_everywhere(hostile):
    _, site, _ = hostile
    notice = (site / "van-ban/2025-11-20-a/index.html").read_text(encoding="utf-8")
    escaped = "Kết luận &lt;img src=x onerror=&#34;"
    title = re.search(r"<title>(.*?)</title>", notice, re.S).group(1)
    assert title.startswith("Thông báo 15-TB/ĐU: Kết luận &lt;img src=x")
    assert "&lt;/title&gt;&lt;script&gt;" in title
    topic = notice.split('data-md-component="header-topic"', 1)[1].split("</div>", 1)[0]
    assert "&lt;img src=x" in topic and "<img" not in topic
    assert escaped in notice.replace("&quot;", "&#34;")
    unit = (site / "don-vi/ban-dan-van/index.html").read_text(encoding="utf-8")
    assert re.search(r"<title>Ban &lt;img src=x onerror=(&#34;|&quot;)", unit)


def test_no_script_handler_or_frame_survives_in_any_page(hostile):
    _, site, _ = hostile
    reference = (site / "van-ban/2025-11-01-b1/index.html").read_text(encoding="utf-8")
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        html = re.sub(r'<form class="vb-search(-box|__form)".*?</form>', "", html, flags=re.S)  # the site's own
        where = page.relative_to(site)
        assert not re.search(r"<[a-z][^>]*\son[a-z]+\s*=", html, re.I), where
        assert not re.search(r"""(href|src|action)\s*=\s*["']?\s*(javascript|data):""", html, re.I), where
        for tag in ("<base", "<iframe", "<form", "<textarea", "<svg onload", "<details", "<link rel=\"stylesheet\" href=\"http"):
            assert tag not in html, (where, tag)
        assert "127.0.0.2" not in html, where
        assert 'style="position:fixed' not in html, where
        assert html.count("<script") == reference.count("<script") or not page.match("van-ban/*/index.html"), where


def test_unclosed_tag_cannot_hide_the_next_notices(hostile):
    _, site, _ = hostile
    unit = (site / "don-vi/ban-xay-dung-dang/index.html").read_text(encoding="utf-8")
    for i in range(1, 11):
        assert f"<li>Nhiệm vụ riêng của thông báo {i}.</li>" in unit
    assert unit.count('<blockquote class="vb-quote">') == 11


def test_nothing_runs_and_nothing_leaves_the_site_in_the_browser(hostile, browser, serve):
    _, site, _ = hostile
    base = serve(site)
    host = base.split("/")[2]
    context = browser.new_context()
    page = context.new_page()
    outside, dialogs = [], []
    page.on("request", lambda r: outside.append(r.url) if r.url.split("/")[2] != host else None)
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    try:
        for path in PAGES:
            page.goto(f"{base}/{path}")
            page.wait_for_load_state("networkidle")
            if path.startswith("tim-kiem"):
                page.wait_for_selector(".vb-search[data-ready]", timeout=15000)
                assert page.locator(".vb-result__link").count() >= 1
            for element in page.locator(".vb-body *, .vb-quote *").all()[:200]:
                element.dispatch_event("mouseover")
                element.dispatch_event("click")
            assert page.evaluate("window.__pwned || 0") == 0, path
        unit_page = f"{base}/don-vi/ban-xay-dung-dang/"
        page.goto(unit_page)
        assert page.locator("textarea").count() == 0
        assert page.locator("blockquote.vb-quote li", has_text="Nhiệm vụ riêng của thông báo 10.").is_visible()
    finally:
        context.close()
    assert outside == [] and dialogs == []


def test_check_warns_with_file_and_line(hostile, capsys, monkeypatch):
    from vanban.tools.cli import main

    project, _, _ = hostile
    shutil.rmtree(project / "site")
    monkeypatch.chdir(project)
    assert main(["check"]) == 0
    out = capsys.readouterr().out
    f = "notices/2025/2025-11-20-a.md"
    removed = [
        (12, "thuộc tính onerror của thẻ <img>"),
        (14, "thẻ <script>"),
        (15, "thẻ <iframe>"),
        (16, "thẻ <svg>"),
        (17, "thẻ <details>"),
        (17, "thẻ <summary>"),
        (18, "thẻ <base>"),
        (19, "thẻ <link>"),
        (20, "thẻ <form>"),
        (20, "thẻ <input>"),
        (21, "thuộc tính style của thẻ <p>"),
        (23, f"liên kết 'data:text/html,<script>{PWN}<…'"),
        (23, f"liên kết 'javascript:{PWN}'"),
        (23, "thẻ <script>"),
        (25, f"liên kết 'javascript:{PWN}'"),
        (28, "thuộc tính onclick của thẻ <p>"),
        (30, "thuộc tính onerror của thẻ <img>"),
        (32, "thuộc tính onmouseover của thẻ <div>"),
        (36, "thẻ <script>"),
        (36, "thẻ <textarea>"),
    ]
    assert out.splitlines() == [f"{f}:{line}: cảnh báo: {what} sẽ bị bỏ khi hiển thị (không an toàn cho trang công khai)"
                                for line, what in removed]


def test_check_renders_bodies_with_the_extensions_of_mkdocs_yml():
    """vanban check sees what the build will remove only if both render Markdown alike."""
    import yaml

    from conftest import ROOT
    from vanban.site import render

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: suffix)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    extensions = [next(iter(e)) if isinstance(e, dict) else e for e in config["markdown_extensions"]]
    options = {next(iter(e)): e[next(iter(e))] for e in config["markdown_extensions"] if isinstance(e, dict)}
    assert extensions == render.EXTENSIONS
    assert options["tables"] == render.CONFIGS["tables"]
    assert options["toc"]["permalink"] == render.CONFIGS["toc"]["permalink"]
    assert options["toc"]["permalink_title"] == render.CONFIGS["toc"]["permalink_title"]
    assert options["toc"]["slugify"] == "name:vanban.lang.text.heading_id"


_PIECES = [
    "## Mục {i}", "### Tiểu mục {i}", "Đoạn văn {i} có **chữ đậm** và `mã`.",
    "[liên kết](../2025/a.md \"Tiêu đề có \\\"nháy\\\" & dấu\")", "[neo](#muc-1)", "[ngoài](https://example.org/?a=1&b=2)",
    "![ảnh](anh/so&nbsp;do.png)", "<a href=\"t&#160;m.md\" title=\"a<b>c\">lạ</a>", "<div markdown>\n## Trong khối {i}\n</div>",
    "!!! note \"Ghi chú\"\n    ## Đề mục trong ghi chú {i}\n    Nội dung.", "| A | B |\n|---|---|\n| [x](x.md) | y |",
    "<div>không đóng", "</span> thừa", "- mục một\n- [mục hai](b.md)", "<p id=\"md-x\">id lạ</p>", "&lt;h2 id=\"x\"&gt; chữ",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_PIECES), st.integers(1, 3)), min_size=1, max_size=14))
def test_a_quoted_section_is_cleaned_as_nh3_cleans_it(pieces):
    """A unit page quotes a section cut from its notice's clean page (pages.quote_from_html):
    sanitize.reclean skips nh3 when the piece balances, and must give what nh3 gives."""
    from vanban.site import pages
    from vanban.site import render
    from vanban.site import sanitize

    body = "\n\n".join(p.format(i=i) for p, i in pieces)
    page = sanitize.clean(render.body_html(body))
    rebase = lambda url: "../../van-ban/" + url  # noqa: E731
    for level, start in pages._headings(page).values():
        end = pages._HEADING_END[level].search(page, start)
        piece = page[start:end.start() if end else len(page)]
        assert sanitize.reclean(piece, rebase, keep_ids=False) == sanitize.clean(piece, rebase, keep_ids=False)
    assert sanitize.reclean(page) == sanitize.clean(page)
