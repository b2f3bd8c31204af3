"""The parts of a notice in its blocks, the same for Word and plain text: header (issuer,
number, place and date), type name and summary, body, signature block and "Nơi nhận"."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from vanban.lang import numbers
from vanban.lang.doctypes import BY_NAME
from vanban.reading.fields import AUTHORITY
from vanban.lang.text import name_key
from .blocks import SEPARATOR, Block, Run, formatted, is_separator
from .names import normal_case, title_case

TYPE_NAMES = {name_key(t.name): t.slug for t in BY_NAME.values() if t.slug not in ("cong-van", "luat")}
MOTTO = re.compile(r"(ĐẢNG CỘNG SẢN VIỆT NAM|CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM|ĐỘC LẬP\s*-\s*TỰ DO\s*-\s*HẠNH PHÚC)",
                   re.IGNORECASE)
# \A: these are used with match and fullmatch only, and anchored a search of them is linear too.
NUMBER_LINE = re.compile(r"\ASố(?=[\s:\d])\s*:?\s*(.*)", re.IGNORECASE)
# "Tân Lập, ngày 06 tháng 11 năm 2025": the place is found before the date by place_before(), not by
# the regex (a place group before "ngày", tried from every character, was quadratic on a long line).
DATE_LINE = re.compile(r"ngày\s++(?P<d>\d{1,2})\s++tháng\s++(?P<m>\d{1,2})\s++năm\s++(?P<y>\d{4})", re.IGNORECASE)
RECIPIENTS = re.compile(r"\ANơi\s+nhận\s*:?\s*(.*)", re.IGNORECASE)
ITEM = re.compile(r"\A[-–—+•*]\s*")
NUMBERED = re.compile(r"\A(?:[IVXLC]+|\d+(?:\.\d+)*|[a-zđ])[.)]\s")
SIGNING_NOTE = re.compile(r"\A(?:\(.*\)|Đã ký|\[?(?:chữ ký|ký tên|đóng dấu).*)", re.IGNORECASE)
CELL_SPLIT = re.compile(r"\t+| {3,}")


@dataclass
class Parts:
    header: list[Block] = field(default_factory=list)
    type_slug: str | None = None
    summary: list[Block] = field(default_factory=list)
    body: list[Block] = field(default_factory=list)
    end: list[Block] = field(default_factory=list)


def split(blocks: list[Block]) -> Parts:
    parts = Parts()
    at = _type_line(blocks)
    if at is not None:
        parts.header = blocks[:at]
        parts.type_slug = TYPE_NAMES[name_key(blocks[at].text)]
        at += 1
        # Text without any formatting: the summary is the short lines under the type name.
        shown = formatted(blocks)
        while at < len(blocks) and len(parts.summary) < 6 and _summary_line(blocks[at], shown):
            parts.summary.append(blocks[at])
            at += 1
    else:
        at = _header_end(blocks)
        parts.header = blocks[:at]
    end = _end_start(blocks, at)
    parts.body = [b for b in blocks[at:end] if not is_separator(b)]
    parts.end = blocks[end:]
    return parts


def _type_line(blocks: list[Block]) -> int | None:
    """The centred capitals THÔNG BÁO, KẾ HOẠCH …: above the body, so before any long paragraph
    (a later "KẾT LUẬN" is a heading of the body)."""
    for i, block in enumerate(blocks[:40]):
        text = block.text
        if text.isupper() and name_key(text) in TYPE_NAMES:
            return i
        if len(text.split()) > 30:
            break
    return None


def _summary_line(block: Block, formatted: bool) -> bool:
    """The trích yếu under the type name: bold or centred lines, not yet the body."""
    text = block.text
    if is_separator(block) or NUMBERED.match(text) or ITEM.match(text):
        return False
    if text.lower().startswith(("căn cứ", "kính gửi")):
        return False
    if not formatted:
        return len(text.split()) <= 25 and not text.endswith((".", ":", ";"))
    return block.bold or block.centred or bool(block.heading)


def _header_end(blocks: list[Block]) -> int:
    """Without a type name (a công văn): the header runs to its table's end or its date line."""
    end = 0
    if blocks and blocks[0].cell is not None:
        table = blocks[0].cell[0]
        while end < len(blocks) and blocks[end].cell is not None and blocks[end].cell[0] == table:
            end += 1
    for i, block in enumerate(blocks[:15]):
        if DATE_LINE.search(block.text) or block.text.startswith("V/v"):
            end = max(end, i + 1)
    return end


def _end_start(blocks: list[Block], start: int) -> int:
    """Where the signature block or "Nơi nhận" begins: their table, or the first of them."""
    found = None
    for i in range(start, len(blocks)):
        text = blocks[i].text
        if RECIPIENTS.match(text) or _is_authority(text):
            found = i
            break
    if found is None:
        found = _bare_signature(blocks, start)
    if found is None:
        return len(blocks)
    cell = blocks[found].cell
    if cell is not None:
        while found > start and blocks[found - 1].cell is not None and blocks[found - 1].cell[0] == cell[0]:
            found -= 1
    # A signature without authority (BÍ THƯ, then the name) may stand just above "Nơi nhận".
    while found > start and _signature_like(blocks[found - 1]) and blocks[found - 1].cell is None:
        found -= 1
    return found


def _bare_signature(blocks: list[Block], start: int) -> int | None:
    """A closing position in capitals and a name, with neither authority nor "Nơi nhận"."""
    tail = [i for i in range(start, len(blocks)) if not is_separator(blocks[i])][-4:]
    for k, i in enumerate(tail):
        if _position_like(blocks[i].text) and all(_signature_like(blocks[j]) for j in tail[k:]):
            return i
    return None


def _is_authority(text: str) -> bool:
    return text.isupper() and len(text.split()) <= 10 and bool(AUTHORITY.fullmatch(text))


def _position_like(text: str) -> bool:
    return text.isupper() and len(text.split()) <= 8 and not NUMBERED.match(text) and not MOTTO.search(text)


def _name_like(text: str) -> bool:
    words = text.split()
    return 2 <= len(words) <= 5 and all(w[:1].isupper() and w.isalpha() for w in words)


def _signature_like(block: Block) -> bool:
    text = block.text
    return bool(SIGNING_NOTE.fullmatch(text)) or _position_like(text) or _name_like(text)


# --- fields of the header -------------------------------------------------------------


def header_lines(header: list[Block]) -> list[str]:
    """The header's text, one item per line of either column (tabs part columns in plain text)."""
    out = []
    for block in header:
        out.extend(p.strip() for p in CELL_SPLIT.split("".join(r.text for r in block.runs)) if p.strip())
    return [" ".join(p.split()) for p in out]


def number(lines: list[str]) -> numbers.Number | None:
    for line in lines:
        m = NUMBER_LINE.fullmatch(line)
        if m:
            found = numbers.parse(m[1]) or _number_in(m[1])
            if found:
                return found
    return None


def _number_in(text: str) -> numbers.Number | None:
    """"15-TB/ĐU V/v …" or "15-TB/ĐU," : the number at the start of the line."""
    s = numbers.normalise(text)
    for pattern in (numbers.PARTY, numbers.STATE):
        m = pattern.match(s)
        if m:
            return numbers.parse(m[0])
    return None


def place_before(line: str, start: int) -> str | None:
    """The place printed before the date at ``start``: "Tân Lập" in "Tân Lập, ngày …", the words
    after the last comma or digit before the comma that precedes the date; None without that comma."""
    before = line[:start].rstrip()
    if not before.endswith(","):
        return None
    before = before[:-1]
    cut = len(before)
    while cut and before[cut - 1] != "," and not before[cut - 1].isdecimal():
        cut -= 1
    return before[cut:].strip(" ,") or None


def date_and_place(lines: list[str]) -> tuple[dt.date | None, str | None, bool]:
    """(date, place, a date line was printed)."""
    for line in lines:
        m = DATE_LINE.search(line)
        if m:
            place = place_before(line, m.start())
            try:
                date = dt.date(int(m["y"]), int(m["m"]), int(m["d"]))
            except ValueError:
                return None, place, True
            # A year outside the archive's reach is a typing slip: better a gap than notices/1/.
            return (date if 1945 <= date.year <= dt.date.today().year + 1 else None), place, True
        if re.search(r"ngày\s.*tháng\s.*năm", line, re.IGNORECASE):
            place = line.split(",")[0].strip() if "," in line else None
            return None, place, True  # "ngày    tháng 11 năm 2025": not yet dated
    return None, None, False


def issuer_lines(lines: list[str]) -> list[str]:
    """The capitals above the number: superior body, then issuer (the motto and * left out).
    Without a number or date line there is no header to trust."""
    if not any(NUMBER_LINE.fullmatch(line) or DATE_LINE.search(line) for line in lines):
        return []
    out = []
    for line in lines:
        if NUMBER_LINE.fullmatch(line) or DATE_LINE.search(line) or line.startswith("V/v"):
            break
        if line.isupper() and not MOTTO.fullmatch(line) and not SEPARATOR.fullmatch(line) \
                and not NUMBERED.match(line) and not _is_authority(line):
            out.append(MOTTO.sub("", line).strip())
    return [line for line in out if line]


def summary_from_header(lines: list[str]) -> str | None:
    """A công văn's "V/v …" under its number, kept as printed."""
    return next((line for line in lines if line.startswith("V/v")), None)


# --- signature and recipients ---------------------------------------------------------


@dataclass
class Closing:
    recipients: list[str] = field(default_factory=list)
    authority: str | None = None
    position: str | None = None
    name: str | None = None


def closing(end: list[Block]) -> Closing:
    out = Closing()
    end = _text_columns(end)
    used: set[int] = set()
    for i, block in enumerate(end):
        m = RECIPIENTS.match(block.text)
        if not m:
            continue
        used.add(i)
        if m[1]:
            out.recipients.append(_recipient(m[1]))
        for j in range(i + 1, len(end)):
            other = end[j]
            if block.cell is not None:  # the label's cell holds the list, however the rows run
                if other.cell == block.cell:
                    out.recipients.append(_recipient(other.text))
                    used.add(j)
            elif other.cell is None and ITEM.match(other.text):
                out.recipients.append(_recipient(other.text))
                used.add(j)
            elif other.text:
                break
        break
    out.recipients = [r for r in out.recipients if r]
    lines = [b.text for i, b in enumerate(end) if i not in used and b.text
             and not is_separator(b) and not SIGNING_NOTE.fullmatch(b.text)]
    _signature(lines, out)
    return out


def _text_columns(end: list[Block]) -> list[Block]:
    """Plain text keeps the two columns of "Nơi nhận" and signature apart with tabs or runs
    of spaces: each piece becomes a block of a pseudo cell, one per column."""
    if any(b.cell is not None for b in end):
        return end
    raw = ["".join(r.text for r in b.runs) for b in end]
    if not any(CELL_SPLIT.search(t.strip()) or t[:1] == "\t" for t in raw):
        return end
    out = []
    for text in raw:
        for col, piece in enumerate(CELL_SPLIT.split(text.rstrip())):
            if piece.strip():
                out.append(Block((Run(piece.strip()),), cell=(-1, 0, col)))
    return out


def _recipient(text: str) -> str:
    if SEPARATOR.fullmatch(text.strip()):
        return ""
    return re.sub(r"^[-–—+•*\s]+", "", text).rstrip(",;. ").strip()


def _signature(lines: list[str], out: Closing) -> None:
    """T/L BAN THƯỜNG VỤ / CHÁNH VĂN PHÒNG / (signature) / Trần Văn Điệp."""
    start = 0
    for i, line in enumerate(lines):
        if _is_authority(line):
            marker, body = line.split(None, 1)
            out.authority = f"{marker} {normal_case(body)}"
            start = i + 1
            break
    rest = lines[start:]
    names = [i for i, line in enumerate(rest) if _name_like(line) and not line.isupper()]
    if names:
        out.name = rest[names[-1]]
        positions = rest[:names[-1]]
    elif rest and len(rest) >= 2 and _name_like(title_case(rest[-1])):
        out.name, positions = title_case(rest[-1]), rest[:-1]
    else:
        positions = rest
    # In capitals as a rule; a position typed in normal case is a short line without a full stop.
    positions = [p for p in positions if _position_like(p) or (len(p.split()) <= 8 and not p.endswith("."))]
    if positions:
        out.position = normal_case(" ".join(positions))
