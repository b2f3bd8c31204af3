"""The notices of an archive read and checked as a whole: every file through ``read_notice``,
then the rules across files (a file name used twice, a number and date used twice, the same
number reused by one issuer, entries of ``notices/`` that are not notices).

The build and ``vanban check`` both come here; neither stops at the first problem, so a clerk
sees everything wrong in one run. ``load_notices`` is the entry point.
"""

from __future__ import annotations

import functools
from contextlib import contextmanager
from pathlib import Path

from vanban.model import Notice, Problem
from vanban.reading.files import notice_files, relative_path, stray_files, walk
from vanban.reading.notice import Claim, read_notice
from vanban.reading.registry import Registry
from vanban.steps import READ, Each, one_by_one


class InternalError(Exception):
    """A bug met while reading one file: the file is named, the traceback is not shown."""

    def __init__(self, rel: str, error: BaseException):
        super().__init__(f"{rel}: {type(error).__name__}: {error}")
        self.rel = rel


@contextmanager
def reading(rel: str):
    """Any unexpected error inside becomes an InternalError naming ``rel``."""
    try:
        yield
    except InternalError:
        raise
    except Exception as e:
        raise InternalError(rel, e) from e


def load_notices(root: Path, registry: Registry, files: list[Path] | None = None,
                 each: Each = one_by_one) -> tuple[list[Notice], list[Problem]]:
    """Read and validate every notice, then the archive-wide rules (unique stem, unique number+date)."""
    notices, problems = [], []
    tree = walk(root / "notices") if (root / "notices").is_dir() else []  # walked once, for both
    paths = files if files is not None else notice_files(root, tree)
    by_stem: dict[str, str] = {}
    for path in paths:
        rel = relative_path(path, root)
        first = by_stem.setdefault(path.stem, rel)
        if first != rel:  # checked on every file, valid or not: the stem is the page's URL
            problems.append(Problem(rel, 1, None, f"tên tệp '{path.name}' đã dùng cho {first}; "
                                                  "mỗi tên tệp chỉ được dùng một lần trong cả kho"))
    claims = []
    for notice, found, claim in each(READ, functools.partial(read_one, root=root, registry=registry), list(paths)):
        problems.extend(found)
        claims.extend(claim)
        if notice:
            notices.append(notice)
    problems.extend(_unique_numbers(claims))
    problems.extend(stray_files(root, tree))
    return notices, problems


def read_one(path: Path, root: Path, registry: Registry) -> tuple[Notice | None, list[Problem], list[Claim]]:
    """One file of the archive read: (its notice or None, its problems, the number and date it
    claims). A file that cannot be opened is a problem, another error a bug."""
    rel = relative_path(path, root)
    claims: list[Claim] = []
    try:
        with reading(rel):
            notice, problems = read_notice(path, rel, registry, claims)
            return notice, problems, claims
    except InternalError as e:
        if not isinstance(e.__cause__, OSError):
            raise
        return None, [Problem(rel, 1, None, f"không đọc được tệp: {e.__cause__.strerror}")], []


def _unique_numbers(claims: list[Claim]) -> list[Problem]:
    """(number, date) is unique, among every file that gives both, valid or not (a clerk sees it in
    the same run as the file's other problems); the same number of one issuer twice in a year is
    most often last month's file copied, but numbering does restart with a new committee term: a
    warning."""
    problems = []
    by_number: dict[tuple, Claim] = {}
    by_year: dict[tuple, Claim] = {}
    for n in sorted(claims, key=lambda n: (n.date, n.path)):
        first = by_number.setdefault((n.number, n.date), n)
        if first is not n:
            problems.append(Problem(n.path, n.line, "number",
                                    f"số {n.number} ngày {n.date.isoformat()} đã là số của {first.path}"))
            continue
        if n.issuer is None:
            continue
        earlier = by_year.setdefault((n.issuer, n.number, n.date.year), n)
        if earlier is not n:
            problems.append(Problem(n.path, n.line, "number",
                                    f"số {n.number} đã dùng cho {earlier.path} ngày {earlier.date.strftime('%d/%m/%Y')}; "
                                    "có phải sao chép từ tệp cũ mà chưa sửa số? (bỏ qua nếu số được đánh lại "
                                    "từ đầu nhiệm kỳ mới)", warning=True))
    return problems
