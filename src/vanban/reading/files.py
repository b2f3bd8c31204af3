"""The walk of ``notices/``: the notice files in it, the entries that do not belong there, and
how problems name a file (relative to the project root)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from vanban.model import Problem


def project_root(paths: list[Path]) -> Path:
    """The project root: the folder holding notices/, found upwards from the first path or cwd."""
    start = (paths[0].absolute().parent if paths else Path.cwd())
    for folder in (start, *start.parents):
        if (folder / "notices").is_dir() and folder.name != "notices":
            return folder
    return Path.cwd()


@dataclass(frozen=True)
class Entry:
    path: Path
    link: bool   # a symbolic link
    dir: bool    # a folder, or a link to one (not entered)
    file: bool   # a regular file, or a link to one


def walk(base: Path) -> list[Entry]:
    """Every entry under ``base`` except hidden ones, sorted, without entering symlinked folders
    (they are reported, not followed: a notice must lie inside notices/). Folders entered are
    not listed. What each entry is comes from the folder listing (os.scandir): at 10,000 notices
    asking the file system again for each took half a second."""
    out, folders = [], [str(base)]
    while folders:
        try:
            listing = list(os.scandir(folders.pop()))
        except OSError:  # a folder that cannot be listed is passed over, as os.walk does
            continue
        for e in listing:
            if e.name.startswith("."):
                continue
            link, folder = _is(e.is_symlink), _is(e.is_dir)
            if folder and not link:
                folders.append(e.path)
            else:
                out.append(Entry(Path(e.path), link, folder, not folder and _is(e.is_file)))
    return sorted(out, key=lambda e: e.path)


def _is(test) -> bool:
    try:
        return test()
    except OSError:  # as os.walk takes it: not that kind
        return False


def notice_files(root: Path, tree: list[Entry] | None = None) -> list[Path]:
    """Every .md file under notices/, symlinks included so that they are refused, not skipped."""
    base = root / "notices"
    if not base.is_dir():
        return []
    return [e.path for e in (tree if tree is not None else walk(base))
            if e.path.suffix == ".md" and not _readme(e.path, base) and (e.link or e.file) and not (e.link and e.dir)]


def _readme(path: Path, base: Path) -> bool:
    """notices/README.md explains the folder; it is not a notice."""
    return path.parent == base and path.name.upper().startswith("README")


REGISTRIES = {"units.yml", "directives.yml"}


def stray_files(root: Path, tree: list[Entry] | None = None) -> list[Problem]:
    """Entries under notices/ that are neither a notice nor a registry: a notice saved as .MD,
    .txt or .docx, or a symlinked folder, would otherwise be left out of the site without a word."""
    base = root / "notices"
    if not base.is_dir():
        return []
    problems = []
    for e in (tree if tree is not None else walk(base)):
        path = e.path
        rel = relative_path(path, root)
        if e.link and e.dir:
            problems.append(Problem(rel, 1, None, "thư mục là liên kết tượng trưng (symlink); các văn bản phải "
                                                  "nằm thật trong notices/, hãy chép thư mục vào thay cho liên kết"))
        elif e.dir or _readme(path, base):
            continue
        elif path.parent == base and path.name in REGISTRIES:
            continue  # its own reader says what is wrong with it
        elif path.suffix == ".md":
            if not e.link and not e.file:
                problems.append(Problem(rel, 1, None, "không phải một tệp thường; văn bản phải là tệp .md"))
        else:
            problems.append(Problem(rel, 1, None,
                                    "không phải tệp văn bản: mỗi văn bản là một tệp Markdown tên "
                                    "<ngày>-<tên-ngắn>.md (tệp .docx, .txt thì chuyển bằng vanban import; "
                                    "đổi đuôi .MD thành .md)"))
    return problems


def relative_path(path: Path, root: Path) -> str:
    """How problems name a file: relative to the project root when inside it."""
    try:
        return path.absolute().relative_to(root.absolute()).as_posix()
    except ValueError:
        return path.as_posix()
