"""Search records for Pagefind, and the Vietnamese folding that Pagefind lacks.

Pagefind folds tone marks but not đ, so a query typed "dang vien" would miss
"đảng viên". Each record's content is indexed with đ → d (one character for one,
so offsets survive) and the browser folds the query the same way; the record
carries the positions of đ so the search page shows the text as written.
"""

from __future__ import annotations

import asyncio
import base64
import concurrent.futures
import functools
import hashlib
import html
import json
import os
import re
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

import cbor2

from . import dates, outfiles, urls
from .archive import Archive
from .doctypes import mixed_case_codes, type_name
from .model import Notice
from .pagefindfiles import gzip_file, read_file, store
from .searchmerge import PART, Part, merge
from .twocores import Forked, can_fork

# Characters Pagefind keeps inside words, so 50-CT/TW and 12/TB-MTTQ-BTT are one word each.
INCLUDE_CHARACTERS = "-/"
LANGUAGE = "vi"

# [text](url): neither part may hold its own opening bracket, so a line of "[[[[" is linear.
_LINK = re.compile(r"!?\[([^\[\]]*)\]\([^()]*\)")
_BLOCK = re.compile(r"^\s{0,3}(?:#{1,6}\s+|>\s?|[-*+]\s+)", re.M)   # heading, quote, list markers
# Emphasis, code, tags. Every branch starts with its character and looks behind it only then,
# so the engine jumps between those characters (a look-behind first is tried at every one).
_INLINE = re.compile(r"\*\*|__|[*_](?<!\w[*_])(?=\S)|[*_](?<=\S[*_])(?!\w)|`|<[^<>]+>")


@dataclass(frozen=True)
class SearchRecord:
    url: str                              # site-relative: van-ban/<stem>/
    content: str                          # what Pagefind indexes: đ folded, spaces collapsed
    meta: dict[str, str] = field(default_factory=dict)
    filters: dict[str, list[str]] = field(default_factory=dict)
    sort: dict[str, str] = field(default_factory=dict)
    language: str = LANGUAGE


@functools.lru_cache(maxsize=20_000)  # under `mkdocs serve`, each rebuild indexes every notice again
def plain_text(markdown: str) -> str:
    """The words of a Markdown body, without markup; one space between words."""
    text = _LINK.sub(r"\1", markdown)
    text = _INLINE.sub("", _BLOCK.sub(" ", text))
    return " ".join(html.unescape(text).split())


_D_AT = re.compile("[đĐ]")


def fold_d(text: str) -> tuple[str, str]:
    """(text with đ → d and Đ → D, positions of those characters as base-36 deltas joined by '.')."""
    marks, last = [], 0
    for m in _D_AT.finditer(text):
        marks.append(_base36(m.start() - last))
        last = m.start()
    return text.replace("đ", "d").replace("Đ", "D"), ".".join(marks)  # str.translate: 10 times slower


def _base36(n: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    s = ""
    while True:
        n, r = divmod(n, 36)
        s = digits[r] + s
        if not n:
            return s


def _one_line(text: str) -> str:
    return " ".join(text.split())


def metadata_text(archive: Archive, n: Notice) -> str:
    """The notice's metadata as words, so that a signer, a recipient or a tag is found too."""
    unit_name = archive.unit_name
    signer = ", ".join(x for x in (n.signer.authority, n.signer.position, n.signer.name) if x)
    parts = [f"{type_name(n.type)} số {n.number}.", f"Cơ quan ban hành: {unit_name(n.issuer)}.",
             f"Người ký: {signer}."]
    assigned = list(dict.fromkeys(unit_name(a.unit) for a in archive.assignments[n.stem]))
    if assigned:
        parts.append("Giao nhiệm vụ: " + "; ".join(assigned) + ".")
    if n.meeting and n.meeting.chair:
        parts.append(f"Chủ trì: {n.meeting.chair}.")
    if n.recipients:
        parts.append("Nơi nhận: " + "; ".join(n.recipients) + ".")
    if n.tags:
        parts.append("Từ khóa: " + ", ".join(n.tags) + ".")
    cited = cited_numbers(archive, n)
    if cited:  # normalised, so "50 - CT/TW" in a body is still found as 50-CT/TW
        parts.append("Trích dẫn: " + ", ".join(cited) + ".")
    return _one_line(" ".join(parts))


def cited_numbers(archive: Archive, n: Notice) -> list[str]:
    return list(dict.fromkeys(u.citation.number for u in archive.citations[n.stem]))


def record(archive: Archive, n: Notice) -> SearchRecord:
    cited = cited_numbers(archive, n)
    assigned = list(dict.fromkeys(a.unit for a in archive.assignments[n.stem]))
    unit_name = archive.unit_name
    # Title, body, then metadata: the page re-orders by where a phrase stands, so it is
    # told where the body starts and ends.
    title, body = _one_line(n.title), plain_text(n.body)
    text = " ".join(x for x in (title, body, metadata_text(archive, n)) if x)
    content, marks = fold_d(text)
    return SearchRecord(
        url=urls.url_of(urls.NOTICE.format(stem=n.stem)),
        content=content,
        meta={
            # Searched by Pagefind (the only meta field it searches): the number and the title,
            # đ folded as in the content, so a match here says "the number or title matched".
            "title": fold_d(f"{n.number} {_one_line(n.title)}")[0],
            "summary": n.title,  # what is shown
            "number": n.number,
            "type": type_name(n.type),
            "date": dates.short(n.date),
            "issuer": unit_name(n.issuer),
            "dd": marks,
            "body_start": str(len(title) + 1),
            "body_end": str(len(title) + 1 + len(body)),
        },
        # Ids, not names, so that a bookmarked search survives a renamed unit; the page shows
        # the names from filter_labels().
        filters={
            "loai": [n.type],
            "co-quan": [n.issuer],
            "don-vi": assigned,
            "nam": [str(n.date.year)],
            "thang": [n.month],
            "trich-dan": cited,
        },
        sort={"date": n.date.isoformat()},
    )


def filter_labels(archive: Archive) -> dict[str, dict[str, str]]:
    """What the search page shows for the id-valued filters (numbers and dates show themselves)."""
    units = {uid: archive.unit_name(uid) for uid in archive.units}
    types = {n.type: type_name(n.type) for n in archive.notices}
    return {"loai": dict(sorted(types.items())), "co-quan": units, "don-vi": units}


def codes_js() -> str:
    """vn-codes.js, which vn.js imports: the codes written with lower-case letters."""
    return ("// Written by the build from vanban.doctypes: the codes written with lower-case letters.\n"
            f"export const MIXED_CASE_CODES = {json.dumps(mixed_case_codes(), ensure_ascii=False)};\n")


def records(archive: Archive) -> list[SearchRecord]:
    return [record(archive, n) for n in archive.notices]


def record_html(r: SearchRecord) -> str:
    """The record as the small HTML page Pagefind indexes: metadata in Pagefind's own data
    attributes, the content alone in the body, so what is indexed is exactly ``content``."""
    def tag(kind: str, key: str, value: str) -> str:
        return f'<span data-pagefind-{kind}="{key}[data-v]" data-v="{html.escape(value)}"></span>'

    tags = [tag("meta", k, v) for k, v in r.meta.items() if v]
    tags += [tag("filter", k, v) for k, values in r.filters.items() for v in values]
    tags += [tag("sort", k, v) for k, v in r.sort.items()]
    return (f'<!doctype html><html lang="{r.language}"><head><meta charset="utf-8"></head><body>'
            f'{"".join(tags)}<main data-pagefind-body>{html.escape(r.content, quote=False)}</main></body></html>')


class Indexer:
    """The Pagefind bundle of an archive, made from the moment the archive is read: Pagefind's
    process works on another core while MkDocs renders the pages, and ``write`` only waits for
    what is left.

    With ``forked`` (a one-off build) the records are made and sent in a forked copy of this
    process, so their Python work does not hold this one's interpreter either. Once told where
    the site is (``write_when_ready``), the copy writes the bundle there itself as soon as it has
    it, while the last pages render; otherwise the bundle comes back through a pipe. Without
    ``forked``, or if this process has other threads (a server: a fork would copy their locks),
    a thread does it."""

    def __init__(self, archive: Archive, forked: bool = False, kept: dict | None = None):
        self._kept = kept  # see bundle(): parts indexed by an earlier rebuild of a server
        self._files: dict[str, bytes] | None = None
        self._error: BaseException | None = None
        self._site: str | None = None  # where the copy wrote the bundle
        self._site_pipe: int | None = None
        if forked and can_fork():
            self._thread = None
            read, self._site_pipe = os.pipe()
            self._copy = Forked(lambda: self._answer(archive, read))
            os.close(read)
        else:
            self._thread = threading.Thread(target=self._run, args=(archive,), name="vanban-search", daemon=True)
            self._thread.start()

    def write_when_ready(self, site_dir: Path) -> None:
        """Let the forked copy write the bundle into ``site_dir/pagefind`` when it has it: call
        once nothing will empty the site folder any more (MkDocs empties it after on_config)."""
        if self._thread is None and self._site_pipe is not None:
            with os.fdopen(self._site_pipe, "wb") as pipe:
                self._site_pipe = None
                pipe.write(os.fsencode(os.path.abspath(site_dir)) + b"\n")

    def _answer(self, archive: Archive, site_pipe: int) -> tuple:
        """In the forked copy: (the bundle, or only its names if the copy wrote it; where it
        wrote it; what went wrong, as text: an exception may not pickle)."""
        os.close(self._site_pipe)  # this copy's own end: without it, the pipe ends when ours does
        self._run(archive)
        site = b""
        with os.fdopen(site_pipe, "rb") as pipe:
            while not site.endswith(b"\n") and (chunk := pipe.read1(4096)):
                site += chunk
        where = os.fsdecode(site[:-1]) if site.endswith(b"\n") and self._error is None else None
        if where:
            try:
                _write_bundle(self._files, Path(where))
                self._files = dict.fromkeys(self._files, b"")
            except BaseException as e:
                self._error, where = e, None
        return self._files, where, None if self._error is None else f"{type(self._error).__name__}: {self._error}"

    def _run(self, archive: Archive) -> None:
        try:
            self._files = bundle(archive.notices, make=functools.partial(record, archive), kept=self._kept)
        except BaseException as e:  # raised again in the thread that writes
            self._error = e

    def wait(self) -> None:
        if self._thread is not None:
            self._thread.join()
        elif self._files is None and self._error is None:
            if self._site_pipe is not None:  # never told where: the bundle comes back
                os.close(self._site_pipe)
                self._site_pipe = None
            try:
                self._files, self._site, error = self._copy.result()
            except RuntimeError as e:
                self._error = e
            else:
                if error is not None:
                    self._error = RuntimeError(error)
        if self._error is not None:
            raise self._error

    def write(self, site_dir: Path) -> None:
        """Write the bundle into ``site_dir/pagefind``: the same bytes for the same archive,
        whatever the machine, its file system or its load."""
        self.wait()
        bundle = Path(site_dir) / "pagefind"
        if self._site == os.path.abspath(site_dir):
            outfiles.written.update(outfiles.key(bundle / name) for name in self._files)
        else:
            if self._site is not None:
                raise RuntimeError(f"the search index was written into {self._site}, not {site_dir}")
            _write_bundle(self._files, Path(site_dir))
        outfiles.prune(bundle, keep=[bundle / name for name in self._files])


def _write_bundle(files: dict[str, bytes], site_dir: Path) -> None:
    for name, data in sorted(files.items()):
        outfiles.write(site_dir / "pagefind" / name, data)


KEPT_PART = 500  # notices per part that a server keeps between rebuilds


def bundle(items: list, part: int = PART, make=lambda r: r, kept: dict | None = None) -> dict[str, bytes]:
    """Pagefind's bundle of the records ``make(item)`` of ``items``, as {path in the bundle: bytes}.
    Pagefind indexes ``part`` records at a time, one process after another, and the parts are
    merged into the bundle one process would have made (``searchmerge``): its memory grows with
    the part. The first part's records go to Pagefind as they are made; then, while Pagefind
    works, a thread makes the next part's records and reads the last part's words.

    With ``kept`` (a server's rebuilds: {digest of a part's pages: its Part}), an archive of more
    than ``KEPT_PART`` notices is indexed in parts of that size, and a part whose pages are all as
    they were is not indexed again: after an edit, only the edited notice's part is. One part or
    many, the bundle is the same bytes."""
    def pages(start: int, stop: int, sorts: list, then=lambda: None) -> Iterable[tuple[str, str]]:
        for item in items[start:stop]:
            r = make(item)
            sorts.append(r.sort)
            yield f"{r.url}index.html", record_html(r)
        then()

    def made(start: int) -> tuple[list, list]:
        sorts: list = []
        return list(pages(start, start + part, sorts)), sorts

    starts = range(0, max(len(items), 1), part)
    parts, sorts = [], []
    if kept is not None and len(items) > KEPT_PART:
        # Finer parts, counted from the end: a new notice (the newest) changes the first only.
        now = {}
        for stop in range(len(items) % KEPT_PART or KEPT_PART, len(items) + 1, KEPT_PART):
            batch = list(pages(max(0, stop - KEPT_PART), stop, sorts))
            digest = hashlib.sha1("\0".join(f"{path}\0{page}" for path, page in batch).encode()).digest()
            now[digest] = kept.get(digest) or Part(asyncio.run(_pagefind(batch)))
            now[digest].read_words()
            parts.append(now[digest])
        kept.clear()
        kept.update(now)
        return merge(parts, sorts)
    if len(starts) == 1:  # one process's bundle as it is (an archive without notices has no language)
        return _sort_filters(asyncio.run(_pagefind(pages(0, part, []))))
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        following = []  # the next part's records, begun once this part's are all sent
        first = pages(0, part, sorts, then=lambda: following.append(pool.submit(made, starts[1])))
        parts.append(Part(asyncio.run(_pagefind(first))))
        pool.submit(parts[-1].read_words)
        for k in range(1, len(starts)):
            batch, batch_sorts = following.pop().result()
            if k + 1 < len(starts):
                following.append(pool.submit(made, starts[k + 1]))
            parts.append(Part(asyncio.run(_pagefind(batch))))
            sorts += batch_sorts
            pool.submit(parts[-1].read_words)
    return merge(parts, sorts)


def write_index(archive: Archive, site_dir: Path) -> None:
    """Index ``archive`` and write the bundle into ``site_dir/pagefind``."""
    Indexer(archive).write(site_dir)


async def _pagefind(pages: Iterable[tuple[str, str]]) -> dict[str, bytes]:
    """Pagefind's bundle of these (source path, HTML) pages, as {path in the bundle: bytes}; each
    page is sent as soon as ``pages`` gives it.

    This talks to ``pagefind --service`` itself rather than through ``PagefindIndex``, because:
    - a folder given to ``add_directory`` is read in the order the file system lists it (ext4
      hashes the names, tmpfs keeps the order of creation), and that order numbers the pages
      inside the index; here the pages go one message each, in the archive's order;
    - ``PagefindIndex`` waits 0.1 s before reading each answer (100 s for 1,000 pages); here every
      message is written before the answers are read;
    - ``PagefindIndex`` kills the service once it answers WriteFiles, and Pagefind 1.5.2 answers
      before its files reach the disk (Pagefind issue #1271): a file was cut short about one build
      in 30. Here the files come in the answer to GetFiles and are written by ``write_index``.
    """
    from pagefind.service import get_executable

    executable = get_executable()
    if executable is None:
        raise FileNotFoundError("Could not find the pagefind binary (pip package pagefind[bin])")
    service = await asyncio.create_subprocess_exec(
        executable, "--service", stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
        limit=1 << 30)  # the GetFiles answer is the whole bundle in one line
    sent = 0

    async def ask(payloads: Iterable[dict]) -> list[dict]:
        nonlocal sent
        count = 0
        for payload in payloads:  # a generator's are made as they go: Pagefind starts on the first
            sent, count = sent + 1, count + 1
            message = json.dumps({"message_id": sent, "payload": payload}).encode("utf-8")
            service.stdin.write(base64.b64encode(message) + b",")
            if count % 32 == 0:
                await service.stdin.drain()  # hands them over (and lets the answers be read)
        await service.stdin.drain()
        answers = []
        for _ in range(count):
            answer = json.loads(base64.b64decode((await service.stdout.readuntil(b","))[:-1]))["payload"]
            if answer["type"] == "Error":
                raise RuntimeError(f"Pagefind: {answer['message']}")
            answers.append(answer)
        return answers

    try:
        config = {"include_characters": INCLUDE_CHARACTERS, "force_language": LANGUAGE}
        [index] = await ask([{"type": "NewIndex", "config": config}])
        index_id = index["index_id"]
        await ask({"type": "AddFile", "index_id": index_id, "file_path": path, "url": None,
                   "file_contents": page} for path, page in pages)
        [bundle] = await ask([{"type": "GetFiles", "index_id": index_id}])
    finally:
        service.stdin.close()  # at the end of its input the service exits
        await service.wait()
    return {f["path"]: base64.b64decode(f["content"]) for f in bundle["files"]}


# Pagefind 1.5.2 writes the values of each filter, and the list of filters, in the order of a
# hash map seeded at random (sorted after 1.5.2 by Pagefind PR #1124): each build of the same
# archive gave other filter/*.pf_filter files, so another pf_meta and pagefind-entry.json.
# Sort them and name them by their content, as Pagefind does. Every filter file and the meta
# file are gzipped anew, even one Pagefind happened to write in order: a random order is
# sometimes the sorted one, and its bytes (Pagefind's gzip) would then differ from ours.
def _sort_filters(files: dict[str, bytes]) -> dict[str, bytes]:
    files = dict(files)
    entry = files["pagefind-entry.json"].decode("utf-8")
    for language, info in json.loads(entry)["languages"].items():
        meta_name = f"pagefind.{info['hash']}.pf_meta"
        meta = read_file(files[meta_name])  # [version, pages, index chunks, filters, sorts, meta fields]
        for _, _, short in meta[2]:  # gzipped as searchmerge's: one part or several, the same bytes
            name = f"index/{short}.pf_index"
            files[name] = gzip_file(read_file(files[name], raw=True))
        old = {name: files.pop(f"filter/{short}.pf_filter") for name, short in meta[3]}
        meta[3], meta[4] = [], sorted(meta[4])
        for name in sorted(old):
            key, values = read_file(old[name])
            cbor = cbor2.dumps([key, sorted(values)])
            short = store(files, "filter/{}.pf_filter", language, cbor)
            meta[3].append([name, short])
        del files[meta_name]
        short = store(files, "pagefind.{}.pf_meta", language, cbor2.dumps(meta), len(language) + 8)
        entry = entry.replace(f'"{info["hash"]}"', f'"{short}"')
    files["pagefind-entry.json"] = entry.encode("utf-8")
    return files
