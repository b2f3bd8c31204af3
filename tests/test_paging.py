"""Pages that grow with the archive stay bounded: past 100 entries a unit's page and a cited
document's page show the newest year(s), and every year has a page of its own."""

import datetime as dt
import re

import pytest

from conftest import copy_project, make_archive, mkdocs_build

YEARS = (2023, 2024, 2025)
PER_YEAR = 45


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("paging")
    project = copy_project(root / "p", notices=False)
    files = {}
    for year in YEARS:
        for k in range(PER_YEAR):
            date = dt.date(year, 1, 1) + dt.timedelta(days=k * 8)
            files[f"notices/{year}/{date.isoformat()}-gb-{k}.md"] = (
                f"---\nnumber: {k + 1}-TB/ĐU\ntitle: Kết luận giao ban số {k + 1} năm {year}\ndate: {date.isoformat()}\n"
                "issuer: dang-uy\nsigner:\n  name: Trần Văn Điệp\n  position: Chánh Văn phòng\n---\n\n"
                f"Thực hiện Chỉ thị số 50-CT/TW ngày 23/7/2025 của Ban Bí thư.\n\n## Ban Xây dựng Đảng\n\n"
                f"- Nhiệm vụ {k + 1} của năm {year}, báo cáo về [Văn phòng](../don-vi/van-phong-dang-uy.md).\n")
    make_archive(project, files)
    out = root / "site"
    result = mkdocs_build(project, out)
    assert result.returncode == 0, result.stderr
    return out


def _read(site, path):
    return (site / path / "index.html").read_text(encoding="utf-8")


def _tasks(html):
    return set(re.findall(r"Nhiệm vụ (\d+) của năm (\d{4})", html))


def test_unit_page_shows_the_newest_year_and_each_year_has_its_page(site):
    main = _read(site, "don-vi/ban-xay-dung-dang")
    assert _tasks(main) == {(str(k + 1), "2025") for k in range(PER_YEAR)}
    assert "trang này hiện năm 2025" in main
    seen = set()
    for year in YEARS:
        page = _read(site, f"don-vi/ban-xay-dung-dang/{year}")
        assert _tasks(page) == {(str(k + 1), str(year)) for k in range(PER_YEAR)}
        assert f"Ban Xây dựng Đảng: năm {year}" in page
        for other in YEARS:  # every year's page leads to every other
            if other != year:
                assert f'href="../{other}/"' in page
        seen |= _tasks(page)
    assert len(seen) == PER_YEAR * len(YEARS)  # every task on exactly one year's page


def test_cited_document_page_is_paged_the_same_way(site):
    main = _read(site, "trich-dan/50-ct-tw")
    assert f"Được trích dẫn trong {PER_YEAR * 3} văn bản ({PER_YEAR} trong năm 2025)" in main
    assert len(re.findall(r"Kết luận giao ban số \d+ năm 2025", main)) == PER_YEAR
    assert not re.search(r"Kết luận giao ban số \d+ năm 202[34]", main)
    assert 'href="2023/"' in main
    page = _read(site, "trich-dan/50-ct-tw/2023")
    assert len(re.findall(r"Kết luận giao ban số \d+ năm 2023", page)) == PER_YEAR


def test_a_short_unit_page_keeps_everything(site):
    # Đảng ủy issued all 135 notices, but was assigned none: 135 entries, so it is paged; the
    # sample archive's units (a few dozen entries) are not, and have no year pages.
    assert (site / "don-vi/dang-uy/2024/index.html").exists()
    assert not (site / "don-vi/mttq/2024").exists()
    assert "Theo năm" not in _read(site, "don-vi/mttq")


def test_links_in_quoted_tasks_hold_on_every_page(site):
    for page in ("don-vi/ban-xay-dung-dang", "don-vi/ban-xay-dung-dang/2024"):
        html = _read(site, page)
        quotes = re.findall(r'<blockquote class="vb-quote">(.*?)</blockquote>', html, re.S)
        hrefs = {h for q in quotes for h in re.findall(r'href="([^"]+)"', q)}
        assert len(hrefs) == 1, hrefs
        target = (site / page / hrefs.pop()).resolve()
        assert target == (site / "don-vi/van-phong-dang-uy").resolve() and (target / "index.html").exists()
