"""A search index made in parts (one Pagefind process per part, to bound its memory) and merged
is the index one process makes: the same files, byte for byte once decompressed. So every search
finds and ranks as before (test_search_scale searches a merged index of 10,000 notices)."""

import dataclasses
import gzip
import json
import sys
import threading
from pathlib import Path

import pytest

from vanban.search import bundle as search
from vanban.search import records as search_records
from vanban.archive.core import build_archive
from vanban.search.pagefindfiles import read_file


def _bundle(recs, part=None) -> dict[str, bytes]:
    """In a thread of its own: Playwright's sync API may already run an event loop in this one."""
    out = {}
    worker = threading.Thread(target=lambda: out.update(search.bundle(recs, part=part or len(recs))))
    worker.start()
    worker.join()
    return out


def _plain(files: dict[str, bytes]) -> dict[str, bytes]:
    return {name: gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data for name, data in files.items()}


def _meta(files):
    entry = json.loads(files["pagefind-entry.json"])
    return read_file(files[f"pagefind.{entry['languages']['vi']['hash']}.pf_meta"])


@pytest.fixture(scope="module")
def records(tmp_path_factory):
    root = tmp_path_factory.mktemp("merge")
    sys.path.insert(0, str(Path(__file__).parent.parent / "bench"))
    from generate import generate  # the sample's notices, renumbered and redated over seven years

    generate(600, root)
    archive = build_archive(root)
    assert len(archive.notices) == 600  # (its warnings: meetings dated after the new dates)
    return search_records.records(archive)


@pytest.mark.parametrize("part", [250, 97])
def test_parts_merge_into_the_index_of_one_process(records, part):
    whole = _bundle(records)
    merged = _bundle(records, part)
    assert sorted(merged) == sorted(whole)
    assert _plain(merged) == _plain(whole)
    assert merged == whole  # gzipped alike too: a server's parts give a build's bytes
    meta = _meta(whole)
    assert len(meta[1]) == 600 and len(meta[2]) > 5  # pages; word chunks, whose bounds were merged


def test_a_part_without_a_meta_field(records):
    """Meta positions number the fields of all pages; a part where no page has "dd" numbers them
    without it, and the merge numbers them again."""
    recs = [dataclasses.replace(r, meta={k: v for k, v in r.meta.items() if k != "dd"}) if i < 200 else r
            for i, r in enumerate(records)]
    assert any(r.meta.get("dd") for r in recs[200:])
    whole = _bundle(recs)
    merged = _bundle(recs, 200)
    assert _meta(_bundle(recs[:200]))[5] != _meta(whole)[5]
    assert _plain(merged) == _plain(whole)


def test_a_server_indexes_again_only_the_part_that_changed(records, monkeypatch):
    """Under `mkdocs serve` an archive keeps its parts between rebuilds: an edited notice's part is
    indexed again, a new notice (the newest) alone; the bundle is the bytes a build makes, in one
    part (as up to 2,500 notices) or several."""
    monkeypatch.setattr(search, "KEPT_PART", 100)
    sent, pagefind = [], search._pagefind

    async def counting(pages):
        pages = list(pages)
        sent.append(len(pages))
        return await pagefind(pages)

    def kept_bundle(recs, kept):
        out = {}
        worker = threading.Thread(target=lambda: out.update(search.bundle(recs, kept=kept)))
        worker.start()
        worker.join()
        return out

    monkeypatch.setattr(search, "_pagefind", counting)
    kept = {}
    first = kept_bundle(records, kept)
    assert sent == [100] * 6 and first == _bundle(records) == _bundle(records, 250)
    edited = list(records)
    edited[350] = dataclasses.replace(records[350], content=records[350].content + " bổ sung")
    del sent[:]
    second = kept_bundle(edited, kept)
    assert sent == [100] and second == _bundle(edited)
    added = [dataclasses.replace(records[0], url="van-ban/2031-01-01-moi/", content="văn bản mới")] + edited
    del sent[:]
    third = kept_bundle(added, kept)
    assert sent == [1] and third == _bundle(added)
