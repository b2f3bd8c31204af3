"""Read notice files: normalise the text, parse the front matter, validate it into Notices and Problems.

The build and ``vanban check`` both call ``load_archive_files``; neither stops at the
first problem, so a clerk sees everything wrong in one run.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import hashlib
import json
import os
import re
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from . import numbers, unreadable
from .frontmatter import GAP, is_gap
from .doctypes import BY_SLUG
from .model import Meeting, Notice, Problem, Signer
from .registry import Registry, parse_date
from .text import clean, name_key
from .twocores import in_two
from .yamlread import read_yaml

MAX_BYTES = 1_000_000
MAX_DAYS_AHEAD = 366  # a date of issue further ahead is a typing slip (2999), and would lead the home page
STEM = re.compile(r"(?P<date>\d{4}-\d{2}-\d{2})-(?P<slug>[a-z0-9]+(?:-[a-z0-9]+)*)")
# The fields, which are required and which are mappings: the JSON Schema shipped for editors.
SCHEMA = json.loads((Path(__file__).with_name("notice.schema.json")).read_text(encoding="utf-8"))
FIELDS = tuple(SCHEMA["properties"])
SIGNER_FIELDS = tuple(SCHEMA["properties"]["signer"]["properties"])
MEETING_FIELDS = tuple(SCHEMA["properties"]["meeting"]["properties"])
REQUIRED = {(k,) for k in SCHEMA["required"]} | {("signer", k) for k in SCHEMA["properties"]["signer"]["required"]}
KIND = {"string": "chữ", "integer": "số", "number": "số", "boolean": "có/không (true/false)",
        "list": "danh sách", "dict": "nhóm trường", "NoneType": "trống", "float": "số", "int": "số",
        "bool": "có/không (true/false)", "str": "chữ", "date": "ngày"}
# T/M, T/L, K/T, TUQ (Party) or TM., KT., TL., TUQ., Q. (State), then the body.
AUTHORITY = re.compile(r"(?:T/M|T/L|K/T|TUQ\.?|Q\.|TM\.|KT\.|TL\.)\s+\S.*", re.IGNORECASE)


def _kind(value) -> str:
    return KIND.get(type(value).__name__, type(value).__name__)


def _list_hint(value) -> str:
    """A mapping where text was expected is most often an unquoted colon: "Số: 19-TB/ĐU"."""
    if isinstance(value, dict):
        return "; nếu giá trị có dấu ':' thì hãy đặt cả giá trị trong dấu nháy kép"
    return ""


class _Checker:
    """Validates one parsed front matter, collecting problems with their lines."""

    def __init__(self, rel: str, located, registry: Registry):
        self.rel, self.located, self.registry = rel, located, registry
        self.problems: list[Problem] = []

    def add(self, path: tuple, message: str, line: int | None = None, warning: bool = False) -> None:
        name = ".".join(str(p) for p in path) if path else None
        self.problems.append(Problem(self.rel, line or self.located.line(*path), name, message, warning))

    def text(self, data: dict, key: str, path: tuple = ()) -> str | None:
        path = path or (key,)
        required = path in REQUIRED
        value = data.get(key)
        if value is None:
            if required:
                where = self.located.lines.get(path)
                self.add(path, "bắt buộc: chưa có giá trị" if where else "bắt buộc: thiếu trường này",
                         line=where or self._parent_line(path))
            return None
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            self.add(path, f"phải là chữ, không phải {_kind(value)}" + _list_hint(value))
            return None
        text = str(value).strip()
        if is_gap(text):
            what = text[len(GAP):].strip()
            unit = self.registry.suggest_unit(what) if path == ("issuer",) and what else None
            if unit:
                self.add(path, f"chưa điền: đơn vị ban hành in là '{what}', hãy ghi mã của nó trong "
                               f"notices/units.yml: {unit}")
            else:
                self.add(path, f"chưa điền{f' ({what})' if what else ''}: hãy ghi theo bản in của văn bản")
            return None
        if not text:
            if required:
                self.add(path, "bắt buộc: chưa có giá trị")
            return None
        return text

    def _parent_line(self, path: tuple) -> int:
        """Where a missing field would go: its mapping's line, or line 1 for a top-level one."""
        return self.located.line(*path[:-1]) if len(path) > 1 else 1

    def text_list(self, data: dict, key: str) -> list[tuple[int, str]]:
        """The text items of a list, each with its index in the file's list (for its line)."""
        value = data.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.add((key,), "phải là danh sách: mỗi mục một dòng, bắt đầu bằng '- ' và thụt vào hai dấu cách")
            return []
        items = []
        for i, item in enumerate(value):
            if isinstance(item, list):  # "- - TT Đảng ủy,": the dash of the printed list pasted too
                self.add((key, i), f"mục {i + 1} có hai dấu gạch ('- -'); chỉ giữ một dấu '- ' ở đầu dòng, "
                                   "bỏ dấu gạch và dấu câu của bản in")
            elif isinstance(item, bool) or not isinstance(item, (str, int, float)) or not str(item).strip():
                self.add((key, i), f"mục {i + 1} phải là chữ" + _list_hint(item))
            else:
                items.append((i, str(item).strip()))
        return items

    def unit_id(self, value: str, path: tuple) -> bool:
        if value in self.registry.units or not self.registry.units_read:
            return True  # without a readable units.yml its own problem says so, once
        self.add(path, self.registry.unknown_unit(value))
        return False


def read_notice(path: Path, rel: str, registry: Registry) -> tuple[Notice | None, list[Problem]]:
    """One notice file -> (Notice or None, problems). Never raises on bad input."""
    if path.is_symlink():
        return None, [Problem(rel, 1, None, "là liên kết tượng trưng (symlink); văn bản phải là tệp thật nằm trong notices/")]
    size = path.stat().st_size
    if size > MAX_BYTES:
        return None, [Problem(rel, 1, None, f"tệp nặng {size:,} byte; mỗi văn bản tối đa 1 MB".replace(",", "."))]
    raw = path.read_bytes()
    try:
        decoded = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        return None, [Problem(rel, line, None, "không phải chữ UTF-8; hãy lưu tệp với bảng mã UTF-8 (Unicode)")]
    text = clean(decoded)
    refused = unreadable.problems(text, rel)
    if refused:
        return None, refused
    return parse_notice(text, path.stem, rel, registry)


def parse_notice(text: str, stem: str, rel: str, registry: Registry) -> tuple[Notice | None, list[Problem]]:
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return None, [Problem(rel, 1, None, "thiếu phần thông tin đầu tệp: dòng đầu tiên của tệp phải là '---'")]
    end = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), None)
    if end is None:
        return None, [Problem(rel, 1, None, "phần thông tin đầu tệp chưa đóng: thêm một dòng '---' sau trường cuối cùng")]
    located = read_yaml("\n".join(lines[1:end]), first_line=2)
    check = _Checker(rel, located, registry)
    check.problems.extend(Problem(rel, line, f, msg) for line, f, msg in located.errors)
    if located.errors:
        return None, check.problems
    data = located.data
    if not isinstance(data, dict):
        return None, [Problem(rel, 1, None, "phần thông tin đầu tệp phải gồm các dòng dạng trường: giá trị")]

    for key in data:
        if key not in FIELDS:
            close = difflib.get_close_matches(str(key), FIELDS, n=1)
            hint = f"; có phải là '{close[0]}'?" if close else f"; các trường là: {', '.join(FIELDS)}"
            check.add((key,), f"trường không có trong mẫu{hint}")

    number_text = check.text(data, "number")
    number = None
    if number_text:
        number = numbers.parse(number_text)
        if number is None:
            check.add(("number",), f"'{number_text}' không phải số và ký hiệu văn bản như bản in "
                                   "(ví dụ 15-TB/ĐU, 12/TB-MTTQ-BTT), viết không có chữ 'Số'")

    title = check.text(data, "title")
    date = None
    if is_gap(data.get("date")):
        check.text(data, "date")  # says "chưa điền"
    elif data.get("date") is not None:
        date = parse_date(data["date"], check.problems, (rel, located.line("date"), "date"))
        if date and date > dt.date.today() + dt.timedelta(days=MAX_DAYS_AHEAD):
            check.add(("date",), f"{date.isoformat()} là ngày quá xa trong tương lai (quá một năm kể từ hôm nay); "
                                 "hãy kiểm tra lại năm")
            date = None
    else:
        check.add(("date",), "bắt buộc: thiếu ngày ban hành, viết YYYY-MM-DD", line=located.lines.get(("date",), 1))

    type_slug = None
    given_type = check.text(data, "type")
    if number:
        allowed = number.types
        type_slug = allowed[0] if allowed else None
        if given_type:
            if given_type not in BY_SLUG:
                close = difflib.get_close_matches(given_type, list(BY_SLUG), n=1)
                by_name = next((t.slug for t in BY_SLUG.values() if name_key(t.name) == name_key(given_type)), None)
                hint = (f" (hãy viết '{by_name}')" if by_name else f" (có phải là '{close[0]}'?)" if close else "")
                check.add(("type",), f"loại văn bản '{given_type}' không có{hint}; các loại: "
                                     + ", ".join(f"{t.slug} ({t.name})" for t in BY_SLUG.values()))
            elif given_type not in allowed:
                code = number.code or number.body
                check.add(("type",), f"'{given_type}' không khớp với ký hiệu {code} trong số {number.text} "
                                     f"({' hoặc '.join(allowed) or 'không rõ loại'})")
            else:
                type_slug = given_type
        elif not allowed:
            check.add(("number",), f"ký hiệu '{number.code}' không phải tên viết tắt của loại văn bản nào; "
                                   "hãy thêm trường 'type:'")

    if title and type_slug and name_key(title).startswith(name_key(BY_SLUG[type_slug].name) + " "):
        name = BY_SLUG[type_slug].name
        check.add(("title",), f"trích yếu không lặp lại tên loại văn bản: bỏ '{title[:len(name)]}' ở đầu "
                              "(trang đã in tên loại phía trên trích yếu)")

    issuer = check.text(data, "issuer")
    if issuer and not check.unit_id(issuer, ("issuer",)):
        issuer = None

    signer = None
    raw_signer = data.get("signer")
    if raw_signer is None:
        check.add(("signer",), "bắt buộc: thiếu người ký (name: họ tên, position: chức vụ)",
                  line=located.lines.get(("signer",), 1))
    elif not isinstance(raw_signer, dict):
        check.add(("signer",), "phải gồm các dòng name: (họ tên), position: (chức vụ) và authority: "
                               "(thẩm quyền ký, nếu có), thụt vào hai dấu cách")
    else:
        for key in raw_signer:
            if key not in SIGNER_FIELDS:
                check.add(("signer", key), f"trường không có trong mẫu; người ký gồm: {', '.join(SIGNER_FIELDS)}")
        name = check.text(raw_signer, "name", path=("signer", "name"))
        position = check.text(raw_signer, "position", path=("signer", "position"))
        authority = check.text(raw_signer, "authority", path=("signer", "authority"))
        if authority and not AUTHORITY.fullmatch(authority):
            check.add(("signer", "authority"), f"'{authority}' phải bắt đầu bằng T/M, T/L, K/T, TUQ, Q. "
                                               "(văn bản Đảng) hoặc TM., KT., TL., TUQ., Q. (Nhà nước), "
                                               "rồi đến tên tập thể, ví dụ 'T/L Ban Thường vụ'")
        if name and position:
            signer = Signer(name, position, authority)

    recipients = check.text_list(data, "recipients")
    for i, item in recipients:
        if item.startswith(("-", "–", "•")) or item.endswith((",", ";", ".")):
            check.add(("recipients", i), f"'{item}': ghi nơi nhận không có dấu gạch đầu dòng "
                                         "và dấu , ; . ở cuối")

    units = [u for i, u in check.text_list(data, "units") if check.unit_id(u, ("units", i))]

    cites = []
    for i, item in check.text_list(data, "cites"):
        parsed = numbers.parse(item)
        if parsed is None:
            check.add(("cites", i), f"'{item}' không phải số văn bản (ví dụ 50-CT/TW)")
        else:
            cites.append(parsed.text)

    meeting = None
    raw_meeting = data.get("meeting")
    if raw_meeting is not None:
        if not isinstance(raw_meeting, dict):
            check.add(("meeting",), "phải gồm các dòng date: (ngày họp) và chair: (người chủ trì), "
                                    "thụt vào hai dấu cách")
        else:
            for key in raw_meeting:
                if key not in MEETING_FIELDS:
                    check.add(("meeting", key), f"trường không có trong mẫu; hội nghị gồm: {', '.join(MEETING_FIELDS)}")
            mdate = None
            if is_gap(raw_meeting.get("date")):
                check.text(raw_meeting, "date", path=("meeting", "date"))
            elif raw_meeting.get("date") is not None:
                mdate = parse_date(raw_meeting["date"], check.problems,
                                   (rel, located.line("meeting", "date"), "meeting.date"))
            meeting = Meeting(mdate, check.text(raw_meeting, "chair", path=("meeting", "chair")))
            if mdate and date and mdate > date:
                check.add(("meeting", "date"), f"ngày họp {mdate.isoformat()} sau ngày ban hành {date.isoformat()}; "
                                               "hãy kiểm tra lại một trong hai ngày", warning=True)

    place = check.text(data, "place")
    tags = [t for _, t in check.text_list(data, "tags")]

    _check_file_name(check, stem, rel, date)

    if any(not p.warning for p in check.problems):
        return None, check.problems
    body = "\n".join(lines[end + 1:])
    blank = len(body) - len(body.lstrip("\n"))  # leading blank lines: the body starts below them
    notice = Notice(
        path=rel, stem=stem, number=number.text, title=title, date=date, issuer=issuer,
        type=type_slug, signer=signer, body=body.strip("\n") + "\n",
        body_line=end + 2 + blank, place=place, recipients=tuple(r for _, r in recipients), units=tuple(units),
        cites=tuple(cites), meeting=meeting, tags=tuple(tags),
        lines={".".join(map(str, k)): v for k, v in located.lines.items()},
    )
    return notice, check.problems  # warnings only


def _check_file_name(check: _Checker, stem: str, rel: str, date) -> None:
    m = STEM.fullmatch(stem)
    if not m:
        check.add((), f"tên tệp '{stem}.md' phải có dạng <ngày>-<tên-ngắn>.md, ví dụ "
                      "2025-11-06-giao-ban-thang-11.md (chữ thường không dấu, nối bằng '-')", line=1)
        return
    if date and m["date"] != date.isoformat():
        check.add(("date",), f"là {date.isoformat()} nhưng tên tệp bắt đầu bằng {m['date']}; "
                             "hai ngày phải giống nhau")
    parent = Path(rel).parent.name
    if date and parent != str(date.year):
        check.add(("date",), f"văn bản ngày {date.isoformat()} phải nằm trong thư mục notices/{date.year}/, "
                             f"không phải {Path(rel).parent.as_posix()}/")


@dataclass(frozen=True)
class _Entry:
    path: Path
    link: bool   # a symbolic link
    dir: bool    # a folder, or a link to one (not entered)
    file: bool   # a regular file, or a link to one


def _tree(base: Path) -> list[_Entry]:
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
                out.append(_Entry(Path(e.path), link, folder, not folder and _is(e.is_file)))
    return sorted(out, key=lambda e: e.path)


def _is(test) -> bool:
    try:
        return test()
    except OSError:  # as os.walk takes it: not that kind
        return False


def notice_files(root: Path, tree: list[_Entry] | None = None) -> list[Path]:
    """Every .md file under notices/, symlinks included so that they are refused, not skipped."""
    base = root / "notices"
    if not base.is_dir():
        return []
    return [e.path for e in (tree if tree is not None else _tree(base))
            if e.path.suffix == ".md" and not _readme(e.path, base) and (e.link or e.file) and not (e.link and e.dir)]


def _readme(path: Path, base: Path) -> bool:
    """notices/README.md explains the folder; it is not a notice."""
    return path.parent == base and path.name.upper().startswith("README")


REGISTRIES = {"units.yml", "directives.yml"}


def stray_files(root: Path, tree: list[_Entry] | None = None) -> list[Problem]:
    """Entries under notices/ that are neither a notice nor a registry: a notice saved as .MD,
    .txt or .docx, or a symlinked folder, would otherwise be left out of the site without a word."""
    base = root / "notices"
    if not base.is_dir():
        return []
    problems = []
    for e in (tree if tree is not None else _tree(base)):
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


class ReadCache:
    """Notices read by an earlier build of the same ``mkdocs serve``, by content: after an edit
    one file is read again, not the archive. Emptied when a registry changes."""

    def __init__(self):
        self._entries: dict[str, tuple[bytes, tuple]] = {}
        self._registry = b""
        self.derived: dict[int, tuple] = {}  # what archive.py derives from one notice, by id

    def start(self, root: Path) -> None:
        key = b"".join(_digest(root / "notices" / name) for name in ("units.yml", "directives.yml"))
        if key != self._registry:
            self._entries.clear()
            self.derived.clear()
            self._registry = key

    def read(self, path: Path, rel: str, registry: Registry) -> tuple[Notice | None, list[Problem]]:
        digest = _digest(path) if not path.is_symlink() else b""
        cached = self._entries.get(rel)
        if digest and cached and cached[0] == digest:
            return cached[1]
        result = read_notice(path, rel, registry)
        if digest:
            self._entries[rel] = (digest, result)
        return result


def _digest(path: Path) -> bytes:
    try:
        return hashlib.blake2b(path.read_bytes(), digest_size=16).digest()
    except OSError:
        return b""


def load_notices(root: Path, registry: Registry, files: list[Path] | None = None,
                 cache: ReadCache | None = None) -> tuple[list[Notice], list[Problem]]:
    """Read and validate every notice, then the archive-wide rules (unique stem, unique number+date)."""
    notices, problems = [], []
    tree = _tree(root / "notices") if (root / "notices").is_dir() else []  # walked once, for both
    paths = files if files is not None else notice_files(root, tree)
    by_stem: dict[str, str] = {}
    for path in paths:
        rel = relative_path(path, root)
        first = by_stem.setdefault(path.stem, rel)
        if first != rel:  # checked on every file, valid or not: the stem is the page's URL
            problems.append(Problem(rel, 1, None, f"tên tệp '{path.name}' đã dùng cho {first}; "
                                                  "mỗi tên tệp chỉ được dùng một lần trong cả kho"))
    if cache:  # a server's rebuild: most files come from the cache
        read = [_read_one(path, root, registry, cache) for path in paths]
    else:  # a build or a check reads every file: half of them on the second core
        read = in_two(list(paths), functools.partial(_read_one, root=root, registry=registry))
    for notice, found in read:
        problems.extend(found)
        if notice:
            notices.append(notice)
    problems.extend(_unique_numbers(notices))
    problems.extend(stray_files(root, tree))
    return notices, problems


def _read_one(path: Path, root: Path, registry: Registry, cache: ReadCache | None = None):
    rel = relative_path(path, root)
    try:
        with reading(rel):
            return cache.read(path, rel, registry) if cache else read_notice(path, rel, registry)
    except InternalError as e:
        if not isinstance(e.__cause__, OSError):
            raise
        return None, [Problem(rel, 1, None, f"không đọc được tệp: {e.__cause__.strerror}")]


def _unique_numbers(notices: list[Notice]) -> list[Problem]:
    """(number, date) is unique; the same number of one issuer twice in a year is most often last
    month's file copied, but numbering does restart with a new committee term: a warning."""
    problems = []
    by_number: dict[tuple, Notice] = {}
    by_year: dict[tuple, Notice] = {}
    for n in sorted(notices, key=lambda n: (n.date, n.path)):
        first = by_number.setdefault((n.number, n.date), n)
        if first is not n:
            problems.append(Problem(n.path, n.lines.get("number", 1), "number",
                                    f"số {n.number} ngày {n.date.isoformat()} đã là số của {first.path}"))
            continue
        earlier = by_year.setdefault((n.issuer, n.number, n.date.year), n)
        if earlier is not n:
            problems.append(Problem(n.path, n.lines.get("number", 1), "number",
                                    f"số {n.number} đã dùng cho {earlier.path} ngày {earlier.date.strftime('%d/%m/%Y')}; "
                                    "có phải sao chép từ tệp cũ mà chưa sửa số? (bỏ qua nếu số được đánh lại "
                                    "từ đầu nhiệm kỳ mới)", warning=True))
    return problems


def relative_path(path: Path, root: Path) -> str:
    """How problems name a file: relative to the project root when inside it."""
    try:
        return path.absolute().relative_to(root.absolute()).as_posix()
    except ValueError:
        return path.as_posix()
