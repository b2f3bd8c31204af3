"""Read notice files: normalise the text, parse the front matter, validate it into Notices and Problems.

The build and ``vanban check`` both call ``load_archive_files``; neither stops at the
first problem, so a clerk sees everything wrong in one run.
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
import re
from contextlib import contextmanager
from pathlib import Path

from . import numbers, unreadable
from .doctypes import BY_SLUG
from .model import Meeting, Notice, Problem, Signer
from .registry import Registry, parse_date
from .text import clean
from .yamlread import read_yaml

MAX_BYTES = 1_000_000
MAX_DAYS_AHEAD = 366  # a date of issue further ahead is a typing slip (2999), and would lead the home page
STEM = re.compile(r"(?P<date>\d{4}-\d{2}-\d{2})-(?P<slug>[a-z0-9]+(?:-[a-z0-9]+)*)")
FIELDS = ("number", "title", "date", "issuer", "type", "place", "signer", "recipients",
          "units", "cites", "meeting", "tags")
# T/M, T/L, K/T, TUQ (Party) or TM., KT., TL., TUQ., Q. (State), then the body.
AUTHORITY = re.compile(r"(?:T/M|T/L|K/T|TUQ\.?|Q\.|TM\.|KT\.|TL\.)\s+\S.*", re.IGNORECASE)


class _Checker:
    """Validates one parsed front matter, collecting problems with their lines."""

    def __init__(self, rel: str, located, registry: Registry):
        self.rel, self.located, self.registry = rel, located, registry
        self.problems: list[Problem] = []

    def add(self, path: tuple, message: str, line: int | None = None) -> None:
        name = ".".join(str(p) for p in path) if path else None
        self.problems.append(Problem(self.rel, line or self.located.line(*path), name, message))

    def text(self, data: dict, key: str, required: bool = False, path: tuple = ()) -> str | None:
        path = path or (key,)
        value = data.get(key)
        if value is None:
            if required:
                self.add(path, "required", line=self.located.lines.get(path) or self._parent_line(path))
            return None
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            self.add(path, f"must be text, got {type(value).__name__}")
            return None
        text = str(value).strip()
        if not text:
            if required:
                self.add(path, "required: must not be empty")
            return None
        return text

    def _parent_line(self, path: tuple) -> int:
        """Where a missing field would go: its mapping's line, or line 1 for a top-level one."""
        return self.located.line(*path[:-1]) if len(path) > 1 else 1

    def text_list(self, data: dict, key: str) -> list[str]:
        value = data.get(key)
        if value is None:
            return []
        if isinstance(value, str):
            self.add((key,), "must be a list (one item per line, each starting with '- ')")
            return []
        if not isinstance(value, list):
            self.add((key,), f"must be a list, got {type(value).__name__}")
            return []
        items = []
        for i, item in enumerate(value):
            if isinstance(item, bool) or not isinstance(item, (str, int, float)) or not str(item).strip():
                self.add((key, i), f"item {i + 1} must be text")
            else:
                items.append(str(item).strip())
        return items

    def unit_id(self, value: str, path: tuple) -> bool:
        if value in self.registry.units or not self.registry.units_read:
            return True  # without a readable units.yml its own problem says so, once
        self.add(path, self.registry.unknown_unit(value))
        return False


def read_notice(path: Path, rel: str, registry: Registry) -> tuple[Notice | None, list[Problem]]:
    """One notice file -> (Notice or None, problems). Never raises on bad input."""
    if path.is_symlink():
        return None, [Problem(rel, 1, None, "is a symbolic link; a notice must be a regular file inside notices/")]
    size = path.stat().st_size
    if size > MAX_BYTES:
        return None, [Problem(rel, 1, None, f"file is {size:,} bytes; a notice may be at most 1 MB")]
    raw = path.read_bytes()
    try:
        decoded = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        return None, [Problem(rel, line, None, "not UTF-8 text; save the file as UTF-8")]
    text = clean(decoded)
    refused = unreadable.problems(text, rel)
    if refused:
        return None, refused
    return parse_notice(text, path.stem, rel, registry)


def parse_notice(text: str, stem: str, rel: str, registry: Registry) -> tuple[Notice | None, list[Problem]]:
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return None, [Problem(rel, 1, None, "no front matter: the file must start with a line '---'")]
    end = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), None)
    if end is None:
        return None, [Problem(rel, 1, None, "front matter is not closed: add a line '---' after it")]
    located = read_yaml("\n".join(lines[1:end]), first_line=2)
    check = _Checker(rel, located, registry)
    check.problems.extend(Problem(rel, line, f, msg) for line, f, msg in located.errors)
    if located.errors:
        return None, check.problems
    data = located.data
    if not isinstance(data, dict):
        return None, [Problem(rel, 1, None, "front matter must be a mapping of field: value")]

    for key in data:
        if key not in FIELDS:
            close = difflib.get_close_matches(str(key), FIELDS, n=1)
            hint = f"; did you mean '{close[0]}'?" if close else f"; known fields: {', '.join(FIELDS)}"
            check.add((key,), f"unknown field{hint}")

    number_text = check.text(data, "number", required=True)
    number = None
    if number_text:
        number = numbers.parse(number_text)
        if number is None:
            check.add(("number",), f"'{number_text}' is not a document number as printed "
                                   "(e.g. 15-TB/ĐU, 12/TB-MTTQ-BTT, 30/2020/NĐ-CP), written without 'Số'")

    title = check.text(data, "title", required=True)
    date = None
    if data.get("date") is not None:
        date = parse_date(data["date"], check.problems, (rel, located.line("date"), "date"))
        if date and date > dt.date.today() + dt.timedelta(days=MAX_DAYS_AHEAD):
            check.add(("date",), f"{date.isoformat()} là ngày quá xa trong tương lai (quá một năm kể từ hôm nay); "
                                 "hãy kiểm tra lại năm")
            date = None
    else:
        check.add(("date",), "required: the date of issue, YYYY-MM-DD", line=1)

    type_slug = None
    given_type = check.text(data, "type")
    if number:
        allowed = number.types
        type_slug = allowed[0] if allowed else None
        if given_type:
            if given_type not in BY_SLUG:
                close = difflib.get_close_matches(given_type, list(BY_SLUG), n=1)
                check.add(("type",), f"unknown type '{given_type}'" + (f"; did you mean '{close[0]}'?" if close else ""))
            elif given_type not in allowed:
                code = number.code or number.body
                check.add(("type",), f"'{given_type}' does not agree with the code {code} in number "
                                     f"{number.text} ({' or '.join(allowed) or 'no known type'})")
            else:
                type_slug = given_type
        elif not allowed:
            check.add(("number",), f"type code '{number.code}' is not a known document type; add 'type:'")

    issuer = check.text(data, "issuer", required=True)
    if issuer and not check.unit_id(issuer, ("issuer",)):
        issuer = None

    signer = None
    raw_signer = data.get("signer")
    if raw_signer is None:
        check.add(("signer",), "required: name and position of the person who signed", line=1)
    elif not isinstance(raw_signer, dict):
        check.add(("signer",), "must be a mapping with name, position and optional authority")
    else:
        for key in raw_signer:
            if key not in ("name", "position", "authority"):
                check.add(("signer", key), "unknown field; expected name, position, authority")
        name = check.text(raw_signer, "name", required=True, path=("signer", "name"))
        position = check.text(raw_signer, "position", required=True, path=("signer", "position"))
        authority = check.text(raw_signer, "authority", path=("signer", "authority"))
        if authority and not AUTHORITY.fullmatch(authority):
            check.add(("signer", "authority"), f"'{authority}' must start with T/M, T/L, K/T, TUQ, Q. "
                                               "(Party) or TM., KT., TL., TUQ., Q. (State), then the body")
        if name and position:
            signer = Signer(name, position, authority)

    recipients = check.text_list(data, "recipients")
    for i, item in enumerate(recipients):
        if item.startswith(("-", "–", "•")) or item.endswith((",", ";", ".")):
            check.add(("recipients", i), f"'{item}': write the recipient without a leading dash "
                                         "or a trailing , ; .")

    units = check.text_list(data, "units")
    units = [u for i, u in enumerate(units) if check.unit_id(u, ("units", i))]

    cites = []
    for i, item in enumerate(check.text_list(data, "cites")):
        parsed = numbers.parse(item)
        if parsed is None:
            check.add(("cites", i), f"'{item}' is not a document number (e.g. 50-CT/TW)")
        else:
            cites.append(parsed.text)

    meeting = None
    raw_meeting = data.get("meeting")
    if raw_meeting is not None:
        if not isinstance(raw_meeting, dict):
            check.add(("meeting",), "must be a mapping with date and chair")
        else:
            for key in raw_meeting:
                if key not in ("date", "chair"):
                    check.add(("meeting", key), "unknown field; expected date, chair")
            mdate = None
            if raw_meeting.get("date") is not None:
                mdate = parse_date(raw_meeting["date"], check.problems,
                                   (rel, located.line("meeting", "date"), "meeting.date"))
            meeting = Meeting(mdate, check.text(raw_meeting, "chair", path=("meeting", "chair")))

    place = check.text(data, "place")
    tags = check.text_list(data, "tags")

    _check_file_name(check, stem, rel, date)

    if check.problems:
        return None, check.problems
    body = "\n".join(lines[end + 1:])
    blank = len(body) - len(body.lstrip("\n"))  # leading blank lines: the body starts below them
    notice = Notice(
        path=rel, stem=stem, number=number.text, title=title, date=date, issuer=issuer,
        type=type_slug, signer=signer, body=body.strip("\n") + "\n",
        body_line=end + 2 + blank, place=place, recipients=tuple(recipients), units=tuple(units),
        cites=tuple(cites), meeting=meeting, tags=tuple(tags),
        lines={".".join(map(str, k)): v for k, v in located.lines.items()},
    )
    return notice, []


def _check_file_name(check: _Checker, stem: str, rel: str, date) -> None:
    m = STEM.fullmatch(stem)
    if not m:
        check.add((), f"file name '{stem}.md' must be <date>-<slug>.md, e.g. 2025-11-06-giao-ban-thang-11.md "
                      "(slug: lowercase ASCII words joined by '-')", line=1)
        return
    if date and m["date"] != date.isoformat():
        check.add(("date",), f"is {date.isoformat()} but the file name starts with {m['date']}; "
                             "they must agree")
    parent = Path(rel).parent.name
    if date and parent != str(date.year):
        check.add(("date",), f"the notice of {date.isoformat()} must lie in notices/{date.year}/, "
                             f"not in {Path(rel).parent.as_posix()}/")


def _tree(base: Path) -> list[Path]:
    """Every entry under ``base`` except hidden ones, without entering symlinked folders
    (they are reported, not followed: a notice must lie inside notices/)."""
    out = []
    for folder, dirs, names in os.walk(base):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        here = Path(folder)
        out.extend(here / d for d in dirs if (here / d).is_symlink())
        out.extend(here / n for n in names if not n.startswith("."))
    return sorted(out)


def notice_files(root: Path) -> list[Path]:
    """Every .md file under notices/, symlinks included so that they are refused, not skipped."""
    base = root / "notices"
    if not base.is_dir():
        return []
    return [p for p in _tree(base) if p.suffix == ".md" and not _readme(p, base)
            and (p.is_symlink() or p.is_file()) and not (p.is_symlink() and p.is_dir())]


def _readme(path: Path, base: Path) -> bool:
    """notices/README.md explains the folder; it is not a notice."""
    return path.parent == base and path.name.upper().startswith("README")


REGISTRIES = {"units.yml", "directives.yml"}


def stray_files(root: Path) -> list[Problem]:
    """Entries under notices/ that are neither a notice nor a registry: a notice saved as .MD,
    .txt or .docx, or a symlinked folder, would otherwise be left out of the site without a word."""
    base = root / "notices"
    if not base.is_dir():
        return []
    problems = []
    for path in _tree(base):
        rel = relative_path(path, root)
        if path.is_symlink() and path.is_dir():
            problems.append(Problem(rel, 1, None, "thư mục là liên kết tượng trưng (symlink); các văn bản phải "
                                                  "nằm thật trong notices/, hãy chép thư mục vào thay cho liên kết"))
        elif path.is_dir() or _readme(path, base):
            continue
        elif path.parent == base and path.name in REGISTRIES:
            continue  # its own reader says what is wrong with it
        elif path.suffix == ".md":
            if not path.is_symlink() and not path.is_file():
                problems.append(Problem(rel, 1, None, "không phải một tệp thường; văn bản phải là tệp .md"))
        else:
            problems.append(Problem(rel, 1, None,
                                    "not a notice: a notice is a Markdown file named <date>-<slug>.md "
                                    "(convert a .docx or .txt first; rename .MD to .md)"))
    return problems


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


def load_notices(root: Path, registry: Registry, files: list[Path] | None = None) -> tuple[list[Notice], list[Problem]]:
    """Read and validate every notice, then the archive-wide rules (unique stem, unique number+date)."""
    notices, problems = [], []
    paths = files if files is not None else notice_files(root)
    by_stem: dict[str, str] = {}
    for path in paths:
        rel = relative_path(path, root)
        first = by_stem.setdefault(path.stem, rel)
        if first != rel:  # checked on every file, valid or not: the stem is the page's URL
            problems.append(Problem(rel, 1, None, f"file name '{path.name}' is already used by {first}; "
                                                  "the stem must be unique across the archive"))
        try:
            with reading(rel):
                notice, found = read_notice(path, rel, registry)
        except InternalError as e:
            if not isinstance(e.__cause__, OSError):
                raise
            notice, found = None, [Problem(rel, 1, None, f"không đọc được tệp: {e.__cause__.strerror}")]
        problems.extend(found)
        if notice:
            notices.append(notice)
    problems.extend(_unique_numbers(notices))
    problems.extend(stray_files(root))
    return notices, problems


def _unique_numbers(notices: list[Notice]) -> list[Problem]:
    problems = []
    by_number: dict[tuple, Notice] = {}
    for n in sorted(notices, key=lambda n: n.path):
        key = (n.number, n.date)
        first = by_number.setdefault(key, n)
        if first is not n:
            problems.append(Problem(n.path, n.lines.get("number", 1), "number",
                                    f"{n.number} of {n.date.isoformat()} is already the number of {first.path}"))
    return problems


def relative_path(path: Path, root: Path) -> str:
    """How problems name a file: relative to the project root when inside it."""
    try:
        return path.absolute().relative_to(root.absolute()).as_posix()
    except ValueError:
        return path.as_posix()
