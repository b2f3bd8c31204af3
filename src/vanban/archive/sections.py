"""What a notice's body alone tells: its sections (headings and their extent), the units its
headings name (``UnitMatcher``), the tasks it assigns them, and the headings that seem to name a
unit missing from units.yml. ``body_facts`` is the step's entry point, one notice at a time."""

from __future__ import annotations

import re
from dataclasses import dataclass

from vanban.lang.text import heading_id, name_key
from vanban.model import Notice, Problem

HEADING = re.compile(r"(#{1,6})[ \t]+(\S.*)")  # its closing #s are cut in Python: a lazy regex backtracks
FENCE = re.compile(r"^\s*(```|~~~)")
# Numbering before a heading's name: "2.", "II.", "a)", "2.1."
# Possessive: "1.1.1.1…x" must not be split every possible way before failing.
NUMBERING = re.compile(r"^(?:(?:[IVXLC]++|\d++(?:\.\d++)*+|[a-zđ])[.)]\s*+)++", re.IGNORECASE)


@dataclass(frozen=True)
class Section:
    level: int
    title: str       # heading text without Markdown emphasis
    anchor: str      # the id the rendered heading gets
    start: int       # line offsets into the body (heading line, end exclusive)
    end: int


@dataclass
class Assignment:
    """Tasks a notice gives a unit: a section addressed to it, or the whole notice via ``units:``."""

    notice: Notice
    unit: str
    section: Section | None
    text: str        # the Markdown of the section's tasks, heading excluded


def sections_of(body: str) -> list[Section]:
    """Headings of a Markdown body with their extent, ids as the toc extension makes them."""
    lines = body.split("\n")
    heads, fenced, used, counters = [], False, set(), {}
    for i, line in enumerate(lines):
        if FENCE.match(line):
            fenced = not fenced
        m = None if fenced else HEADING.fullmatch(line)
        if m:
            title = re.sub(r"(\*\*|__|\*|_|`)", "", _closing(m.group(2))).strip()
            anchor = base = heading_id(title)
            k = counters.get(base, 1)
            while anchor in used:  # as Python-Markdown's toc makes ids unique: base_1, base_2…
                anchor, k = f"{base}_{k}", k + 1
            counters[base] = k
            used.add(anchor)
            heads.append((i, len(m.group(1)), title, anchor))
    # A section ends at the next heading of the same or a higher level: one pass with a stack.
    ends, open_ = [len(lines)] * len(heads), []
    for j, (i, level, _, _) in enumerate(heads):
        while open_ and heads[open_[-1]][1] >= level:
            ends[open_.pop()] = i
        open_.append(j)
    return [Section(level, title, anchor, i, ends[j]) for j, (i, level, title, anchor) in enumerate(heads)]


def _closing(text: str) -> str:
    """A heading's text without its optional closing sequence of #s."""
    return text.rstrip(" \t").rstrip("#").rstrip(" \t") or text


class UnitMatcher:
    """Finds the units a heading names; the longest name wins where names overlap."""

    def __init__(self, units):
        names = []
        for u in units:
            for n in {u.name, *u.aliases}:
                names.append((name_key(n), u.id))
        names.sort(key=lambda x: -len(x[0]))
        self.names = names
        self.pattern = re.compile(
            "|".join(rf"(?<!\w){re.escape(k)}(?!\w)" for k, _ in names)) if names else None
        self.ids = {k: uid for k, uid in names}
        self._found: dict[str, tuple[str, ...]] = {}  # headings recur: "Ban Xây dựng Đảng", "Các chi bộ"

    def find(self, text: str) -> list[str]:
        if not self.pattern:
            return []
        found = self._found.get(text)
        if found is None:
            ids = []
            for m in self.pattern.finditer(name_key(text)):  # alternation tried longest first
                uid = self.ids[m.group(0)]
                if uid not in ids:
                    ids.append(uid)
            found = self._found[text] = tuple(ids)
        return list(found)


# How the name of a unit begins: a heading starting so, that names no unit of units.yml, most
# likely misspells one or names one missing there, and its tasks would land on no unit page.
UNIT_WORDS = ("ban", "văn phòng", "ủy ban", "ubkt", "đảng ủy", "đảng bộ", "chi bộ", "đoàn", "hội", "mặt trận",
              "mttq", "ubmttq", "trung tâm", "công an", "ban chỉ huy", "liên đoàn", "thường trực", "ủy ban nhân dân",
              "ubnd", "hđnd")
_UNIT_START = re.compile("(?:" + "|".join(re.escape(name_key(w)) for w in UNIT_WORDS) + r")(?!\w)")


def unmatched_headings(notice: Notice, sections: list[Section], matcher: UnitMatcher) -> list[Problem]:
    out = []
    for s in sections:
        title = NUMBERING.sub("", s.title).strip()
        if _UNIT_START.match(name_key(title)) and not matcher.find(title):
            out.append(Problem(notice.path, notice.body_line + s.start, None,
                               f"đề mục '{s.title}' có vẻ giao nhiệm vụ cho một đơn vị nhưng không trùng tên hay "
                               "tên gọi khác (aliases) nào trong notices/units.yml, nên nhiệm vụ không hiện trên "
                               "trang đơn vị nào; hãy sửa tên cho đúng hoặc thêm tên gọi khác cho đơn vị",
                               warning=True))
    return out


def assignments_of(notice: Notice, sections: list[Section], matcher: UnitMatcher) -> list[Assignment]:
    lines = notice.body.split("\n")
    out, seen = [], set()
    for s in sections:
        for uid in matcher.find(NUMBERING.sub("", s.title)):
            text = "\n".join(lines[s.start + 1:s.end]).strip("\n")
            out.append(Assignment(notice, uid, s, text))
            seen.add(uid)
    for uid in notice.units:
        if uid not in seen:
            out.append(Assignment(notice, uid, None, ""))
            seen.add(uid)
    return out
