"""The whole archive, built once per build: the notices read, their sections and assignments,
their citations linked, and one index per facet. ``build_archive`` is the entry point; it reads
as the steps of the archive, in order. Every page, feed and search record is derived from the
``Archive`` it returns."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

from vanban.archive.citing import CitationUse, CitedDocument, link_citations, sentence_at
from vanban.archive.facets import Entry, build_index
from vanban.archive.relations import Link, link_relations
from vanban.archive.sections import Assignment, Section, UnitMatcher, assignments_of, sections_of, unmatched_headings
from vanban.lang import numbers
from vanban.lang.citations import find_citations
from vanban.lang.doctypes import type_name
from vanban.lang.text import sort_key
from vanban.model import Notice, Problem, Unit, newest_first
from vanban.reading.load import load_notices, reading
from vanban.reading.registry import Registry, load_registry
from vanban.steps import BODY, Each, one_by_one


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
    bearers: dict[str, list[Notice]] = field(default_factory=dict)       # notices by number slug, newest first
    relations_out: dict[str, list[Link]] = field(default_factory=dict)   # by source stem
    relations_in: dict[str, list[Link]] = field(default_factory=dict)    # by target stem and number slug
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


def build_archive(root: Path, files: list[Path] | None = None, each: Each = one_by_one) -> Archive:
    """Load, validate and cross-link. With problems, the archive holds what was valid."""
    registry = load_registry(root)
    notices, problems = load_notices(root, registry, files, each)
    notices.sort(key=newest_first)
    archive = Archive(root, registry, notices, sorted(registry.problems + problems, key=Problem.sort_key))
    archive.by_stem = {n.stem: n for n in notices}
    archive.positions = {n.stem: i for i, n in enumerate(notices)}
    for n in notices:  # numbering restarts each term: one number, several notices
        archive.bearers.setdefault(numbers.number_slug(n.number), []).append(n)
    matcher = UnitMatcher(registry.units.values())
    check_headings = registry.units_read and not registry.problems  # a broken registry says so itself
    found = {}
    for n, (sections, tasks, unmatched, citations) in zip(notices, each(BODY, functools.partial(body_facts, matcher=matcher), notices)):
        archive.sections[n.stem] = list(sections)
        archive.assignments[n.stem] = [Assignment(n, unit, section, text) for unit, section, text in tasks]
        if check_headings:
            archive.problems.extend(unmatched)
        found[n.stem] = citations
    archive.problems.sort(key=Problem.sort_key)
    link_citations(archive, found)
    archive.problems = sorted(archive.problems + link_relations(archive), key=Problem.sort_key)
    archive.index = build_index(archive)
    return archive


def body_facts(n: Notice, matcher: UnitMatcher) -> tuple:
    """What a notice's text alone tells: its sections; its tasks as (unit, section, text); the
    headings that seem to name a unit missing from units.yml; its citations with their sentences.
    It may be made in another process, so it holds no reference to the notice."""
    with reading(n.path):
        sections = sections_of(n.body)
        tasks = [(a.unit, a.section, a.text) for a in assignments_of(n, list(sections), matcher)]
        cited = [(c, sentence_at(n.body, c.start, c.end)) for c in find_citations(n.body)]
        return sections, tasks, unmatched_headings(n, list(sections), matcher), cited
