"""Checks of notice bodies as MkDocs will render them: links that ``mkdocs build --strict``
refuses (problems), and markup the sanitiser will remove (warnings), each at its line."""

from __future__ import annotations

import os
from pathlib import Path

from . import links, render, sanitize, urls
from .archive import Archive, build_archive
from .model import Notice, Problem

# A body without these cannot hold a link, raw HTML or attributes: it is not rendered here.
_MARKUP = ("<", "{", "](", "]:", "<http")


def site_uris(archive: Archive) -> set[str]:
    """Every source path of the built site: hand-written files of docs/ and generated pages."""
    known = set()
    docs = archive.root / "docs"
    for folder, dirs, names in os.walk(docs):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        known.update(Path(folder, n).relative_to(docs).as_posix() for n in names)
    known.update(urls.NOTICE.format(stem=n.stem) for n in archive.notices)
    known.update(urls.MONTH.format(key=k) for k in archive.index.get("thang", {}))
    known.update(urls.UNIT.format(key=k) for k in archive.units)
    known.update(urls.DOCUMENT.format(key=k) for k in archive.documents)
    known.update((urls.HOME, urls.MONTHS, urls.UNITS, urls.DOCUMENTS))
    return known


def problems(archive: Archive) -> list[Problem]:
    out, known = [], None
    for n in archive.notices:
        if not any(m in n.body for m in _MARKUP):
            continue
        known = known if known is not None else site_uris(archive)
        out.extend(notice_problems(n, known))
    return out


def notice_problems(n: Notice, known: set[str]) -> list[Problem]:
    lines = n.body.split("\n")
    out = []
    # Links as MkDocs checks them: those Markdown made, not those written as raw HTML.
    for url, reason in links.broken_links(render.body_html(n.body, raw_html=False), urls.NOTICE.format(stem=n.stem), known):
        out.append(Problem(n.path, _line_of(n, lines, url), None, f"'{url}': {reason}"))
    if "<" in n.body or "{" in n.body:
        for needle, what in sanitize.removed(render.body_html(n.body)):
            for line in _lines_of(n, lines, needle):
                out.append(Problem(n.path, line, None,
                                   f"{what} sẽ bị bỏ khi hiển thị (không an toàn cho trang công khai)", warning=True))
    return out


def _lines_of(n: Notice, lines: list[str], needle: str) -> list[int]:
    """The file lines where ``needle`` stands in the body (case ignored), as a Markdown link
    target if it is one; else the body's first line."""
    folded = [line.casefold() for line in lines]
    for forms in ((f"]({needle}", f"]: {needle}"), (needle,)):
        found = [n.body_line + i for i, line in enumerate(folded) if any(f.casefold() in line for f in forms)]
        if found:
            return found
    return [n.body_line]


def _line_of(n: Notice, lines: list[str], needle: str) -> int:
    return _lines_of(n, lines, needle)[0]


def checked_archive(root: Path, files: list[Path] | None = None) -> Archive:
    """The archive with its bodies checked too: what the build and ``vanban check`` both use."""
    archive = build_archive(root, files)
    archive.problems = sorted(archive.problems + problems(archive), key=Problem.sort_key)
    return archive
