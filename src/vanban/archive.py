"""The whole archive, built once per build: notices, their citations and assignments, and
one index per "by X" facet. Every page, feed and search record is derived from it."""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from . import numbers
from .citations import find_citations
from .doctypes import type_name
from .load import ReadCache, load_notices, reading
from .model import Citation, Notice, Problem, Unit
from .registry import Registry, load_registry
from .text import heading_id, name_key, sort_key
from .twocores import in_two

HEADING = re.compile(r"(#{1,6})[ \t]+(\S.*)")  # its closing #s are cut in Python: a lazy regex backtracks
FENCE = re.compile(r"^\s*(```|~~~)")
# Numbering before a heading's name: "2.", "II.", "a)", "2.1."
# Possessive: "1.1.1.1…x" must not be split every possible way before failing.
NUMBERING = re.compile(r"^(?:(?:[IVXLC]++|\d++(?:\.\d++)*+|[a-zđ])[.)]\s*+)++", re.IGNORECASE)
SENTENCE_REACH = 200  # characters each side of a citation: a quoted sentence is bounded


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


@dataclass
class CitationUse:
    notice: Notice            # the citing notice
    citation: Citation        # offsets into notice.body
    sentence: str | None      # the sentence that cites, None for a ``cites:`` entry
    target: str | None        # stem of the cited notice when it is in the archive
    slug: str                 # /trich-dan/<slug>/


@dataclass
class CitedDocument:
    number: str
    slug: str
    type: str
    date: object = None
    issuer: str | None = None
    title: str | None = None
    uses: list[CitationUse] = field(default_factory=list)
    bearers: list[Notice] = field(default_factory=list)  # notices of the archive with this number

    @functools.cached_property  # asked by each page, year page and feed of the document: made once
    def citing_notices(self) -> list[Notice]:
        """Read once the archive is built (its uses are complete then)."""
        seen = {}
        for use in self.uses:
            seen.setdefault(use.notice.stem, use.notice)
        return sorted(seen.values(), key=newest_first)


@dataclass(frozen=True)
class Entry:
    """One notice under one key of a facet; ``role`` says how it got there."""

    notice: Notice
    role: str
    detail: object = None


def newest_first(n: Notice) -> tuple:
    return (-n.date.toordinal(), n.number, n.stem)


@dataclass
class Archive:
    root: Path
    registry: Registry
    notices: list[Notice]                      # newest first
    problems: list[Problem]
    by_stem: dict[str, Notice] = field(default_factory=dict)
    sections: dict[str, list[Section]] = field(default_factory=dict)
    assignments: dict[str, list[Assignment]] = field(default_factory=dict)
    citations: dict[str, list[CitationUse]] = field(default_factory=dict)
    cited_by: dict[str, list[CitationUse]] = field(default_factory=dict)
    documents: dict[str, CitedDocument] = field(default_factory=dict)
    index: dict[str, dict[str, list[Entry]]] = field(default_factory=dict)
    positions: dict[str, int] = field(default_factory=dict, repr=False)

    @property
    def units(self) -> dict[str, Unit]:
        return self.registry.units

    def unit_name(self, uid: str) -> str:
        """The unit's name; the id itself for an id units.yml does not know (never in a valid archive)."""
        unit = self.units.get(uid)
        return unit.name if unit else uid

    def position(self, notice: Notice) -> int:
        """Index of the notice in ``notices`` (newest first)."""
        return self.positions[notice.stem]

    def neighbours(self, notice: Notice) -> tuple[Notice | None, Notice | None]:
        """(previous, next) notice by date of issue."""
        i = self.position(notice)
        older = self.notices[i + 1] if i + 1 < len(self.notices) else None
        newer = self.notices[i - 1] if i > 0 else None
        return older, newer

    def same_month(self, notice: Notice, count: int) -> list[Notice]:
        """Up to ``count`` other notices of the notice's month, the nearest in date, newest first."""
        i = self.position(notice)
        around = self.notices[max(0, i - count):i] + self.notices[i + 1:i + 1 + count]
        near = [o for o in around if o.month == notice.month]
        near.sort(key=lambda o: (abs((o.date - notice.date).days), newest_first(o)))
        return sorted(near[:count], key=newest_first)

    def units_sorted(self) -> list[Unit]:
        return sorted(self.units.values(), key=lambda u: (sort_key(u.name), u.id))

    def documents_sorted(self) -> list[CitedDocument]:
        """By type name (Vietnamese order), then by number as a number: 18-NQ/TW before 124-QĐ/TW."""
        def key(d: CitedDocument):
            seq = re.match(r"\d+", d.number)
            return (sort_key(type_name(d.type)), int(seq.group()) if seq else 0, sort_key(d.number), d.slug)

        return sorted(self.documents.values(), key=key)


def build_archive(root: Path, files: list[Path] | None = None, cache: ReadCache | None = None) -> Archive:
    """Load, validate and cross-link. With problems, the archive holds what was valid."""
    registry = load_registry(root)
    if cache:
        cache.start(root)
    notices, problems = load_notices(root, registry, files, cache)
    notices.sort(key=newest_first)
    archive = Archive(root, registry, notices, sorted(registry.problems + problems, key=Problem.sort_key))
    archive.by_stem = {n.stem: n for n in notices}
    archive.positions = {n.stem: i for i, n in enumerate(notices)}
    matcher = UnitMatcher(registry.units.values())
    check_headings = registry.units_read and not registry.problems  # a broken registry says so itself
    # A notice read again from the same cache (same file, same registries) has the same
    # facts: `mkdocs serve` finds them for the changed files only. A build finds them on two cores.
    if cache:
        memo = cache.derived
        for n in notices:
            if id(n) not in memo or memo[id(n)][0] is not n:
                memo[id(n)] = (n, body_facts(n, matcher))
        facts = [memo[id(n)][1] for n in notices]
        current = {id(n) for n in notices}
        for gone in [k for k in memo if k not in current]:
            del memo[gone]
    else:
        facts = in_two(notices, functools.partial(body_facts, matcher=matcher))
    found = {}
    for n, (sections, tasks, unmatched, citations) in zip(notices, facts):
        archive.sections[n.stem] = list(sections)
        archive.assignments[n.stem] = [Assignment(n, unit, section, text) for unit, section, text in tasks]
        if check_headings:
            archive.problems.extend(unmatched)
        found[n.stem] = citations
    archive.problems.sort(key=Problem.sort_key)
    _link_citations(archive, found)
    archive.index = {name: _build_facet(archive, keys) for name, keys in FACETS.items()}
    return archive


# --- sections and assignments ---------------------------------------------------------------


# Under `mkdocs serve` a rebuild after an edit finds the same bodies again: what depends on a body
# alone is remembered (the results are immutable; callers get their own list).
@functools.lru_cache(maxsize=20_000)
def _sections(body: str) -> tuple[Section, ...]:
    return tuple(sections_of(body))


@functools.lru_cache(maxsize=20_000)
def _citations(body: str) -> tuple:
    return tuple(find_citations(body))


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


def body_facts(n: Notice, matcher: UnitMatcher) -> tuple:
    """What a notice's text alone tells: its sections; its tasks as (unit, section, text); the
    headings that seem to name a unit missing from units.yml; its citations with their sentences.
    Made in a forked copy for half the notices, so it holds no reference to the notice."""
    with reading(n.path):
        sections = _sections(n.body)
        tasks = [(a.unit, a.section, a.text) for a in assignments_of(n, list(sections), matcher)]
        cited = [(c, sentence_at(n.body, c.start, c.end)) for c in _citations(n.body)]
        return sections, tasks, unmatched_headings(n, list(sections), matcher), cited


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


# --- citations ------------------------------------------------------------------------------


def sentence_at(text: str, start: int, end: int) -> str:
    """The sentence around a span: within its line, between sentence ends, and within
    SENTENCE_REACH characters of the span (a line of a million characters stays cheap)."""
    line_start = text.rfind("\n", max(0, start - SENTENCE_REACH), start) + 1
    line_end = text.find("\n", end, end + SENTENCE_REACH)
    if line_start == 0 and start > SENTENCE_REACH:
        line_start = start - SENTENCE_REACH
    if line_end < 0:
        line_end = min(len(text), end + SENTENCE_REACH)
    left = max((text.rfind(p, line_start, start) for p in (". ", "; ")), default=-1)
    left = line_start if left < 0 else left + 2
    rights = [i for i in (text.find(p, end, line_end) for p in (". ", "; ")) if i >= 0]
    right = min(rights) + 1 if rights else line_end
    sentence = text[left:right].strip()
    return re.sub(r"^[-*+]\s+", "", sentence)


def _link_citations(archive: Archive, found: dict[str, list]) -> None:
    bearers: dict[str, list[Notice]] = defaultdict(list)
    for n in archive.notices:
        bearers[numbers.number_slug(n.number)].append(n)
    for n in archive.notices:
        with reading(n.path):
            _cite(archive, n, found[n.stem], bearers)
    for doc in archive.documents.values():
        _describe(doc, archive)


def _cite(archive: Archive, n: Notice, found: list, bearers: dict[str, list[Notice]]) -> None:
    uses = []
    for c, sentence in found:
        uses.append(CitationUse(n, c, sentence, None, numbers.number_slug(c.number)))
    for number in n.cites:
        parsed = numbers.parse(number)
        kind = parsed.types[0] if parsed.types else None  # a code the type table does not know
        uses.append(CitationUse(n, Citation(parsed.text, kind, None, None, -1, -1), None, None,
                                numbers.number_slug(parsed.text)))
    kept = []
    for use in uses:
        candidates = bearers.get(use.slug, [])
        if use.citation.date:
            candidates = [b for b in candidates if b.date.isoformat() == use.citation.date]
        if any(b is n for b in candidates):
            continue  # a notice naming its own number is not a citation
        if len(candidates) == 1:
            use.target = candidates[0].stem
            archive.cited_by.setdefault(use.target, []).append(use)
        kept.append(use)
        doc = archive.documents.get(use.slug)
        if doc is None:
            doc = archive.documents[use.slug] = CitedDocument(use.citation.number, use.slug, use.citation.type)
            doc.bearers = sorted(bearers.get(use.slug, []), key=newest_first)
        doc.uses.append(use)
    archive.citations[n.stem] = kept


def _describe(doc: CitedDocument, archive: Archive) -> None:
    """What is known of a cited document: the registry first, then an archive notice, then the citing text."""
    known = archive.registry.directives.get(doc.number)
    if known:
        doc.title, doc.date, doc.issuer = known.title, known.date, known.issuer
    elif len(doc.bearers) == 1:
        b = doc.bearers[0]
        doc.title, doc.date, doc.type = b.title, b.date, b.type
        doc.issuer = archive.unit_name(b.issuer)
    # The type word in text ("Quy định số …") settles an ambiguous code: take the most common.
    types = Counter(u.citation.type for u in doc.uses if u.citation.start >= 0)
    if types and not doc.bearers:
        doc.type = types.most_common(1)[0][0]
    for use in doc.uses:
        c = use.citation
        if doc.date is None and c.date:
            doc.date = dt.date.fromisoformat(c.date)
        if doc.issuer is None and c.issuer:
            doc.issuer = c.issuer


# --- facets: one mechanism for every "by X" index ---------------------------------------------


def _month_keys(archive: Archive, n: Notice):
    yield n.month, "issued", None


def _unit_keys(archive: Archive, n: Notice):
    yield n.issuer, "issued", None
    for a in archive.assignments[n.stem]:
        yield a.unit, "assigned", a


def _citation_keys(archive: Archive, n: Notice):
    for use in archive.citations[n.stem]:
        yield use.slug, "cites", use


FACETS = {"thang": _month_keys, "don-vi": _unit_keys, "trich-dan": _citation_keys}


def _build_facet(archive: Archive, keys) -> dict[str, list[Entry]]:
    index: dict[str, list[Entry]] = defaultdict(list)
    for n in archive.notices:  # newest first, so every list is too
        for key, role, detail in keys(archive, n):
            index[key].append(Entry(n, role, detail))
    return dict(index)
