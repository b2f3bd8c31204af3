"""The body as the archive writes it: parts I., II. as ``##``, 1. as ``###``, a) as ``####``
(only for short headings, not numbered sentences), "-" items as a list and "+" items
nested under them, bold and italic kept; and the meeting a conclusion reports."""

from __future__ import annotations

import datetime as dt
import re

from .blocks import Block, Run

# The numbering of a heading, then its first letter ("1.Nhiệm vụ" typed without a space too). Used
# with match only; \A keeps a search of them linear too.
_ROMAN = re.compile(r"\A[IVXLC]+\.\s*(?=[^\W\d])")
_ARABIC = re.compile(r"\A\d+\.\s*(?=[^\W\d])")
_SUB = re.compile(r"\A(?:\d+\.\d+\.?|[a-zđ]\))\s*(?=[^\W\d])")
_ITEM = re.compile(r"\A[-–—•*+](?=\s*\w)")  # "- Tiếp tục", "-Tiếp tục", "+ Rà soát"
_HEADING_WORDS = 30
_SPECIAL = re.compile(r"([\\`*_<])")


def markdown(blocks: list[Block], shown: bool = True) -> str:
    """``shown``: the source shows bold and headings; without, a short numbered line is a heading."""
    out: list[str] = []
    for block in blocks:
        text = _block(block, in_list=bool(out) and out[-1].lstrip().startswith("- "), shown=shown)
        if text:
            out.append(text)
    return "\n\n".join(out) + "\n"


def _block(block: Block, in_list: bool, shown: bool) -> str:
    text = block.text
    if not text:
        return ""
    level = _heading_level(block, shown)
    if level:
        return "#" * level + " " + _escape(text)
    if _ITEM.match(text):
        inner = _inline(block.without_prefix(1).runs)
        # "+" nests under the "-" item above it; with none above, indenting would make code.
        return ("    - " if text[0] == "+" and in_list else "- ") + _start(inner)
    return _start(_inline(block.runs))


def _heading_level(block: Block, shown: bool = True) -> int:
    """A numbered line that reads as a heading: all bold, or all capitals, or marked as one;
    in text without formatting, a short one that ends no sentence."""
    text = block.text
    if len(text.split()) > _HEADING_WORDS:
        return 0
    if _ROMAN.match(text):
        level = 2
    elif _SUB.match(text):
        level = 4
    elif _ARABIC.match(text):
        level = 3
    else:
        return block.heading if block.heading and not _ITEM.match(text) else 0
    letters = [c for c in text if c.isalpha()]
    capitals = bool(letters) and all(c.isupper() for c in letters) and level == 2
    bare = not shown and len(text.split()) <= 15 and not text.endswith((".", ";", ","))
    return level if block.bold or capitals or block.heading or bare else 0


def _inline(runs: tuple[Run, ...]) -> str:
    """Runs as Markdown: bold outside, italic inside, spaces outside the markers."""
    out = []
    for bold, group in _groups(runs, "bold"):
        inner = "".join(_wrap(_escape(t), "*" if italic else "") for italic, t in _groups(group, "italic", text=True))
        out.append(_wrap(inner, "**" if bold else ""))
    return " ".join("".join(out).split())


def _groups(runs, flag: str, text: bool = False):
    """Consecutive runs of equal ``flag``: (flag, runs), or (flag, joined text)."""
    groups: list[list] = []
    for run in runs:
        value = getattr(run, flag)
        if groups and groups[-1][0] == value:
            groups[-1][1].append(run)
        else:
            groups.append([value, [run]])
    return [(v, "".join(r.text for r in rs) if text else rs) for v, rs in groups]


def _wrap(text: str, marker: str) -> str:
    core = text.strip()
    if not marker or not core:
        return text
    lead, trail = text[:len(text) - len(text.lstrip())], text[len(text.rstrip()):]
    return f"{lead}{marker}{core}{marker}{trail}"


def _escape(text: str) -> str:
    return _SPECIAL.sub(r"\\\1", text)


def _start(text: str) -> str:
    """A paragraph that Markdown would read as a list or heading at its start stays a paragraph."""
    text = re.sub(r"^(\d+)\.(\s)", r"\1\\.\2", text)
    return re.sub(r"^([#>+=])", r"\\\1", text)


# --- the meeting a conclusion reports ---------------------------------------------------

_MEETING_DATE = re.compile(r"ngày\s+(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})"
                           r"|ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", re.IGNORECASE)
_MEETING = re.compile(r"\b(?:hội nghị|cuộc họp|phiên họp|họp)\b", re.IGNORECASE)
_CHAIR = re.compile(r"[Đđ]ồng chí\s+(\w+(?:\s+\w+){1,4}?)\s*(?:[-–,(]|\s+chủ trì)")
_TITLES = {"bí", "phó", "chủ", "trưởng", "chánh", "ủy", "uỷ", "thường", "ban", "đảng", "bộ", "tổng", "thủ"}


def meeting(blocks: list[Block], issued: dt.date | None) -> dict:
    """Date and chair from the opening paragraphs ("Sáng ngày 05/11/2025, … tổ chức hội nghị …
    Đồng chí Trần Văn Vy - Bí thư Đảng ủy … chủ trì"); what is not said plainly is left out."""
    opening = []
    for block in blocks:
        if _heading_level(block) or len(opening) == 4:
            break
        opening.append(block.text)
    found: dict = {}
    for text in opening:
        m = _MEETING_DATE.search(text)
        if "date" not in found and m and _MEETING.search(text) and "tổ chức" in text.lower():
            d, mo, y = (m[1], m[2], m[3]) if m[1] else (m[4], m[5], m[6])
            try:
                day = dt.date(int(y), int(mo), int(d))
            except ValueError:
                day = None
            # Held before the notice, and not long before; a year off by a slip is no meeting date.
            low, high = (issued - dt.timedelta(days=366), issued) if issued else \
                (dt.date(1945, 1, 1), dt.date.today() + dt.timedelta(days=366))
            if day and low <= day <= high:
                found["date"] = day
        c = _CHAIR.search(text)
        if "chair" not in found and c and "chủ trì" in text:
            words = c[1].split()
            if all(w[0].isupper() and w[1:].islower() for w in words) and words[0].lower() not in _TITLES:
                found["chair"] = c[1]
    return found if "date" in found else {}
