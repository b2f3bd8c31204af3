"""The search index made while the pages render: Pagefind's bundle of the archive is begun as
soon as the archive is read, in a forked copy of this process (a one-off build) or a thread (a
server), and written into the site when it is done. ``Indexer`` is the entry point."""

from __future__ import annotations

import functools
import os
import threading
from pathlib import Path

from vanban.archive.core import Archive
from vanban.machine import outfiles
from vanban.machine.twocores import Forked, can_fork
from vanban.search.bundle import bundle
from vanban.search.records import plain_text, record


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

    def __init__(self, archive: Archive, forked: bool = False, kept: dict | None = None, text_of=None):
        self._kept = kept  # see bundle(): parts indexed by an earlier rebuild of a server
        self._text_of = text_of or plain_text  # a server's remembers the bodies it made words of
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
            self._files = bundle(archive.notices, make=functools.partial(record, archive, text_of=self._text_of), kept=self._kept)
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


def write_index(archive: Archive, site_dir: Path) -> None:
    """Index ``archive`` and write the bundle into ``site_dir/pagefind``."""
    Indexer(archive).write(site_dir)
