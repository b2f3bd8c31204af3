"""The ``vanban`` command for contributors: check, import, new, cite. It speaks Vietnamese."""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from dataclasses import asdict
from pathlib import Path

from vanban.lang.citations import find_citations
from vanban.machine import steps
from vanban.reading.files import notice_files, project_root, relative_path
from vanban.reading.load import InternalError
from vanban.tools import importers, new


def cmd_check(args) -> int:
    paths = [Path(p) for p in args.paths]
    missing = [p for p in paths if not p.exists() and not p.is_symlink()]
    for p in missing:
        print(f"{p}: không có tệp hoặc thư mục này", file=sys.stderr)
    if missing:
        return 2
    root = project_root(paths)
    given = _expand(paths)
    # The whole archive is read even for one file: stems and (number, date) are unique
    # across it. A given file outside notices/ (a draft) is read too.
    files = sorted({p.absolute() for p in notice_files(root)} | {p.absolute() for p in given})
    archive = steps.checked(root, files)
    problems = archive.problems
    if paths:
        wanted = {relative_path(p, root) for p in given}
        registries = {p.path for p in archive.registry.problems}  # they break every notice's build
        problems = [p for p in problems if p.path in wanted or p.path in registries]
    for problem in problems:
        print(problem)
    errors = [p for p in problems if not p.warning]
    warnings = f", {len(problems) - len(errors)} cảnh báo" if len(problems) > len(errors) else ""
    if errors:
        print(f"Có {len(errors)} lỗi{warnings}. Sửa các lỗi trên rồi chạy lại vanban check.", file=sys.stderr)
        return 1
    checked = len(wanted) if paths else len(archive.notices)
    print(f"Đã kiểm tra {checked} văn bản: không có lỗi{warnings}.", file=sys.stderr)
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


class _Formatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        super().add_usage(usage, actions, groups, prefix="cách dùng: " if prefix is None else prefix)


class _Parser(argparse.ArgumentParser):
    """argparse in Vietnamese: its headings, and one plain line for a wrong call."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, formatter_class=_Formatter, add_help=False, **kwargs)
        self._positionals.title = "tham số"
        self._optionals.title = "tùy chọn"
        self.add_argument("-h", "--help", action="help", help="in hướng dẫn này rồi thoát")

    def error(self, message):
        for english, vietnamese in _ARGPARSE:
            message = re.sub(english, vietnamese, message)
        self.print_usage(sys.stderr)
        print(f"{self.prog}: lệnh chưa đúng: {message}. Xem {self.prog} --help.", file=sys.stderr)
        sys.exit(2)


_ARGPARSE = [
    (r"argument (\S+): invalid choice: (\S+) \(choose from (.*)\)", r"\2 không phải lệnh nào (các lệnh: \3)"),
    (r"the following arguments are required: (.*)", r"thiếu \1"),
    (r"unrecognized arguments: (.*)", r"không hiểu \1"),
    (r"argument (\S+): expected one argument", r"\1 cần một giá trị"),
    (r"argument (\S+): invalid (\w+) value: (.*)", r"\1: giá trị \3 không hợp lệ"),
]


def main(argv: list[str] | None = None) -> int:
    parser = _Parser(prog="vanban", description="Công cụ cho kho văn bản (vanban).")
    sub = parser.add_subparsers(dest="command", required=True, title="lệnh", metavar="LỆNH",
                                parser_class=_Parser)
    check = sub.add_parser("check", help="kiểm tra cả kho, hoặc các tệp được nêu, như khi dựng trang")
    check.add_argument("paths", nargs="*", metavar="TỆP", help="tệp văn bản hoặc thư mục (mặc định: cả kho)")
    check.set_defaults(func=cmd_check)
    imp = sub.add_parser("import", help="chuyển văn bản Word (.docx) hoặc văn bản thuần (.txt, .md) "
                                        "thành tệp thông báo trong notices/")
    importers.add_arguments(imp)
    imp.set_defaults(func=importers.run)
    make = sub.add_parser("new", help="tạo tệp thông báo mới với số ký hiệu kế tiếp")
    new.add_arguments(make)
    make.set_defaults(func=new.run)
    cite = sub.add_parser("cite", help="in các trích dẫn tìm thấy trong văn bản đưa vào (stdin), "
                                       "mỗi trích dẫn một dòng JSON")
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
