"""One notice file read into a ``Notice`` and its problems: the bytes decoded and cleaned, the
front matter found and parsed, then each field checked by its own function, in the order of
SPEC §2. ``read_notice`` is the entry point; ``parse_notice`` takes text already read."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass
from pathlib import Path

from vanban.lang import numbers
from vanban.lang.doctypes import BY_SLUG
from vanban.lang.text import clean, name_key
from vanban.model import Meeting, Notice, Problem, Relation, Signer
from vanban.reading import unreadable
from vanban.reading.fields import AUTHORITY, FIELDS, MEETING_FIELDS, SCHEMA, SIGNER_FIELDS, Checker
from vanban.reading.frontmatter import is_gap
from vanban.reading.registry import Registry, parse_date
from vanban.reading.yamlread import read_yaml

MAX_BYTES = 1_000_000
MAX_DAYS_AHEAD = 366  # a date of issue further ahead is a typing slip (2999), and would lead the home page
STEM = re.compile(r"(?P<date>\d{4}-\d{2}-\d{2})-(?P<slug>[a-z0-9]+(?:-[a-z0-9]+)*)")
_SO = re.compile(r"(?i)số\s*:?\s*(?=\d)")  # "Số 13-TB/ĐU", "Số: 13-TB/ĐU" as printed above the motto


@dataclass(frozen=True)
class Claim:
    """The number, date and issuer a file gives, read even when the file has other problems, so
    that a number used twice is said in the same run as the rest."""

    path: str
    line: int          # of the number
    number: str
    date: dt.date
    issuer: str | None  # None where the issuer is not a unit of units.yml


def read_notice(path: Path, rel: str, registry: Registry,
                claims: list[Claim] | None = None) -> tuple[Notice | None, list[Problem]]:
    """One notice file -> (Notice or None, problems). Never raises on bad input. With ``claims``,
    what the file claims as its number and date is added to it where both are readable."""
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
    return parse_notice(text, path.stem, rel, registry, claims)


def parse_notice(text: str, stem: str, rel: str, registry: Registry,
                 claims: list[Claim] | None = None) -> tuple[Notice | None, list[Problem]]:
    """Cleaned text -> (Notice or None, problems): None when any problem is not a warning."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return None, [Problem(rel, 1, None, "thiếu phần thông tin đầu tệp: dòng đầu tiên của tệp phải là '---'")]
    end = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), None)
    if end is None:
        return None, [Problem(rel, 1, None, "phần thông tin đầu tệp chưa đóng: thêm một dòng '---' sau trường cuối cùng")]
    located = read_yaml("\n".join(lines[1:end]), first_line=2)
    check = Checker(rel, located, registry)
    check.problems.extend(Problem(rel, line, f, msg) for line, f, msg in located.errors)
    if located.errors:
        return None, check.problems
    data = located.data
    if not isinstance(data, dict):
        return None, [Problem(rel, 1, None, "phần thông tin đầu tệp phải gồm các dòng dạng trường: giá trị")]

    _unknown_fields(check, data)
    number = _number(check, data)
    title = check.text(data, "title")
    date = _date(check, data)
    type_slug = _type(check, data, number)
    _title_without_type(check, title, type_slug)
    issuer = check.text(data, "issuer")
    if issuer and not check.unit_id(issuer, ("issuer",)):
        issuer = None
    signer = _signer(check, data)
    recipients = _recipients(check, data)
    units = [u for i, u in check.text_list(data, "units") if check.unit_id(u, ("units", i))]
    cites = _cites(check, data)
    meeting = _meeting(check, data, date)
    place = check.text(data, "place")
    tags = [t for _, t in check.text_list(data, "tags")]
    relations = _relations(check, data)
    carries_out = _carries_out(check, data)
    circulation = _mark(check, data, "circulation", CIRCULATION)
    urgency = _mark(check, data, "urgency", URGENCY)
    _file_name(check, stem, rel, date)

    if claims is not None and number and date:
        claims.append(Claim(rel, located.lines.get(("number",), 1), number.text, date, issuer))
    if any(not p.warning for p in check.problems):
        return None, check.problems
    body = "\n".join(lines[end + 1:])
    blank = len(body) - len(body.lstrip("\n"))  # leading blank lines: the body starts below them
    notice = Notice(
        path=rel, stem=stem, number=number.text, title=title, date=date, issuer=issuer,
        type=type_slug, signer=signer, body=body.strip("\n") + "\n",
        body_line=end + 2 + blank, place=place, recipients=tuple(recipients), units=tuple(units),
        cites=tuple(cites), meeting=meeting, tags=tuple(tags), relations=tuple(relations),
        carries_out=tuple(carries_out), circulation=circulation, urgency=urgency,
        lines={".".join(map(str, k)): v for k, v in located.lines.items()},
    )
    return notice, check.problems  # warnings only


def _unknown_fields(check: Checker, data: dict) -> None:
    for key in data:
        if key == "secrecy":
            check.add((key,), "văn bản có độ mật (mật, tối mật, tuyệt mật) không bao giờ được lưu trong kho hay đăng lên "
                              "trang: Luật Bảo vệ bí mật nhà nước năm 2018 cấm lưu văn bản mật trên máy tính nối mạng; "
                              "hãy xóa tệp này khỏi máy và chỉ giữ bản giấy theo quy định")
        elif key not in FIELDS:
            close = difflib.get_close_matches(str(key), FIELDS, n=1)
            hint = f"; có phải là '{close[0]}'?" if close else f"; các trường là: {', '.join(FIELDS)}"
            check.add((key,), f"trường không có trong mẫu{hint}")


def _number(check: Checker, data: dict) -> numbers.Number | None:
    number_text = check.text(data, "number")
    if not number_text:
        return None
    number = numbers.parse(number_text)
    if number is None:
        check.add(("number",), f"'{number_text}' không phải số và ký hiệu văn bản như bản in "
                               "(ví dụ 15-TB/ĐU, 12/TB-MTTQ-BTT), viết không có chữ 'Số'")
    elif _SO.match(number_text):
        check.add(("number",), f"'{number_text}': đã bỏ chữ '{_SO.match(number_text).group().rstrip(': ')}' ở đầu và "
                               f"đọc là {number.text}; hãy ghi 'number: {number.text}'", warning=True)
    return number


def _date(check: Checker, data: dict) -> dt.date | None:
    located = check.located
    if is_gap(data.get("date")):
        check.text(data, "date")  # says "chưa điền"
        return None
    if data.get("date") is None:
        check.add(("date",), "bắt buộc: thiếu ngày ban hành, viết YYYY-MM-DD", line=located.lines.get(("date",), 1))
        return None
    date = parse_date(data["date"], check.problems, (check.rel, located.line("date"), "date"))
    if date and date > dt.date.today() + dt.timedelta(days=MAX_DAYS_AHEAD):
        check.add(("date",), f"{date.isoformat()} là ngày quá xa trong tương lai (quá một năm kể từ hôm nay); "
                             "hãy kiểm tra lại năm")
        return None
    return date


def _type(check: Checker, data: dict, number: numbers.Number | None) -> str | None:
    """The type slug: the one the number's code gives, or the one given where the code allows several."""
    given = check.text(data, "type")
    if not number:
        return None
    allowed = number.types
    if not given:
        if not allowed:
            check.add(("number",), f"ký hiệu '{number.code}' không phải tên viết tắt của loại văn bản nào; "
                                   "hãy thêm trường 'type:'")
        return allowed[0] if allowed else None
    if given not in BY_SLUG:
        close = difflib.get_close_matches(given, list(BY_SLUG), n=1)
        by_name = next((t.slug for t in BY_SLUG.values() if name_key(t.name) == name_key(given)), None)
        hint = (f" (hãy viết '{by_name}')" if by_name else f" (có phải là '{close[0]}'?)" if close else "")
        check.add(("type",), f"loại văn bản '{given}' không có{hint}; các loại: "
                             + ", ".join(f"{t.slug} ({t.name})" for t in BY_SLUG.values()))
    elif given not in allowed:
        code = number.code or number.body
        check.add(("type",), f"'{given}' không khớp với ký hiệu {code} trong số {number.text} "
                             f"({' hoặc '.join(allowed) or 'không rõ loại'})")
    else:
        return given
    return allowed[0] if allowed else None


def _title_without_type(check: Checker, title: str | None, type_slug: str | None) -> None:
    if title and type_slug and name_key(title).startswith(name_key(BY_SLUG[type_slug].name) + " "):
        name = BY_SLUG[type_slug].name
        check.add(("title",), f"trích yếu không lặp lại tên loại văn bản: bỏ '{title[:len(name)]}' ở đầu "
                              "(trang đã in tên loại phía trên trích yếu)")


def _signer(check: Checker, data: dict) -> Signer | None:
    raw = data.get("signer")
    if raw is None:
        check.add(("signer",), "bắt buộc: thiếu người ký (name: họ tên, position: chức vụ)",
                  line=check.located.lines.get(("signer",), 1))
        return None
    if not isinstance(raw, dict):
        check.add(("signer",), "phải gồm các dòng name: (họ tên), position: (chức vụ) và authority: "
                               "(thẩm quyền ký, nếu có), thụt vào hai dấu cách")
        return None
    for key in raw:
        if key not in SIGNER_FIELDS:
            check.add(("signer", key), f"trường không có trong mẫu; người ký gồm: {', '.join(SIGNER_FIELDS)}")
    name = check.text(raw, "name", path=("signer", "name"))
    position = check.text(raw, "position", path=("signer", "position"))
    authority = check.text(raw, "authority", path=("signer", "authority"))
    if authority and not AUTHORITY.fullmatch(authority):
        check.add(("signer", "authority"), f"'{authority}' phải bắt đầu bằng T/M, T/L, K/T, TUQ, Q. "
                                           "(văn bản Đảng) hoặc TM., KT., TL., TUQ., Q. (Nhà nước), "
                                           "rồi đến tên tập thể, ví dụ 'T/L Ban Thường vụ'")
    return Signer(name, position, authority) if name and position else None


def _recipients(check: Checker, data: dict) -> list[str]:
    recipients = check.text_list(data, "recipients")
    for i, item in recipients:
        if item.startswith(("-", "–", "•")) or item.endswith((",", ";", ".")):
            check.add(("recipients", i), f"'{item}': ghi nơi nhận không có dấu gạch đầu dòng "
                                         "và dấu , ; . ở cuối")
    return [r for _, r in recipients]


def _cites(check: Checker, data: dict) -> list[str]:
    cites = []
    for i, item in check.text_list(data, "cites"):
        parsed = numbers.parse(item)
        if parsed is None:
            check.add(("cites", i), f"'{item}' không phải số văn bản (ví dụ 50-CT/TW)")
        else:
            cites.append(parsed.text)
    return cites


def _meeting(check: Checker, data: dict, date: dt.date | None) -> Meeting | None:
    raw = data.get("meeting")
    if raw is None:
        return None
    if not isinstance(raw, dict):
        check.add(("meeting",), "phải gồm các dòng date: (ngày họp) và chair: (người chủ trì), "
                                "thụt vào hai dấu cách")
        return None
    for key in raw:
        if key not in MEETING_FIELDS:
            check.add(("meeting", key), f"trường không có trong mẫu; hội nghị gồm: {', '.join(MEETING_FIELDS)}")
    mdate = None
    if is_gap(raw.get("date")):
        check.text(raw, "date", path=("meeting", "date"))
    elif raw.get("date") is not None:
        mdate = parse_date(raw["date"], check.problems, (check.rel, check.located.line("meeting", "date"), "meeting.date"))
    meeting = Meeting(mdate, check.text(raw, "chair", path=("meeting", "chair")))
    if mdate and date and mdate > date:
        check.add(("meeting", "date"), f"ngày họp {mdate.isoformat()} sau ngày ban hành {date.isoformat()}; "
                                       "hãy kiểm tra lại một trong hai ngày", warning=True)
    return meeting


RELATIONS = tuple(SCHEMA["properties"]["relations"]["properties"])
CIRCULATION = tuple(SCHEMA["properties"]["circulation"]["enum"])
URGENCY = tuple(SCHEMA["properties"]["urgency"]["enum"])
_TASK_ID = re.compile(r"(?P<stem>\d{4}-\d{2}-\d{2}-[a-z0-9]+(?:-[a-z0-9]+)*)/(?P<n>[1-9]\d{0,3})")


def _relations(check: Checker, data: dict) -> list[Relation]:
    """relations: {replaces: [12-TB/ĐU], reports_on: ["01-TB/ĐU@2025-07-10"], …}: each target a
    number as printed, or number@date where several documents carry it."""
    raw = data.get("relations")
    if raw is None:
        return []
    if not isinstance(raw, dict):
        check.add(("relations",), "phải gồm các dòng quan hệ: danh sách số văn bản, ví dụ 'replaces: [12-TB/ĐU]', "
                                  f"thụt vào hai dấu cách; các quan hệ: {', '.join(RELATIONS)}")
        return []
    out = []
    for key, targets in raw.items():
        if key not in RELATIONS:
            close = difflib.get_close_matches(str(key), RELATIONS, n=1)
            hint = f"có phải là '{close[0]}'?" if close else f"các quan hệ: {', '.join(RELATIONS)}"
            check.add(("relations", key), f"quan hệ không có trong mẫu; {hint}")
            continue
        for i, item in check.text_list(raw, key, path=("relations", key)):
            number_text, _, day = item.partition("@")
            number = numbers.parse(number_text.strip())
            when = _iso_day(day.strip()) if day else None
            if number is None:
                check.add(("relations", key, i), f"'{item}' không phải số văn bản (ví dụ 12-TB/ĐU, hoặc "
                                                 "12-TB/ĐU@2025-07-10 khi nhiều văn bản mang cùng số)")
            elif day and when is None:
                check.add(("relations", key, i), f"'{item}': ngày sau '@' phải viết YYYY-MM-DD, ví dụ "
                                                 f"{number.text}@2025-07-10")
            else:
                out.append(Relation(key, number.text, when, check.located.line("relations", key, i)))
    return out


def _iso_day(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text) else None
    except ValueError:
        return None


def _carries_out(check: Checker, data: dict) -> list[str]:
    out = []
    for i, item in check.text_list(data, "carries_out"):
        if _TASK_ID.fullmatch(item):
            out.append(item)
        else:
            check.add(("carries_out", i), f"'{item}' không phải mã nhiệm vụ: viết <tên tệp văn bản>/<thứ tự nhiệm vụ>, "
                                          "ví dụ 2025-11-06-giao-ban-thang-11/7")
    return out


def _mark(check: Checker, data: dict, key: str, allowed: tuple[str, ...]) -> str | None:
    """circulation, urgency: one of the values as printed (old tone placement accepted)."""
    value = check.text(data, key)
    if value is None:
        return None
    chosen = next((a for a in allowed if name_key(a) == name_key(value)), None)
    if chosen is None:
        check.add((key,), f"'{value}' không phải giá trị của trường này; hãy ghi một trong: {', '.join(allowed)}")
    return chosen


def _file_name(check: Checker, stem: str, rel: str, date) -> None:
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
