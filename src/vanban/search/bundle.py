"""Pagefind's bundle of the search records, as {path in the bundle: bytes}: Pagefind's service
driven directly (``_pagefind``), large archives indexed in parts and merged (``bundle``), and
Pagefind 1.5.2's filter files put in a stable order (``_sort_filters``), then each word in one
spelling per page (``spellings``: what Pagefind's quoted search needs). ``bundle`` is the entry
point. The bytes are the same for the same archive, whatever the machine.

Relies on Pagefind 1.5.2's service protocol (``pagefind --service``: NewIndex, AddFile, GetFiles)
and on its index format through ``merge`` and ``pagefindfiles``: an upgrade re-checks both (the
README says how).
"""

from __future__ import annotations

import asyncio
import base64
import concurrent.futures
import hashlib
import json
from typing import Iterable

import cbor2

from vanban.search.merge import PART, Part, merge
from vanban.search.pagefindfiles import gzip_file, read_file, store
from vanban.search.records import INCLUDE_CHARACTERS, LANGUAGE, record_html
from vanban.search.spellings import one_spelling


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
        return one_spelling(merge(parts, sorts))
    if len(starts) == 1:  # one process's bundle as it is (an archive without notices has no language)
        return one_spelling(_sort_filters(asyncio.run(_pagefind(pages(0, part, [])))))
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
    return one_spelling(merge(parts, sorts))


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
