"""One Pagefind bundle from the bundles of consecutive parts of an archive.

Pagefind 1.5.2 holds every page it was given, then copies them all to build its index: 3.5 GB for
10,000 notices. Indexed in parts of ``PART`` notices, one process after another, it needs about
1 GB. The parts are then merged here into the bundle one process would have written: the same
pages, words, positions, filters, sorts and chunks, file for file (``tests/test_searchmerge.py``
compares them, decompressed). Separate bundles merged in the browser (``mergeIndex``) would rank
and complete words with each part's own statistics instead.

The format, as Pagefind 1.5.2 writes it (each ``.pf_*`` file gzipped, ``pagefind_dcd`` + CBOR):
- ``pagefind.<hash>.pf_meta``: [version, pages [[fragment hash, word count]], word chunks
  [[from, to, hash]], filters [[name, hash]], sorts [[name, [page numbers]]], meta fields];
- ``index/<hash>.pf_index``: [[word, pages, variants]], words in code-point order; pages are
  [[page number, positions, meta positions]], each page number relative to the one before;
  variants (the word with its tone marks) are [[variant, pages]] in order of first use;
- ``filter/<hash>.pf_filter``: [name, [[value, [page numbers]]]];
- ``fragment/<hash>.pf_fragment``: the page's JSON, named by the SHA-1 of that JSON.
A new chunk starts once a chunk's pages, positions and meta positions reach ``CHUNK``. Meta
positions name their field by its place in the sorted list of all meta fields.
"""

from __future__ import annotations

import copy
import functools
import heapq
import json
import re
from collections.abc import Iterator

import cbor2

from vanban.search.pagefindfiles import read_file, sha1_hex, store

PART = 2500  # notices per Pagefind process: about 1 GB of its memory
CHUNK = 20000  # Pagefind's own size of a word chunk


class Part:
    """One part's bundle. ``read_words`` reads its word chunks ahead of the merge, while Pagefind
    indexes the next part: the merge itself then only joins them."""

    def __init__(self, files: dict[str, bytes]):
        self.files = files
        self.entry = json.loads(files["pagefind-entry.json"])
        [self.language] = self.entry["languages"]
        self.meta = read_file(files[f"pagefind.{self.entry['languages'][self.language]['hash']}.pf_meta"])
        self._words: list[tuple] | None = None

    def read_words(self) -> None:
        if self._words is None:
            self._words = list(self._read(None))

    def words(self, offset: int, fields: list[str]) -> Iterator[tuple]:
        """(word, page offset, raw entry, pages, variants), the words in order."""
        number = {old: fields.index(field) for old, field in enumerate(self.meta[5])}
        if any(old != new for old, new in number.items()):  # a part without some meta field
            found = self._read(number)
        else:
            self.read_words()
            found = self._words
        for word, raw, pages, variants in found:
            yield word, offset, raw, pages, variants

    def _read(self, number: dict[int, int] | None) -> Iterator[tuple]:
        for _, _, short in self.meta[2]:
            data = read_file(self.files[f"index/{short}.pf_index"], raw=True)
            if number:
                data = cbor2.dumps(_renumber(cbor2.loads(data), number))
            yield from _entries(data)


def merge(parts: list[Part], sort_values: list[dict[str, str]]) -> dict[str, bytes]:
    """The bundle of all ``parts`` (Pagefind's bundles of consecutive pages). ``sort_values``
    gives each page's sort values, in page order: a sort is made again over all."""
    language = parts[0].language
    metas = [p.meta for p in parts]
    offsets, total = [], 0
    for meta in metas:
        offsets.append(total)
        total += len(meta[1])

    files = {name: data for name, data in parts[0].files.items()
             if not name.startswith(("fragment/", "index/", "filter/")) and not name.endswith(".pf_meta")}
    fields = sorted({field for meta in metas for field in meta[5]})
    pages = _fragments(parts, language, files)
    chunks = _chunks([p.words(offset, fields) for p, offset in zip(parts, offsets)], language, files)
    filters = _filters(parts, offsets, language, files)
    sorts = _sorts(sort_values)
    meta = [metas[0][0], pages, chunks, filters, sorts, fields]
    short = store(files, "pagefind.{}.pf_meta", language, cbor2.dumps(meta), len(language) + 8)
    entry = copy.deepcopy(parts[0].entry)  # a server keeps its parts for the next merge
    entry["languages"][language].update(hash=short, page_count=total)
    files["pagefind-entry.json"] = json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return files


def _fragments(parts: list[Part], language, files) -> list[list]:
    """Each page's [fragment hash, word count], fragments named again as one process would have:
    a short hash that collides with an earlier page's is lengthened one digit at a time."""
    pages, taken = [], set()
    for part in parts:
        for old, word_count in part.meta[1]:
            data = part.files[f"fragment/{old}.pf_fragment"]
            full = f"{language}_{sha1_hex(read_file(data, raw=True))}"
            size = len(language) + 8
            while full[:size] in taken:
                size += 1
            taken.add(full[:size])
            files[f"fragment/{full[:size]}.pf_fragment"] = data
            pages.append([full[:size], word_count])
    return pages


class _Run:
    """A word's (or a variant's) list of pages in one part, kept as CBOR: its page entries, the
    first page number (the others are relative) and the sum of all, and its chunk weight."""
    __slots__ = ("count", "body", "first", "first_end", "total", "weight", "end")

    def __init__(self, data: bytes, i: int) -> None:
        count, i = _head(data, i)
        start, total, weight, first_end = i, 0, count, 0
        self.first = 0
        for k in range(count):  # each page: [page number, positions, meta positions]
            b = data[i + 1]
            if b < 24:
                number, i = b, i + 2
            else:
                number, i = _head(data, i + 1)
            if k == 0:
                self.first, first_end = number, i - start
            total += number
            for _ in range(2):
                n = data[i] - 0x80
                if n < 24:
                    i += 1
                else:
                    n, i = _head(data, i)
                if n:
                    i = _ints(n).match(data, i).end()
                weight += n
        self.count, self.body, self.total, self.weight = count, data[start:i], total, weight
        self.first_end = first_end
        self.end = i


def _head(data: bytes, i: int) -> tuple[int, int]:
    """The argument of the CBOR head at ``i`` (a length or an unsigned number), and what follows."""
    info = data[i] & 31
    if info < 24:
        return info, i + 1
    size = 1 << (info - 24)
    return int.from_bytes(data[i + 1:i + 1 + size], "big"), i + 1 + size


def _put(major: int, value: int) -> bytes:
    if value < 24:
        return bytes([major << 5 | value])
    for info, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if value < 1 << (8 * size):
            return bytes([major << 5 | info]) + value.to_bytes(size, "big")
    raise ValueError(value)


_INT = rb"(?:[\x00-\x17\x20-\x37]|[\x18\x38].|[\x19\x39]..|[\x1a\x3a]....|[\x1b\x3b]........)"


@functools.lru_cache(maxsize=None)
def _ints(n: int) -> re.Pattern:
    return re.compile(_INT + b"{%d}" % n, re.DOTALL)


def _text(data: bytes, i: int) -> tuple[str, int]:
    size, i = _head(data, i)
    return data[i:i + size].decode("utf-8"), i + size


def _entries(data: bytes) -> Iterator[tuple[str, bytes, _Run, list]]:
    """The words of a chunk (``[[word, pages, variants]]``): word, raw entry, runs."""
    count, i = _head(data, 1)  # data[0]: the chunk, an array of one field
    for _ in range(count):
        start = i
        word, i = _text(data, i + 1)
        pages = _Run(data, i)
        i = pages.end
        variants = []
        n, i = _head(data, i)
        for _ in range(n):
            form, i = _text(data, i + 1)
            run = _Run(data, i)
            variants.append((form, run))
            i = run.end
        yield word, data[start:i], pages, variants


def _renumber(chunk: list, number: dict[int, int]) -> list:
    """Meta positions of a part's chunk with each field's number in the merged list of fields:
    a field is marked by its number n as -(n + 1), before the positions in it."""
    def fix(locs: list[int]) -> list[int]:
        return [-(number[-x - 1] + 1) if x < 0 else x for x in locs]

    for word in chunk[0]:
        for pages in [word[1]] + [variant[1] for variant in word[2]]:
            for page in pages:
                page[2] = fix(page[2])
    return chunk


def _pages(runs: list[tuple[int, _Run]]) -> bytes:
    """Page lists of parts, each counted from its part's first page, as one CBOR array."""
    out, last = [_put(4, sum(run.count for _, run in runs))], 0
    for offset, run in runs:
        out += [b"\x83", _put(0, run.first + offset - last), run.body[run.first_end:]]
        last = offset + run.total
    return b"".join(out)


def _merged(found: list[tuple]) -> tuple[bytes, int]:
    """A word's CBOR entry over all parts, and its chunk weight."""
    weight = sum(pages.weight for _, _, _, pages, _ in found)
    word, offset, raw = found[0][:3]
    if len(found) == 1 and offset == 0:
        return raw, weight
    variants: dict[str, list] = {}
    for _, offset, _, _, forms in found:
        for form, run in forms:
            variants.setdefault(form, []).append((offset, run))
    out = [b"\x83", _put(3, len(word.encode("utf-8"))), word.encode("utf-8"),
           _pages([(offset, pages) for _, offset, _, pages, _ in found if pages.count]),
           _put(4, len(variants))]
    for form, runs in variants.items():
        out += [b"\x82", _put(3, len(form.encode("utf-8"))), form.encode("utf-8"), _pages(runs)]
    return b"".join(out), weight


def _chunks(streams: list[Iterator[tuple]], language, files) -> list[list]:
    chunks: list[list] = []
    chunk: list[bytes] = []
    first = last = ""
    weight = 0

    def close() -> None:
        nonlocal chunk, weight
        short = store(files, "index/{}.pf_index", language, b"\x81" + _put(4, len(chunk)) + b"".join(chunk))
        chunks.append([first, last, short])
        chunk, weight = [], 0

    found: list[tuple] = []
    for entry in heapq.merge(*streams, key=lambda e: e[0]):
        if found and found[0][0] != entry[0]:
            if not chunk:
                first = found[0][0]
            raw, w = _merged(found)
            chunk.append(raw)
            last, weight = found[0][0], weight + w
            if weight >= CHUNK:
                close()
            found = []
        found.append(entry)
    if found:
        if not chunk:
            first = found[0][0]
        chunk.append(_merged(found)[0])
        last = found[0][0]
    if chunk:
        close()
    for before, after in zip(chunks, chunks[1:]):
        to, after[0] = _prefixes(before[1], after[0])
        if to >= before[0]:  # a shorter "to" than "from" would make an empty range (Pagefind #996)
            before[1] = to
    return chunks


def _prefixes(a: str, b: str) -> tuple[str, str]:
    """The shortest prefixes that tell the last word of a chunk from the first of the next."""
    common = 0
    for x, y in zip(a, b):
        if x != y:
            break
        common += 1
    return a[:common + 1], b[:common + 1]


def _filters(parts: list[Part], offsets, language, files) -> list[list]:
    values: dict[str, dict[str, list[int]]] = {}
    for part, offset in zip(parts, offsets):
        for name, short in part.meta[3]:
            _, pairs = read_file(part.files[f"filter/{short}.pf_filter"])
            for value, pages in pairs:
                values.setdefault(name, {}).setdefault(value, []).extend(p + offset for p in pages)
    filters = []
    for name in sorted(values):
        short = store(files, "filter/{}.pf_filter", language,
                      cbor2.dumps([name, sorted([v, p] for v, p in values[name].items())]))
        filters.append([name, short])
    return filters


def _sorts(sort_values: list[dict[str, str]]) -> list[list]:
    """Pagefind's sorts: page numbers by value, in a stable sort; numbers if every value is one."""
    sorts = []
    for key in sorted({k for values in sort_values for k in values}):
        pages = [(values[key], page) for page, values in enumerate(sort_values) if key in values]
        if all(_number(v) is not None for v, _ in pages):
            pages.sort(key=lambda p: _number(p[0]))
        else:
            pages.sort(key=lambda p: p[0].encode("utf-8"))
        sorts.append([key, [page for _, page in pages]])
    return sorts


def _number(value: str) -> float | None:
    try:
        return float(value)
    except ValueError:
        return None
