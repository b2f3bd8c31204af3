"""Cross-linking: citations, months, units, cited documents — on the sample and on generated archives."""

import datetime as dt
import random
import re
from pathlib import Path

import pytest

from conftest import ROOT, copy_project, make_archive, mkdocs_build
from linkcheck import broken_links
from vanban.archive.core import build_archive


def page(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def notice(number, date, title, body, issuer="dang-uy", extra=""):
    return (f"---\nnumber: {number}\ntitle: {title}\ndate: {date.isoformat()}\nissuer: {issuer}\n{extra}"
            f"signer:\n  name: Trần Văn Điệp\n  position: Chánh Văn phòng\n  authority: T/L Ban Thường vụ\n---\n\n{body}\n")


def path_of(date, slug):
    return f"notices/{date.year}/{date.isoformat()}-{slug}.md"


# --- the sample archive -----------------------------------------------------------------------


def test_every_link_and_anchor_of_the_sample_site_resolves(sample_site):
    assert broken_links(sample_site) == []


def test_seed_citations_become_links(sample_site):
    html = page(sample_site, "van-ban/2025-11-06-giao-ban-thang-11")
    assert '<a href="../../trich-dan/50-ct-tw/">Chỉ thị 50-CT/TW ngày 23/7/2025 của Ban Bí thư</a>' in html
    assert '<a href="../../trich-dan/57-nq-tw/">Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị</a>' in html


def test_seed_assigns_tasks_to_four_units_by_heading():
    archive = build_archive(ROOT)
    found = [(a.unit, a.section.title) for a in archive.assignments["2025-11-06-giao-ban-thang-11"]]
    assert found == [
        ("ban-xay-dung-dang", "2. Ban Xây dựng Đảng"),
        ("ubkt-dang-uy", "3. UBKT Đảng ủy"),          # not dang-uy: the longest name wins
        ("van-phong-dang-uy", "4. Văn phòng Đảng ủy"),
        ("mttq", "5. UBMTTQ và các tổ chức chính trị - xã hội."),
    ]


def test_unit_page_shows_the_tasks_with_a_link_to_the_section(sample_site):
    html = page(sample_site, "don-vi/ubkt-dang-uy")
    assert 'href="../../van-ban/2025-11-06-giao-ban-thang-11/#3-ubkt-ddang-uy"' in html
    assert "Chủ động nắm bắt tình hình cơ sở; tăng cường giám sát thường xuyên" in html


def test_old_tone_placement_heading_assigns_too():
    archive = build_archive(ROOT)
    units = {a.unit for a in archive.assignments["2025-09-23-thuy-loi-giao-thong-nong-thon"]}
    assert "ubnd" in units  # "### 1. Uỷ ban nhân dân xã"


def test_month_pages_list_exactly_their_notices(sample_site):
    archive = build_archive(ROOT)
    for month, entries in archive.index["thang"].items():
        html = page(sample_site, f"thang/{month}")
        listed = re.findall(r'href="../../van-ban/([^/"]+)/"', html)
        assert listed[::2] == listed[1::2]  # the number and the title link the same notice
        assert listed[::2] == [e.notice.stem for e in entries]
        assert all(e.notice.month == month for e in entries)
    assert sum(len(e) for e in archive.index["thang"].values()) == len(archive.notices)


def test_units_hub_sorted_with_vietnamese_collation(sample_site):
    html = page(sample_site, "don-vi")
    names = re.findall(r'<td><span class="vb-listing__title"><a href="[^"]+/">([^<]+)</a></span></td>', html)
    assert names.index("Ban Xây dựng Đảng") < names.index("Đảng ủy xã Tân Lập") < names.index("Hội Nông dân xã Tân Lập")
    assert names.index("Đoàn Thanh niên Cộng sản Hồ Chí Minh xã Tân Lập") < names.index("Hội Cựu chiến binh xã Tân Lập")


def test_cited_documents_hub_counts_and_sort_keys(sample_site):
    archive = build_archive(ROOT)
    html = page(sample_site, "trich-dan")
    assert 'class="vb-sortable"' in html
    row = re.search(r'<tr>\s*<td><a href="50-ct-tw/">50-CT/TW</a></td>(.*?)</tr>', html, re.S).group(1)
    citing = {n.stem for n in archive.notices
              if any(u.citation.number == "50-CT/TW" for u in archive.citations[n.stem])}
    assert len(citing) >= 5
    assert row.rstrip().endswith(f"<td>{len(citing)}</td>")
    assert 'data-sort="2025-07-23"' in row


def test_cited_document_page_lists_citing_notices_newest_first_with_sentence(sample_site):
    html = page(sample_site, "trich-dan/42-hd-btctw")
    assert "Ban Tổ chức Trung ương" in html or "BTC Trung ương" in html
    dates = [dt.datetime.strptime(d, "%d/%m/%Y") for d in re.findall(r"ngày (\d\d/\d\d/\d{4})</a>", html)]
    assert dates == sorted(dates, reverse=True) and len(dates) >= 2
    assert "<blockquote>" in html and "42-HD/BTCTW" in html.split("<blockquote>", 1)[1]


def test_notice_related_block(sample_site):
    html = page(sample_site, "van-ban/2025-11-06-giao-ban-thang-11")
    related = html.split('class="vb-related"', 1)[1]
    assert "Văn bản được trích dẫn" in related and "50-CT/TW" in related
    assert "Văn bản trích dẫn thông báo này" in related and "18-TB/ĐU" in related  # the December notice cites it
    assert "Cùng tháng 11/2025" in related
    assert 'rel="prev"' in related and 'rel="next"' in related


# --- generated archives -----------------------------------------------------------------------


def generated(tmp_path: Path, count: int, seed: int):
    """``count`` notices, each citing an earlier one by number and date or Chỉ thị 50-CT/TW,
    and assigning tasks to a unit by heading; returns what was written, for the expectations."""
    rng = random.Random(seed)
    files, truth = {}, {"cites": {}, "assigned": {}, "directive": set()}
    start = dt.date(2025, 7, 1)
    made = []
    for i in range(count):
        date = start + dt.timedelta(days=3 * i)
        number = f"{i + 1:02d}-TB/ĐU"
        stem = f"{date.isoformat()}-thong-bao-{i + 1}"
        lines = ["## I. NHIỆM VỤ", ""]
        if made and rng.random() < 0.6:
            target = rng.choice(made)
            lines += [f"Thực hiện Thông báo số {target[1]} ngày {target[0]:%d/%m/%Y} của Đảng ủy.", ""]
            truth["cites"].setdefault(target[2], set()).add(stem)
        if rng.random() < 0.5:
            lines += ["Tiếp tục thực hiện Chỉ thị 50-CT/TW ngày 23/7/2025 của Ban Bí thư.", ""]
            truth["directive"].add(stem)
        unit, heading = rng.choice([("ban-xay-dung-dang", "Ban Xây dựng Đảng"), ("mttq", "UBMTTQ"),
                                    ("ubkt-dang-uy", "UBKT Đảng ủy")])
        lines += [f"### 1. {heading}", "", f"- Nhiệm vụ số {i + 1} của đơn vị.", ""]
        truth["assigned"].setdefault(unit, []).append(stem)
        files[path_of(date, f"thong-bao-{i + 1}")] = notice(number, date, f"Kết luận số {i + 1}", "\n".join(lines))
        made.append((date, number, stem))
    return files, truth


@pytest.mark.parametrize("seed", [1, 2])
def test_generated_archive_links_resolve_and_counts_are_right(tmp_path, seed):
    files, truth = generated(tmp_path, 40, seed)
    project = copy_project(tmp_path / "p", notices=False)
    make_archive(project, files)
    site = tmp_path / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
    assert broken_links(site) == []
    for cited, citing in truth["cites"].items():
        related = page(site, f"van-ban/{cited}").split("Văn bản trích dẫn thông báo này", 1)[1]
        shown = set(re.findall(r'href="../../van-ban/([^/"]+)/"', related.split("<h3>", 1)[0]))
        assert shown == citing, cited
    hub = page(site, "trich-dan")
    assert re.search(rf'<a href="50-ct-tw/">50-CT/TW</a>.*?<td>{len(truth["directive"])}</td>\s*</tr>', hub, re.S)
    for unit, stems in truth["assigned"].items():
        html = page(site, f"don-vi/{unit}").split('<h2 id="van-ban-do-ddon-vi-ban-hanh"', 1)[0]
        listed = list(dict.fromkeys(re.findall(r'href="../../van-ban/([^/"#]+)/#', html)))
        assert listed == list(reversed(stems)), unit  # newest first


def test_notice_added_later_appears_on_the_older_ones_page(tmp_path):
    old_date, new_date = dt.date(2025, 9, 9), dt.date(2025, 10, 7)
    project = copy_project(tmp_path / "p", notices=False)
    make_archive(project, {path_of(old_date, "a"): notice("09-TB/ĐU", old_date, "Giao ban tháng 9", "Nội dung.")})
    site = tmp_path / "site"
    assert mkdocs_build(project, site).returncode == 0
    assert "2025-10-07-b" not in page(site, "van-ban/2025-09-09-a")
    make_archive(project, {path_of(new_date, "b"): notice(
        "12-TB/ĐU", new_date, "Giao ban tháng 10", "Kiểm điểm việc thực hiện Thông báo số 09-TB/ĐU ngày 09/9/2025.")})
    assert mkdocs_build(project, site).returncode == 0
    related = page(site, "van-ban/2025-09-09-a").split('class="vb-related"', 1)[1]
    assert 'href="../../van-ban/2025-10-07-b/"' in related
    body = page(site, "van-ban/2025-10-07-b")
    assert '<a href="../2025-09-09-a/">Thông báo số 09-TB/ĐU ngày 09/9/2025</a>' in body


def test_restarted_numbering_links_by_date_or_to_the_number_page(tmp_path):
    """Numbering restarts with each term: 01-TB/ĐU of 2020 and of 2025 are different notices."""
    d1, d2, d3 = dt.date(2020, 10, 5), dt.date(2025, 7, 3), dt.date(2025, 8, 1)
    project = copy_project(tmp_path / "p", notices=False)
    make_archive(project, {
        path_of(d1, "cu"): notice("01-TB/ĐU", d1, "Nhiệm kỳ cũ", "Nội dung."),
        path_of(d2, "moi"): notice("01-TB/ĐU", d2, "Nhiệm kỳ mới", "Nội dung."),
        path_of(d3, "c"): notice("02-TB/ĐU", d3, "Trích dẫn",
                                 "Theo Thông báo số 01-TB/ĐU ngày 03/7/2025. Xem thêm Thông báo số 01-TB/ĐU."),
    })
    site = tmp_path / "site"
    assert mkdocs_build(project, site).returncode == 0
    body = page(site, "van-ban/2025-08-01-c")
    assert '<a href="../2025-07-03-moi/">Thông báo số 01-TB/ĐU ngày 03/7/2025</a>' in body
    assert '<a href="../../trich-dan/01-tb-ddu/">Thông báo số 01-TB/ĐU</a>' in body
    number_page = page(site, "trich-dan/01-tb-ddu")
    assert "../../van-ban/2020-10-05-cu/" in number_page and "../../van-ban/2025-07-03-moi/" in number_page
    assert "../../van-ban/2025-08-01-c/" in number_page


@pytest.mark.parametrize("heading, units", [
    ("### 6. Đoàn Thanh niên, Hội LHPN", ["doan-thanh-nien", "hoi-lien-hiep-phu-nu"]),
    ("### 4. Văn phòng Đảng ủy", ["van-phong-dang-uy"]),                 # not the Đảng ủy inside it
    ("## **3. UBKT Đảng uỷ**", ["ubkt-dang-uy"]),                        # bold, old tone placement
    ("#### b) ĐOÀN THANH NIÊN", ["doan-thanh-nien"]),                     # case ignored
    ("### II. NHIỆM VỤ TRỌNG TÂM", []),
    ("### 1. Nhiệm vụ chung: Đảng ủy chỉ đạo", ["dang-uy"]),
    ("### 2. Ban Xây dựng Đảng phối hợp với MTTQ", ["ban-xay-dung-dang", "mttq"]),
    ("### 5. Hội LHPNX", []),                                            # a longer word is not the alias
])
def test_heading_assigns_units(tmp_path, heading, units):
    body = f"{heading}\n\n- Nhiệm vụ.\n\n## Phần khác\n\n- Không thuộc mục trên.\n"
    d = dt.date(2025, 11, 6)
    make_archive(tmp_path, {path_of(d, "a"): notice("15-TB/ĐU", d, "Kết luận", body)})
    archive = build_archive(tmp_path)
    found = archive.assignments["2025-11-06-a"]
    assert [a.unit for a in found] == units
    assert all(a.text == "- Nhiệm vụ." for a in found)


def test_units_field_assigns_the_whole_notice(tmp_path):
    d = dt.date(2025, 11, 6)
    make_archive(tmp_path, {path_of(d, "a"): notice("15-TB/ĐU", d, "Kết luận", "### 1. Đoàn Thanh niên\n\n- Việc.\n",
                                                     extra="units: [doan-thanh-nien, mttq]\n")})
    found = build_archive(tmp_path).assignments["2025-11-06-a"]
    assert [(a.unit, a.section is not None) for a in found] == [("doan-thanh-nien", True), ("mttq", False)]


def test_quoted_task_is_the_section_as_its_notice_shows_it(sample_site):
    notice = page(sample_site, "van-ban/2025-11-06-giao-ban-thang-11")
    section = notice.split('<h3 id="3-ubkt-ddang-uy">', 1)[1].split("</h3>", 1)[1].split("<h3", 1)[0]
    unit = page(sample_site, "don-vi/ubkt-dang-uy")
    task = unit.split('href="../../van-ban/2025-11-06-giao-ban-thang-11/#3-ubkt-ddang-uy">3. UBKT', 1)[1]
    quote = task.split('<blockquote class="vb-quote">', 1)[1].split("</blockquote>", 1)[0]
    assert quote.strip() == section.strip()


def test_a_quote_without_its_notice_page_is_rendered_from_the_section():
    from vanban.site import pages

    quotes = {"vb-quote-0": ("2025-11-06-a", "x", "- Kiểm tra [tháng 11](../thang/2025-11.md).")}
    html = pages.fill_quotes("<p>a</p>\n<!--vb-quote-0-->", "don-vi/ubkt/2024.md", quotes, lambda stem: None)
    assert html == ('<p>a</p>\n<blockquote class="vb-quote">\n<ul>\n<li>Kiểm tra '
                    '<a href="../../../thang/2025-11/">tháng 11</a>.</li>\n</ul>\n</blockquote>')
