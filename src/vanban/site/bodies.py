"""Checks of notice bodies as MkDocs will render them: links that ``mkdocs build --strict``
refuses (problems), and markup the sanitiser will remove (warnings), each at its line."""

from __future__ import annotations

import os
from pathlib import Path

from vanban.site import exports
from vanban.site import links
from vanban.site import render
from vanban.site import sanitize
from vanban.site import urls
from vanban.archive.core import Archive, build_archive
from vanban.archive.facets import FACETS
from vanban.model import Notice, Problem
from vanban.steps import STRUCTURE, Each, one_by_one

# A body without these cannot hold a link, raw HTML or attributes: it is not rendered here.
_MARKUP = ("<", "{", "](", "]:")


def site_uris(archive: Archive) -> set[str]:
    """Every source path of the built site: hand-written files of docs/ and generated pages."""
    known = set()
    docs = archive.root / "docs"
    for folder, dirs, names in os.walk(docs):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        known.update(Path(folder, n).relative_to(docs).as_posix() for n in names)
    known.update(urls.NOTICE.format(stem=n.stem) for n in archive.notices)
    for facet in FACETS:
        if facet.page:
            known.update(facet.page.format(key=k) for k in facet.terms(archive))
            known.add(facet.hub)
    known.add(urls.HOME)
    known.update(exports.paths(archive))  # feeds, register, catalog: MkDocs knows them as files
    return known


# Python-Markdown (and so MkDocs) spends time quadratic in these: unclosed brackets and tags
# in one paragraph, headings in one block without blank lines, and nesting depth. Real notices
# stay far below; a pasted or hostile file would stall the build.
MAX_BRACKETS = 2000        # "[" or "<" in a whole body
MAX_HEADINGS_IN_BLOCK = 100
MAX_INDENT = 64            # columns of leading spaces (a tab counts 4)
MAX_QUOTE_DEPTH = 16


def problems(archive: Archive, each: Each = one_by_one) -> list[Problem]:
    out, known = [], None
    for n, found in zip(archive.notices, each(STRUCTURE, structure_problems, archive.notices)):
        if not found and any(m in n.body for m in _MARKUP):
            known = known if known is not None else site_uris(archive)
            found = notice_problems(n, known)
        out.extend(found)
    return out


def structure_problems(n: Notice) -> list[Problem]:
    """What would make rendering the body slow or deep, found in one pass over its lines."""
    out, counts, block_headings = [], {"[": 0, "<": 0}, 0
    for i, line in enumerate(n.body.split("\n")):
        where = n.body_line + i
        for mark in counts:
            counts[mark] += line.count(mark)
            if counts[mark] > MAX_BRACKETS:
                out.append(Problem(n.path, where, None, f"nội dung có hơn {MAX_BRACKETS} dấu '{mark}'; văn bản "
                                                        "không cần nhiều như vậy, hãy kiểm tra chỗ dán nhầm"))
                counts[mark] = -len(n.body)  # said once
        stripped = line.lstrip(" \t")
        indent = len(line[: len(line) - len(stripped)].expandtabs(4))
        quotes = stripped[: len(stripped) - len(stripped.lstrip("> \t"))].count(">")
        if indent > MAX_INDENT or quotes > MAX_QUOTE_DEPTH:
            out.append(Problem(n.path, where, None, "dòng lùi vào hoặc lồng trích dẫn quá sâu; hãy bớt khoảng "
                                                    "trắng hoặc dấu '>' ở đầu dòng"))
        block_headings = 0 if not stripped else block_headings + stripped.startswith("#")
        if block_headings == MAX_HEADINGS_IN_BLOCK + 1:
            out.append(Problem(n.path, where, None, f"hơn {MAX_HEADINGS_IN_BLOCK} đề mục liền nhau không có "
                                                    "dòng trống; hãy thêm dòng trống giữa các đề mục"))
        if len(out) >= 10:
            break
    return out


def notice_problems(n: Notice, known: set[str]) -> list[Problem]:
    try:
        return _rendered_problems(n, known)
    except RecursionError:
        return [Problem(n.path, n.body_line, None, "các khối lồng nhau quá sâu (khối <div>, ghi chú, danh sách); "
                                                  "hãy đơn giản hóa cấu trúc")]


def _rendered_problems(n: Notice, known: set[str]) -> list[Problem]:
    lines = n.body.split("\n")
    out = []
    # Links as MkDocs checks them: those Markdown made, not those written as raw HTML.
    for url, reason in links.broken_links(render.body_html(n.body, raw_html=False), urls.NOTICE.format(stem=n.stem), known):
        out.append(Problem(n.path, _lines_of(n, lines, url)[0], None, f"'{url}': {reason}"))
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


def checked_archive(root: Path, files: list[Path] | None = None, each: Each = one_by_one) -> Archive:
    """The archive with its bodies checked too: what the build and ``vanban check`` both use
    (through ``vanban.machine.steps``, which chooses ``each``)."""
    archive = build_archive(root, files, each)
    archive.problems = sorted(archive.problems + problems(archive, each), key=Problem.sort_key)
    return archive
