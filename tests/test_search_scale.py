"""SPEC §6 on archives of 3,000 and 10,000 notices, generated here (never committed): the order
holds over every match, through the first page and "Xem thêm", not only in a window of the
first 50 that Pagefind ranks.

The generated archive is indexed with the project's own search records; the search page and its
scripts come from the sample site, so only the index differs.
"""

import datetime as dt
import shutil
import threading

import pytest

from conftest import make_archive
from test_search import NUMBERS, RANKING, results, stems
from vanban.machine import indexing
from vanban.archive.core import build_archive

PHRASE = "phòng chống thiên tai"
APART = ("Phòng họp của thôn được sửa. Chống xuống cấp nhà văn hóa. Thiên nhiên và môi trường được giữ gìn. "
         "Tai nạn giao thông giảm. ")
FILLER = "Các đơn vị tiếp tục nâng cao chất lượng công tác, thực hiện tốt nhiệm vụ được giao. "
# Noise for the sample archive's searches (test_search.RANKING): many notices that Pagefind ranks
# above the right ones, and folded matches of "đường giao thông" spread over several pages.
NOISE = {
    "apart": RANKING["apart"][1],
    "folded": RANKING["folded"][1],
    "exact": "Tu sửa đường giao thông nội đồng. " + FILLER,
}


def _notice(number: str, date: dt.date, title: str, body: str, issuer: str = "dang-uy") -> str:
    return (f"---\nnumber: {number}\ntitle: {title}\ndate: {date.isoformat()}\nissuer: {issuer}\n"
            f"signer:\n  name: Trần Văn Điệp\n  position: Chánh Văn phòng\n---\n\n{body}\n")


def generate(root, count: int, apart: int) -> dict[str, list[str]]:
    """``count`` notices: one with the phrase in its title, three with it in their bodies, ``apart``
    with its words apart many times (so that Pagefind ranks them high), one bearing 777-TB/ĐU,
    four citing it; the sample's ranking notices with ``apart`` notices of noise for each of their
    searches; and filler. Returns the stems of each group."""
    start = dt.date(2016, 1, 1)
    files, groups = {}, {}

    def add(group, title, body, number=None, name=None, issuer="dang-uy"):
        i = len(files)
        date = start + dt.timedelta(days=i * 3650 // count)
        stem = f"{date.isoformat()}-{name or f'n{i}'}"
        number = number or ("777-TB/ĐU" if group == "bearer" else f"{1000 + i}-TB/ĐU")
        files[f"notices/{date.year}/{stem}.md"] = _notice(number, date, title, body, issuer)
        if group:
            groups.setdefault(group, []).append(stem)

    add("title", f"Kết luận về công tác {PHRASE} năm 2020", "Giao các thôn triển khai.")
    for k in range(3):
        add("body", f"Kết luận giao ban số {k}", f"Tiếp tục thực hiện công tác {PHRASE} ở các thôn. " + FILLER)
    for k in range(apart):
        add("apart", f"Kết luận về cơ sở vật chất số {k}", APART * 6)
    add("bearer", "Kết luận về công tác thi đua", FILLER)
    for k in range(4):
        add("citing", f"Kết luận giao ban tháng {k + 1}", f"Thực hiện Thông báo số 777-TB/ĐU của Đảng ủy. {FILLER}")
    for name, (title, body) in RANKING.items():
        number = NUMBERS.get(name)
        add("ranking", title, body, number, name, "mttq" if number and "MTTQ" in number else "dang-uy")
    for name, body in NOISE.items():
        for k in range({"apart": min(apart, 300), "folded": 250, "exact": 5}[name]):
            add(f"noise-{name}", f"Kết luận về cơ sở số {k}", body)
    while len(files) < count:
        add(None, f"Kết luận hội nghị số {len(files)}", FILLER * 3)
    make_archive(root, files)
    return groups


def _site(tmp, sample_site, count, apart):
    project = tmp / "archive"
    groups = generate(project, count, apart)
    site = tmp / "site"
    shutil.copytree(sample_site, site, ignore=shutil.ignore_patterns("pagefind"))
    archive = build_archive(project)
    assert archive.problems == [] and len(archive.notices) == count
    # In a thread of its own: Playwright's sync API may already run an event loop in this one.
    worker = threading.Thread(target=indexing.write_index, args=(archive, site))
    worker.start()
    worker.join()
    assert (site / "pagefind/pagefind-entry.json").exists()
    return site, groups


@pytest.fixture(scope="module", params=[(3_000, 300), (10_000, 1_000)], ids=["3000", "10000"])
def large(request, tmp_path_factory, sample_site, serve):
    count, apart = request.param
    site, groups = _site(tmp_path_factory.mktemp(f"scale{count}"), sample_site, count, apart)
    return serve(site), groups, apart


def _all_results(page, base, query) -> list[str]:
    found = stems(results(page, base, query))
    while page.is_visible(".vb-search__more"):
        shown = len(found)
        page.click(".vb-search__more")
        page.wait_for_function(f"document.querySelectorAll('.vb-result__link').length > {shown}", timeout=30000)
        found = stems([a.get_attribute("href") for a in page.query_selector_all(".vb-result__link")])
    return found


def test_phrase_in_title_then_in_body_then_apart_through_every_page(page, large):
    base, groups, apart = large
    found = _all_results(page, base, "phong chong thien tai")
    assert found[0] == groups["title"][0]
    assert sorted(found[1:4]) == sorted(groups["body"])
    assert set(found[4:4 + apart]) == set(groups["apart"])
    assert len(found) == len(set(found))


def test_number_bearer_then_citing_notices(page, large):
    base, groups, _ = large
    found = stems(results(page, base, "777-tb/đu"))
    assert found[0] == groups["bearer"][0]
    assert sorted(found[1:5]) == sorted(groups["citing"])


def _labels(groups, found):
    label = {stem: group for group, members in groups.items() for stem in members}
    label.update({stem: stem.split("-", 3)[3] for stem in groups["ranking"]})
    return [label.get(stem, "filler") for stem in found]


def test_sample_searches_keep_their_order_through_every_page(page, large):
    """The searches of the sample archive's ranking (test_search) among thousands of notices and
    hundreds that Pagefind ranks above the right ones."""
    base, groups, _ = large
    for query in ("sinh hoat chi bo", "sinh hoạt chi bộ"):
        found = _labels(groups, _all_results(page, base, query))
        assert found[:2] == ["title", "body"], query
        assert set(found[2:]) == {"apart", "noise-apart"} and len(found) == 2 + 1 + len(groups["noise-apart"])
    # Folded matches fill 6 pages: too many to load whole, they are ordered by Pagefind's scores.
    found = _labels(groups, _all_results(page, base, "đường giao thông"))
    assert set(found[:6]) == {"exact", "noise-exact"}
    assert set(found[6:]) == {"folded", "noise-folded"} and len(found) == 6 + 1 + len(groups["noise-folded"])
    assert sorted(_labels(groups, _all_results(page, base, "duong giao thong"))) == sorted(found)
    for query in ("hòa giải", "hoà giải", "hoa giai", "HOÀ GIẢI", "doan thanh nien"):
        assert _labels(groups, _all_results(page, base, query)) == ["nfd"], query
    for query, expected in [("05-kh/du", ["bearer", "citer"]), ("05 - KH/ĐU", ["bearer", "citer"]),
                            ("12/TB-MTTQ-BTT", ["mttq", "mttq-citer"]), ("57-nq/tw", ["citer"])]:
        assert _labels(groups, _all_results(page, base, query)) == expected, query
