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

The page lists are read as CBOR bytes, and only the pages that hold a word in two spellings are
decoded: about 2.3 s for 3,000 notices, 7 s for 10,000 (Pagefind's own indexing: about 30 s).

Relies on Pagefind 1.5.2's index format (``merge`` describes it; positions as Pagefind's
``positions_to_packed_page`` and ``meta_positions_to_packed`` write them) and on ``exact_term``
behaving as above: an upgrade re-checks both (tests/test_search_phrases.py fails if a phrase is
missed again, tests/test_searchmerge.py if the format moved).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from itertools import accumulate, chain
from operator import sub

import cbor2

from vanban.search.merge import _INT, _head, _put, _text
from vanban.search.pagefindfiles import read_file, store

_PLAIN = 25  # Pagefind's weight before any weight marker
_EMPTY = b"\x80"  # an empty list, in CBOR


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


# A page of a word's list, [page number, positions, meta positions], read without decoding it:
# an integer never starts with an array's byte, so each part ends where the next begins.
_POSITIONS = rb"(?:[\x80-\x97]|\x98.|\x99..|\x9a....)" + _INT + rb"*+"
_PAGE = re.compile(rb"\x83(" + _INT + rb")(" + _POSITIONS + rb")(" + _POSITIONS + rb")", re.DOTALL)
_PAGES = re.compile(rb"(?:\x83" + _INT + _POSITIONS + _POSITIONS + rb")*+", re.DOTALL)


def _chunk(data: bytes) -> bytes:
    """A chunk's CBOR (``[[word, pages, variants]]``) with each word in one spelling per page;
    a word whose pages have one spelling each keeps its bytes."""
    count, i = _head(data, 1)  # data[0]: the chunk, an array of one field
    out, changed = [], False
    for _ in range(count):
        start = i
        i = _text(data, i + 1)[1]
        names, lists = [data[start + 1:i]], []  # each spelling's CBOR text, each list's CBOR
        i = _list(data, i, lists)
        variants, i = _head(data, i)
        for _ in range(variants):
            at = i + 1  # each variant: [form, pages]
            i = _text(data, at)[1]
            names.append(data[at:i])
            i = _list(data, i, lists)
        raw = data[start:i]
        if variants:
            rewritten = _word(names, lists)
            if rewritten is not None:
                raw, changed = rewritten, True
        out.append(raw)
    return b"\x81" + _put(4, len(out)) + b"".join(out) if changed else data


def _list(data: bytes, i: int, lists: list[bytes]) -> int:
    """Append the page list at ``i`` to ``lists``; where it ends."""
    end = _PAGES.match(data, _head(data, i)[1]).end()
    lists.append(data[i:end])
    return end


def _word(names: list[bytes], lists: list[bytes]) -> bytes | None:
    """A word's entry with each page's positions in one spelling, or None when each page already
    has one. ``names``: the word's and its variants' CBOR texts; ``lists``: their page lists."""
    found = [_PAGE.findall(plist, _head(plist, 0)[1]) for plist in lists]  # [(page delta, positions, meta)]
    numbers = [list(accumulate(_uints([page[0] for page in pages]))) for pages in found]
    shared = sorted(n for n, count in Counter(chain.from_iterable(numbers)).items() if count > 1)
    if not shared:
        return None
    at = set(shared)
    touched = [k for k, ns in enumerate(numbers) if not at.isdisjoint(ns)]
    pages = {k: dict(zip(numbers[k], found[k])) for k in touched}  # {page: (delta, positions, meta)}
    for page in shared:
        have = [k for k in touched if page in pages[k]]
        held = [pages[k].pop(page) for k in have]
        locs = [cbor2.loads(h[1]) for h in held]
        counts = [_count(packed) for packed in locs]
        # The spelling with most positions here; on a tie the first (the base has no marks).
        best = have[counts.index(max(counts))]
        metas = [h[2] for h in held if h[2] != _EMPTY]
        meta = cbor2.dumps(_pack_meta([loc for m in metas for loc in _meta(cbor2.loads(m))])) if metas else _EMPTY
        pages[best][page] = (None, cbor2.dumps(_merge_locs(locs, counts)), meta)
    for k in touched:
        lists[k] = _write(pages[k])
    out = [b"\x83", names[0], lists[0], _put(4, sum(1 for plist in lists[1:] if plist != _EMPTY))]
    for name, plist in zip(names[1:], lists[1:]):
        if plist != _EMPTY:  # a spelling left without pages goes
            out += [b"\x82", name, plist]
    return b"".join(out)


# The CBOR of every unsigned integer below 2 ** 16, and the integer: page numbers are read in bulk.
_UINT = {_put(0, n): n for n in range(1 << 16)}


def _uints(encoded: list[bytes]) -> list[int]:
    try:
        return list(map(_UINT.__getitem__, encoded))
    except KeyError:  # a page 65,536 pages after the one before
        return [_head(e, 0)[0] for e in encoded]


def _merge_locs(lists: list[list[int]], counts: list[int]) -> list[int]:
    """One list of positions from several (``counts`` positions each), as Pagefind packs them.
    Most are of weight 24 alone ([-25, first, deltas…]): those are merged as plain numbers."""
    if all(packed[0] == -25 and count == len(packed) - 1 for packed, count in zip(lists, counts) if packed):
        positions = sorted(chain.from_iterable(accumulate(packed[1:]) for packed in lists))
        return [-25, positions[0], *map(sub, positions[1:], positions[:-1])] if positions else []
    return _pack_locs([loc for packed in lists for loc in _locs(packed)])


def _write(held: dict[int, tuple]) -> bytes:
    """A page list again from {page: (delta, positions, meta)}, each page number relative to the
    one before."""
    out, last = [_put(4, len(held))], 0
    for page in sorted(held):
        _, locs, meta = held[page]
        out += [b"\x83", _put(0, page - last), locs, meta]
        last = page
    return b"".join(out)


def _count(packed: list[int]) -> int:
    """How many positions: the numbers that are not weight markers."""
    return len(packed) - sum(map((0).__gt__, packed))


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
