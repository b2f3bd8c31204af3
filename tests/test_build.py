"""The real `mkdocs build` of the sample archive and of small archives made for a test."""

import re

from conftest import ROOT, copy_project, make_archive, mkdocs_build
from vanban.archive.core import build_archive

SAMPLE = build_archive(ROOT)


def test_sample_archive_is_valid_and_large_enough():
    assert SAMPLE.problems == []
    assert len(SAMPLE.notices) >= 12
    issuers = {n.issuer for n in SAMPLE.notices}
    assert {"dang-uy", "ubkt-dang-uy", "mttq"} <= issuers
    assert {"thong-bao", "ke-hoach", "huong-dan"} <= {n.type for n in SAMPLE.notices}


def test_every_notice_has_its_page_at_van_ban_stem(sample_site):
    for n in SAMPLE.notices:
        page = sample_site / "van-ban" / n.stem / "index.html"
        assert page.exists(), n.stem
        html = page.read_text(encoding="utf-8")
        assert f"Số {n.number}" in html


def test_seed_notice_page_shows_its_metadata_and_text(sample_site):
    html = (sample_site / "van-ban/2025-11-06-giao-ban-thang-11/index.html").read_text(encoding="utf-8")
    assert "THÔNG BÁO" in html
    assert "Kết luận hội nghị giao ban khối Đảng, MTTQ và các tổ chức chính trị - xã hội tháng 11/2025" in html
    assert "Tân Lập, ngày 06 tháng 11 năm 2025" in html
    assert "ĐẢNG ỦY XÃ TÂN LẬP" in html
    assert "T/L BAN THƯỜNG VỤ" in html and "CHÁNH VĂN PHÒNG" in html and "Trần Văn Điệp" in html
    recipients = re.findall(r'<li>(.*?)</li>', html.split('vb-recipients', 1)[1].split("</ul>", 1)[0])
    assert recipients == ["TT Đảng ủy,", "Các cơ quan tham mưu, giúp việc ĐU,", "MTTQ, các tổ chức CTXH,",
                          "Các chi bộ trực thuộc,", "Lưu VPĐU."]
    # a sentence of the seed, unchanged
    assert "Đồng chí Trần Văn Vy - Bí thư Đảng ủy, Chủ tịch HĐND xã - chủ trì hội nghị." in html


def test_notices_stay_out_of_the_sidebar(sample_site):
    html = (sample_site / "index.html").read_text(encoding="utf-8")
    nav = html.split("md-nav--primary", 1)[1].split("md-nav--secondary", 1)[0]
    assert "van-ban/" not in nav


def test_home_lists_newest_notices_first(sample_site):
    html = (sample_site / "index.html").read_text(encoding="utf-8")
    listed = list(dict.fromkeys(re.findall(r'href="van-ban/([^/"]+)/"', html)))  # number and title link
    assert listed[: len(SAMPLE.notices[:20])] == [n.stem for n in SAMPLE.notices[:20]]


def test_hub_and_term_pages_exist(sample_site):
    for path in ("thang", "don-vi", "trich-dan", "don-vi/ban-xay-dung-dang", "thang/2025-11", "trich-dan/50-ct-tw"):
        assert (sample_site / path / "index.html").exists(), path


def test_no_request_outside_the_site(sample_site):
    for page in sample_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        external = re.findall(r'(?:src|href)="(https?://[^"]+)"', html)
        assert [u for u in external if "fonts.g" in u or "cdn" in u] == [], page
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html


def test_bad_metadata_stops_the_build_and_writes_nothing(tmp_path, good_notice):
    project = copy_project(tmp_path / "p", notices=False)
    make_archive(project, {"notices/2025/2025-11-06-a.md": good_notice})
    site = tmp_path / "site"
    assert mkdocs_build(project, site).returncode == 0
    before = {p: p.stat().st_mtime_ns for p in site.rglob("*")}
    (project / "notices/2025/2025-11-06-a.md").write_text(good_notice.replace("issuer: dang-uy", "issuer: dang"),
                                                            encoding="utf-8")
    (project / "notices/2025/2025-11-07-b.md").write_text(good_notice.replace("2025-11-06", "2025-11-07")
                                                          .replace("date: 2025-11-07", "date: 2025-11-7"),
                                                          encoding="utf-8")
    result = mkdocs_build(project, site)
    assert result.returncode != 0
    assert "notices/2025/2025-11-06-a.md:5: issuer: không có đơn vị mã 'dang' trong notices/units.yml" in result.stderr
    assert ("notices/2025/2025-11-07-b.md:4: date: ngày phải viết dạng năm-tháng-ngày (YYYY-MM-DD), "
            "ví dụ 2025-11-06; đang là '2025-11-7'") in result.stderr
    assert "Có 2 lỗi trong notices/: trang không được dựng lại." in result.stderr
    assert {p: p.stat().st_mtime_ns for p in site.rglob("*")} == before


def test_hand_written_page_wins_over_generated(tmp_path, good_notice):
    project = copy_project(tmp_path / "p", notices=False)
    make_archive(project, {"notices/2025/2025-11-06-a.md": good_notice})
    (project / "docs/thang").mkdir()
    (project / "docs/thang/index.md").write_text("# Theo tháng (viết tay)\n", encoding="utf-8")
    site = tmp_path / "site"
    assert mkdocs_build(project, site).returncode == 0
    assert "Theo tháng (viết tay)" in (site / "thang/index.html").read_text(encoding="utf-8")
    assert (site / "thang/2025-11/index.html").exists()


def test_a_new_archive_without_notices_builds(tmp_path):
    """An office's first day: units.yml and no notice yet. The site builds, with its search."""
    project = copy_project(tmp_path / "p", notices=False)
    make_archive(project, {})
    site = tmp_path / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
    assert (site / "index.html").exists() and (site / "pagefind" / "pagefind-entry.json").exists()


def test_a_rebuild_of_the_same_archive_is_the_same_bytes(tmp_path, sample_site):
    """Search bundle included: neither Pagefind's hash maps, nor the order in which a file system
    lists a folder, nor the day of the build may show in the site."""
    again = tmp_path / "site"
    result = mkdocs_build(ROOT, again)
    assert result.returncode == 0, result.stderr

    def tree(site):
        return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}

    first, second = tree(sample_site), tree(again)
    assert sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []


def _tree(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def _make_build(project):
    """`make build` of the project, with this checkout's Makefile and virtual environment."""
    import subprocess

    venv = ROOT / ".venv"
    return subprocess.run(["make", "-s", "-f", str(ROOT / "Makefile"), "-C", str(project), "build",
                           f"VENV={venv}", "-o", str(venv / ".installed-stamp")],
                          capture_output=True, text=True)


def test_make_build_replaces_site_only_when_the_whole_build_succeeds(tmp_path, good_notice):
    project = copy_project(tmp_path / "p", notices=False)
    make_archive(project, {"notices/2025/2025-11-06-a.md": good_notice})
    first = _make_build(project)
    assert first.returncode == 0, first.stderr
    site = project / "site"
    before = _tree(site)
    assert "van-ban/2025-11-06-a/index.html" in before
    # A hand-written page with a broken link passes vanban check; strict MkDocs fails only at
    # the end of its build, after writing pages.
    (project / "docs/gioi-thieu.md").write_text("# Giới thiệu\n\n[mất](khong-co.md)\n", encoding="utf-8")
    (project / "notices/2025/2025-11-07-b.md").write_text(
        good_notice.replace("2025-11-06", "2025-11-07"), encoding="utf-8")
    failed = _make_build(project)
    assert failed.returncode != 0
    assert "khong-co.md" in failed.stderr
    assert "Bản dựng không thành công: site/ được giữ nguyên như trước." in failed.stderr
    assert _tree(site) == before
    assert sorted(p.name for p in project.iterdir() if p.name.startswith(".site")) == []
    (project / "docs/gioi-thieu.md").write_text("# Giới thiệu\n", encoding="utf-8")
    assert _make_build(project).returncode == 0
    assert "van-ban/2025-11-07-b/index.html" in _tree(site)


def test_properdocs_builds_the_same_site(tmp_path, sample_site):
    """MkDocs 1.x is unmaintained; ProperDocs, the fork that keeps hooks, must give the same pages."""
    import subprocess
    import sys

    site = tmp_path / "site"
    result = subprocess.run([sys.executable, "-m", "properdocs", "build", "--strict", "-f", str(ROOT / "mkdocs.yml"),
                             "-d", str(site)], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    generator = re.compile(rb'<meta name="generator" content="[^"]*">')
    mine, theirs = _tree(sample_site), _tree(site)
    assert sorted(theirs) == sorted(mine)
    assert len([p for p in mine if p.startswith("van-ban/")]) == len(SAMPLE.notices)
    differ = [p for p in mine if generator.sub(b"", mine[p]) != generator.sub(b"", theirs[p])]
    assert differ == []


def test_feeds_are_advertised_where_a_reader_subscribes(sample_site):
    import feedparser

    for page, feed in (("index.html", "feed.xml"), ("don-vi/ban-xay-dung-dang/index.html", "feed.xml"),
                       ("trich-dan/50-ct-tw/index.html", "feed.xml")):
        html = (sample_site / page).read_text(encoding="utf-8")
        [href] = re.findall(r'<link rel="alternate" type="application/atom\+xml" title="[^"]+" href="([^"]+)">', html)
        assert href == feed
        parsed = feedparser.parse((sample_site / page).parent.joinpath(href).read_bytes())
        assert not parsed.bozo and parsed.entries, page
    unit = feedparser.parse((sample_site / "don-vi/ban-xay-dung-dang/feed.xml").read_bytes())
    assert "Kết luận hội nghị giao ban khối Đảng, MTTQ và các tổ chức chính trị - xã hội tháng 11/2025" in \
        [e.summary for e in unit.entries]


def test_home_links_the_register_and_the_catalog(sample_site):
    html = (sample_site / "index.html").read_text(encoding="utf-8")
    assert '<a href="so-dang-ky.csv">sổ đăng ký văn bản</a>' in html
    assert '<a href="catalog.json">danh mục đầy đủ</a>' in html
    assert (sample_site / "so-dang-ky.csv").read_bytes().startswith("\ufeff\"Số, ký hiệu\"".encode("utf-8"))


def test_sitemap_lists_every_page_dated_by_its_notice(sample_site):
    sitemap = (sample_site / "sitemap.xml").read_text(encoding="utf-8")
    locs = dict(re.findall(r"<loc>([^<]+)</loc>\s*<lastmod>([^<]+)</lastmod>", sitemap))
    pages = {"/" + p.parent.relative_to(sample_site).as_posix() + "/" for p in sample_site.rglob("index.html")}
    pages = {p.replace("/./", "/") for p in pages}
    assert pages <= set(locs)
    for n in SAMPLE.notices:
        assert locs[f"/van-ban/{n.stem}/"] == n.date.isoformat()


def test_the_built_catalog_validates_against_its_built_schema(sample_site):
    import json

    import jsonschema

    schema = json.loads((sample_site / "catalog.schema.json").read_text(encoding="utf-8"))
    catalog = json.loads((sample_site / "catalog.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(catalog)
    assert [n["url"] for n in catalog["notices"]] == [f"van-ban/{n.stem}/" for n in SAMPLE.notices]


def test_no_english_left_where_a_reader_looks(sample_site):
    for page in ("404.html", "index.html", "van-ban/2025-11-06-giao-ban-thang-11/index.html"):
        html = (sample_site / page).read_text(encoding="utf-8")
        for english in ("404 - Not found", "Permanent link", 'aria-label="Tabs"', "Initializing search"):
            assert english not in html, (page, english)
    assert "<h1>Không tìm thấy trang (lỗi 404)</h1>" in (sample_site / "404.html").read_text(encoding="utf-8")
