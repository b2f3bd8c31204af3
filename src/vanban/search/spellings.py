"""One spelling of a word per page, so that Pagefind's quoted search finds a phrase in a body.

Pagefind 1.5.2 indexes each word under its form without tone marks (``so``) and keeps each
spelling that had marks (``số``, ``sơ``, ``sở``) as a variant of it, with its own pages and
positions. Its quoted search (``exact_term`` in pagefind_web/src/search.rs, tag v1.5.2) takes
every (word, spelling) list of positions on a page as one slot of the phrase, in order: on a
page with "chuyển đổi số" and, elsewhere, "hồ sơ", the word ``so`` has two lists, "chuyen doi so"
asks for four words in a row, and the phrase is not found. So a page was found only when each
word of the phrase had one spelling on the whole page: 28 of the 141 notices holding 13 everyday
phrases on the sample site.

``one_spelling`` rewrites the bundle's word chunks: on each page, every position of a word goes
to the spelling used most there (the one without marks on a tie, else the first), the other
spellings keep their other pages. Each word of a phrase is then one list on a page, as
``exact_term`` needs, and Pagefind's ranking still sees the page's main spelling
(``diacriticSimilarity``: exact marks first). A page that used two spellings of a word is ranked
as if it used the main one only.

Relies on Pagefind 1.5.2's index format (``merge`` describes it; positions as Pagefind's
``positions_to_packed_page`` and ``meta_positions_to_packed`` write them) and on ``exact_term``
behaving as above: an upgrade re-checks both (tests/test_search_phrases.py fails if a phrase is
missed again, tests/test_searchmerge.py if the format moved).
"""

from __future__ import annotations

import json
from collections import Counter
from itertools import accumulate, chain

import cbor2

from vanban.search.merge import _entries, _put
from vanban.search.pagefindfiles import read_file, store

_PLAIN = 25  # Pagefind's weight before any weight marker


def one_spelling(files: dict[str, bytes]) -> dict[str, bytes]:
    """The bundle ``files`` ({path: bytes}) with each word in one spelling per page: its word
    chunks written again (those that change), then its meta file and entry, which name them."""
    files = dict(files)
    entry = files["pagefind-entry.json"].decode("utf-8")
    for language, info in json.loads(entry)["languages"].items():
        meta_name = f"pagefind.{info['hash']}.pf_meta"
        meta = read_file(files[meta_name])
        chunks = {}
        for chunk in meta[2]:
            name = f"index/{chunk[2]}.pf_index"
            data = read_file(files[name], raw=True)
            rewritten = _chunk(data)
            if rewritten != data:
                chunks[tuple(chunk)] = rewritten
                del files[name]  # all removed before any is stored: a new name lengthens only for a new one
        if not chunks:
            continue
        for chunk in meta[2]:
            if tuple(chunk) in chunks:
                chunk[2] = store(files, "index/{}.pf_index", language, chunks[tuple(chunk)])
        del files[meta_name]
        short = store(files, "pagefind.{}.pf_meta", language, cbor2.dumps(meta), len(language) + 8)
        entry = entry.replace(f'"{info["hash"]}"', f'"{short}"')
    files["pagefind-entry.json"] = entry.encode("utf-8")
    return files


def _chunk(data: bytes) -> bytes:
    """A chunk's CBOR (``[[word, pages, variants]]``) with each word in one spelling per page;
    a word with one spelling keeps its bytes."""
    out, changed = [], False
    for _, raw, _, variants in _entries(data):
        if variants:
            word = _word(cbor2.loads(raw))
            if word is not None:
                raw, changed = cbor2.dumps(word), True
        out.append(raw)
    return b"\x81" + _put(4, len(out)) + b"".join(out) if changed else data


def _word(entry: list) -> list | None:
    """``[word, pages, variants]`` with each page's positions in one spelling, or None when each
    page already has one."""
    word, pages, variants = entry
    lists = [pages] + [plist for _, plist in variants]
    numbers = [list(accumulate(p[0] for p in plist)) for plist in lists]
    shared = sorted(n for n, count in Counter(chain.from_iterable(numbers)).items() if count > 1)
    if not shared:
        return None
    at = set(shared)
    touched = [k for k, ns in enumerate(numbers) if not at.isdisjoint(ns)]
    held = {k: dict(zip(numbers[k], lists[k])) for k in touched}  # {page: [delta, locs, meta]}
    for page in shared:
        have = [k for k in touched if page in held[k]]
        # The spelling with most positions here; on a tie the first (the base has no marks).
        best = max(have, key=lambda k: (_count(held[k][page][1]), -k))
        locs = [loc for k in have for loc in _locs(held[k][page][1])]
        meta = [loc for k in have for loc in _meta(held[k][page][2])]
        for k in have:
            del held[k][page]
        held[best][page] = [0, _pack_locs(locs), _pack_meta(meta)]
    for k in touched:
        lists[k] = _pages(held[k])
    return [word, lists[0], [[form, plist] for (form, _), plist in zip(variants, lists[1:]) if plist]]


def _count(locs: list[int]) -> int:
    return sum(1 for x in locs if x >= 0)


# Pagefind's lists of positions: a negative number -(t + 1) sets the tag t (a weight, or a meta
# field) of the positions after it, the first of them counted from 0, each other from the one
# before. Positions start with weight 25; meta positions always with a field.
def _locs(packed: list[int]) -> list[tuple[int, int]]:
    return _unpack(packed, _PLAIN)


def _meta(packed: list[int]) -> list[tuple[int, int]]:
    return _unpack(packed, None)


def _pack_locs(locs: list[tuple[int, int]]) -> list[int]:
    """As Pagefind's ``positions_to_packed_page``: weight 25 first, then by weight, by position."""
    return _pack(sorted(locs, key=lambda wp: (0 if wp[0] == _PLAIN else wp[0], wp[1])), _PLAIN)


def _pack_meta(locs: list[tuple[int, int]]) -> list[int]:
    """As Pagefind's ``meta_positions_to_packed``: by field, by position."""
    return _pack(sorted(locs), None)


def _unpack(packed: list[int], tag: int | None) -> list[tuple[int, int]]:
    """[(tag, position)]."""
    out, last = [], 0
    for x in packed:
        if x < 0:
            tag, last = -x - 1, 0
        else:
            last += x
            out.append((tag, last))
    return out


def _pack(tagged: list[tuple[int, int]], current: int | None) -> list[int]:
    out, last = [], 0
    for tag, position in tagged:
        if tag != current:
            out.append(-tag - 1)
            current, last = tag, 0
        out.append(position - last)
        last = position
    return out


def _pages(held: dict[int, list]) -> list[list]:
    """A page list again, each page number relative to the one before."""
    out, last = [], 0
    for page in sorted(held):
        _, locs, meta = held[page]
        out.append([page - last, locs, meta])
        last = page
    return out
