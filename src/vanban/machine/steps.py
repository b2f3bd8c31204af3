"""The archive of a build, a check and a server's rebuild: the same domain steps
(``vanban.site.bodies.checked_archive``), each handed out here (``vanban.steps``).

- A build or a check (``checked``) shares every step's items with a forked copy of this process
  on the second core (``twocores.in_two``: 200 items or more, on Linux, with no other thread).
- A server (``Server``) keeps what its last rebuilds found: a file whose bytes are the same is not
  read again, and a notice read from memory is not analysed again. What it remembers is forgotten
  when a registry changes (units.yml, directives.yml), as every notice depends on them. Its other
  steps are done as a build does them (a server has threads, so ``in_two`` does them here). It
  also remembers, by their text, a body's words for search and a notice page's Markdown, which
  hooks/archive.py hands to the index and the pages.
"""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path
from typing import Callable

from vanban.archive.core import Archive
from vanban.machine.twocores import in_two
from vanban.search import records
from vanban.site import pages
from vanban.site.bodies import checked_archive
from vanban.steps import BODY, READ


def two_cores(step: str, work: Callable, items: list) -> list:
    return in_two(items, work)


def checked(root: Path, files: list[Path] | None = None) -> Archive:
    """The checked archive of a build or of ``vanban check``."""
    return checked_archive(root, files, two_cores)


class Server:
    """What one ``mkdocs serve`` remembers between its rebuilds."""

    def __init__(self):
        # What only a notice's own text decides, by that text: the words of its body (search) and
        # its page's Markdown (site). After an edit one notice's are made again, not the archive's.
        self.plain_text = functools.lru_cache(maxsize=20_000)(records.plain_text)
        self.notice_markdown = functools.lru_cache(maxsize=20_000)(pages.notice_markdown)
        self._registry = b""
        self._read: dict[str, tuple[bytes, object]] = {}   # path -> (digest of its bytes, what reading gave)
        self._body: dict[int, tuple[object, object]] = {}  # id(notice) -> (the notice, what its body told)

    def checked(self, root: Path) -> Archive:
        key = b"".join(_digest(root / "notices" / name) for name in ("units.yml", "directives.yml"))
        if key != self._registry:
            self._read.clear()
            self._body.clear()
            self._registry = key
        return checked_archive(root, None, self._each)

    def _each(self, step: str, work: Callable, items: list) -> list:
        if step == READ:
            return [self._read_file(work, path) for path in items]
        if step == BODY:
            out = []
            for n in items:  # results are immutable; the notice itself is compared, not its id alone
                known = self._body.get(id(n))
                if known is None or known[0] is not n:
                    known = self._body[id(n)] = (n, work(n))
                out.append(known[1])
            current = {id(n) for n in items}
            for gone in [k for k in self._body if k not in current]:
                del self._body[gone]
            return out
        return two_cores(step, work, items)

    def _read_file(self, work: Callable, path: Path):
        digest = _digest(path) if not path.is_symlink() else b""
        known = self._read.get(str(path))
        if digest and known and known[0] == digest:
            return known[1]
        result = work(path)
        if digest:
            self._read[str(path)] = (digest, result)
        return result


def _digest(path: Path) -> bytes:
    try:
        return hashlib.blake2b(path.read_bytes(), digest_size=16).digest()
    except OSError:
        return b""
