"""The ``vanban`` command for contributors: check, cite (new and import follow)."""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from dataclasses import asdict
from pathlib import Path

from .bodies import checked_archive
from .citations import find_citations
from .load import InternalError, notice_files, relative_path


def _root_for(paths: list[Path]) -> Path:
    """The project root: the folder holding notices/, found upwards from the first path or cwd."""
    start = (paths[0].absolute().parent if paths else Path.cwd())
    for folder in (start, *start.parents):
        if (folder / "notices").is_dir() and folder.name != "notices":
            return folder
    return Path.cwd()


def cmd_check(args) -> int:
    paths = [Path(p) for p in args.paths]
    missing = [p for p in paths if not p.exists() and not p.is_symlink()]
    for p in missing:
        print(f"{p}: no such file", file=sys.stderr)
    if missing:
        return 2
    root = _root_for(paths)
    given = _expand(paths)
    # The whole archive is read even for one file: stems and (number, date) are unique
    # across it. A given file outside notices/ (a draft) is read too.
    files = sorted({p.absolute() for p in notice_files(root)} | {p.absolute() for p in given})
    archive = checked_archive(root, files)
    problems = archive.problems
    if paths:
        wanted = {relative_path(p, root) for p in given}
        registries = {p.path for p in archive.registry.problems}  # they break every notice's build
        problems = [p for p in problems if p.path in wanted or p.path in registries]
    for problem in problems:
        print(problem)
    errors = [p for p in problems if not p.warning]
    if errors:
        print(f"{len(errors)} problem(s).", file=sys.stderr)
        return 1
    checked = len(wanted) if paths else len(archive.notices)
    print(f"OK: {checked} notice(s) checked, no problems.", file=sys.stderr)
    return 0


def _expand(paths: list[Path]) -> list[Path]:
    out = []
    for p in paths:
        out.extend(sorted(p.rglob("*.md")) if p.is_dir() else [p])
    return out


def cmd_cite(args) -> int:
    text = unicodedata.normalize("NFC", sys.stdin.read())
    for c in find_citations(text):
        print(json.dumps(asdict(c), ensure_ascii=False))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="vanban", description="Công cụ cho kho văn bản (vanban).")
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="validate the archive, or the given files, as the build does")
    check.add_argument("paths", nargs="*", help="notice files or folders (default: the whole archive)")
    check.set_defaults(func=cmd_check)
    cite = sub.add_parser("cite", help="print the citations found in standard input, one JSON object per line")
    cite.set_defaults(func=cmd_cite)
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except InternalError as e:
        print(f"lỗi nội bộ của vanban khi đọc {e}. Hãy báo lỗi này cho người quản trị kho, "
              "kèm tệp nói trên.", file=sys.stderr)
    except Exception as e:  # never a traceback for a clerk
        print(f"lỗi nội bộ của vanban: {type(e).__name__}: {e}. Hãy báo lỗi này cho người quản trị kho.",
              file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
