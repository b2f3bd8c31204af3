"""Citations linked: each citation a notice makes (found in its text, or declared in ``cites:``)
becomes a ``CitationUse`` pointing at the notice of the archive that bears the number, when one
does, and at the ``CitedDocument`` of its number, described from the registry, the archive or
the citing text. ``link_citations`` is the entry point."""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from vanban.lang import numbers
from vanban.model import Citation, Notice, newest_first
from vanban.reading.load import reading

if TYPE_CHECKING:  # for annotations only: vanban.archive.core imports this module
    from vanban.archive.core import Archive

SENTENCE_REACH = 200  # characters each side of a citation: a quoted sentence is bounded


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


def link_citations(archive: Archive, found: dict[str, list]) -> None:
    bearers = archive.bearers
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
        uses.append(CitationUse(n, Citation(parsed.text, kind, None, None, None, -1, -1), None, None,
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
