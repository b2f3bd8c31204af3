"""A quoted search finds every notice that holds the phrase, and only those (issue "Search"): at 30
and at 3,000 notices made from the sample's, for phrases typed with and without tone marks and
with the old tone placement ("hoà", "uỷ") as well as the new.

The notices that hold a phrase are counted here from the notice itself: its title, its body
without markup and its metadata as the search indexes them (signer, recipients, tags…), each
folded (tone marks and case removed, đ → d, so "hoà" and "hòa" are one word), a word being a
token without the punctuation around it. Pagefind's answer is read in Chromium through the site's
own bundle, with the options search.js gives it and the query as search.js writes it.
"""

import json
import re
import shutil
import sys
import threading
import unicodedata
from pathlib import Path

import pytest

from conftest import ROOT
from vanban.archive.core import build_archive
from vanban.machine import indexing
from vanban.search import records
from vanban.search.pagefindfiles import read_file

# Each phrase as a reader may type it: with the marks, with the old tone placement, without marks.
PHRASES = [
    ("chuyển đổi số", "chuyen doi so"),
    ("sinh hoạt chi bộ", "sinh hoat chi bo"),
    ("đề án", "de an"),
    ("Đảng viên", "dang vien"),
    ("ban thường vụ", "ban thuong vu"),
    ("xây dựng Đảng", "xay dung dang"),
    ("khu dân cư", "khu dan cu"),
    ("an ninh trật tự", "an ninh trat tu"),
    ("triển khai thực hiện", "trien khai thuc hien"),  # often the last words, before "./."
    ("cơ quan đơn vị", "co quan don vi"),
    ("kết luận như sau", "ket luan nhu sau"),
    ("báo cáo kết quả", "bao cao ket qua"),
    ("Văn phòng Đảng ủy", "Văn phòng Đảng uỷ", "van phong dang uy"),
    ("Đảng ủy", "Đảng uỷ", "dang uy"),
    ("Ủy ban", "Uỷ ban", "uy ban"),
    ("hòa giải", "hoà giải", "hoa giai"),
    ("thủy lợi", "thuỷ lợi", "thuy loi"),
    ("chính trị - xã hội", "chính trị xã hội", "chinh tri xa hoi"),  # written with a lone "-"
    ("mặt trận tổ quốc", "Mặt trận Tổ quốc", "mat tran to quoc"),
]


def fold(text: str) -> str:
    text = unicodedata.normalize("NFD", text)
    text = re.sub("[\u0300-\u036f]", "", text).replace("đ", "d").replace("Đ", "D")
    return unicodedata.normalize("NFC", text).lower()


def words(text: str) -> list[str]:
    out = []
    for token in unicodedata.normalize("NFC", text).split():
        word = re.sub(r"^[\W_]+|[\W_]+$", "", token)
        if word:
            out.append(fold(word))
    return out


def texts(archive) -> dict[str, list[str]]:
    """{URL: the notice's title, body without markup and indexed metadata, as folded words}."""
    return {"/" + records.record(archive, n).url:
            [f" {' '.join(words(text))} " for text in
             (n.title, records.plain_text(n.body), records.metadata_text(archive, n))]
            for n in archive.notices}


def holders(notices: dict[str, list[str]], phrase: str) -> set[str]:
    """The notices where one of the texts holds ``phrase``."""
    wanted = f" {' '.join(words(phrase))} "
    return {url for url, folded in notices.items() if any(wanted in text for text in folded)}


def _site(tmp: Path, sample_site: Path, count: int):
    sys.path.insert(0, str(ROOT / "bench"))
    from generate import generate  # the sample's notices, renumbered and redated

    project = generate(count, tmp / "archive")
    archive = build_archive(project)
    assert len(archive.notices) == count
    site = tmp / "site"
    shutil.copytree(sample_site, site, ignore=shutil.ignore_patterns("pagefind"))
    # In a thread of its own: Playwright's sync API may already run an event loop in this one.
    worker = threading.Thread(target=indexing.write_index, args=(archive, site))
    worker.start()
    worker.join()
    return archive, site


def _urls(site: Path) -> dict[str, str]:
    """{Pagefind's page id (its fragment's hash): the page's URL}."""
    bundle = site / "pagefind"
    entry = json.loads((bundle / "pagefind-entry.json").read_text())
    [info] = entry["languages"].values()
    meta = read_file((bundle / f"pagefind.{info['hash']}.pf_meta").read_bytes())
    return {short: json.loads(read_file((bundle / f"fragment/{short}.pf_fragment").read_bytes(), raw=True))["url"]
            for short, _ in meta[1]}


def _options() -> str:
    """The options search.js gives Pagefind, as it writes them."""
    js = (ROOT / "theme_overrides/assets/javascripts/search.js").read_text(encoding="utf-8")
    excerpt = re.search(r"const EXCERPT = (\d+);", js).group(1)
    options = re.search(r"pagefind\.options\((\{.*?\})\);", js).group(1)
    return options.replace("EXCERPT", excerpt)


QUOTED = """async (typed) => {
  const vn = await import('/assets/javascripts/vn.js');
  const pagefind = await import('/pagefind/pagefind.js');
  await pagefind.options(%s);
  await pagefind.init();
  const out = {};
  for (const q of typed) {  // the quoted search as search.js sends it
    const found = await pagefind.search(`"${vn.foldD(vn.words(q).join(" "))}"`);
    out[q] = found.results.map((r) => r.id);
  }
  return out;
}"""


@pytest.fixture(scope="module", params=[30, 3_000], ids=["30", "3000"])
def archive_site(request, tmp_path_factory, sample_site, serve):
    archive, site = _site(tmp_path_factory.mktemp(f"phrases{request.param}"), sample_site, request.param)
    return texts(archive), serve(site), _urls(site)


def test_a_quoted_search_finds_the_notices_that_hold_the_phrase(page, archive_site):
    notices, base, urls = archive_site
    page.goto(base + "/tim-kiem/")
    found = page.evaluate(QUOTED % _options(), [q for forms in PHRASES for q in forms])
    wrong, holding, right = [], 0, 0
    for forms in PHRASES:
        expected = holders(notices, forms[0])
        assert expected, forms[0]  # each phrase is somewhere in the archive
        for q in forms:
            assert holders(notices, q) == expected, q  # one phrase, however it is typed
            got = {urls[i] for i in found[q]}
            holding, right = holding + len(expected), right + len(got & expected)
            if got != expected:
                wrong.append(f"{q}: {len(got & expected)} of {len(expected)} found, "
                             f"{len(got - expected)} without it, e.g. {sorted(got ^ expected)[:2]}")
    print(f"{right} of {holding} found")
    assert not wrong, f"{right} of {holding} found; " + "; ".join(wrong)


def test_each_page_keeps_one_spelling_of_a_word():
    """``so`` on page 0 as "số" twice and "sơ" once, on page 1 as "sơ" alone, on page 2 as "so" and
    "sở" once each: each page's positions go to the spelling it uses most (without marks on a
    tie), other pages keep theirs, and a spelling left without pages is dropped."""
    import cbor2

    from vanban.search.spellings import _chunk

    def one_spelling(word):
        data = cbor2.dumps([[word]])
        rewritten = _chunk(data)
        return None if rewritten == data else cbor2.loads(rewritten)[0][0]

    word = ["so",
            [[2, [-25, 7], []]],                                       # page 2: "so" at 7
            [["số", [[0, [-25, 3, 5], [-1, 0]]]],                     # page 0: "số" at 3, 8; meta field 0
             ["sơ", [[0, [-25, 20], []], [1, [-25, 4], [-2, 1]]]],    # page 0 at 20, page 1 at 4
             ["sở", [[2, [-25, 9], []]]]]]                             # page 2 at 9
    assert one_spelling(word) == ["so",
                                  [[2, [-25, 7, 2], []]],
                                  [["số", [[0, [-25, 3, 5, 12], [-1, 0]]]],
                                   ["sơ", [[1, [-25, 4], [-2, 1]]]]]]
    assert one_spelling(one_spelling(word)) is None  # nothing left to move
    # Pagefind's order: weights sorted (a compound's part, 12, before a word, 24), then positions.
    compound = ["so", [[0, [-13, 6, -25, 3], []]], [["số", [[0, [-25, 1], []]]]]]
    assert one_spelling(compound) == ["so", [[0, [-13, 6, -25, 1, 2], []]], []]
    in_meta_only = ["so", [[0, [], [-1, 2]]], [["số", [[0, [], [-2, 0]]]]]]  # two meta fields
    assert one_spelling(in_meta_only) == ["so", [[0, [], [-1, 2, -2, 0]]], []]
