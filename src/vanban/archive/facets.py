"""Every "by X" of the archive, declared once: by type, by issuer, by assigned unit, by year, by
month, by cited document. One ``Facet`` says where a notice stands under it (its index keys, with
the role that put it there), which keys have a page and the URLs of those pages and of the hub
listing them (SPEC §4), what the search page filters on (its values, its label, how its values
are named and ordered), and the feed of a key's page.

``vanban.archive.core`` builds ``Archive.index`` from the facets with ``keys``;
``vanban.site.urls`` takes the URL patterns from here, ``vanban.site.pages`` makes the pages of
each facet with ``page``, ``vanban.search.records`` gives each record the ``filter`` values, and
the search page's filters are rendered from ``FACETS`` (``theme_overrides/search.html``), so a
new facet is a declaration here, its pages' maker and a template.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable, Iterable

from vanban.lang.doctypes import type_name
from vanban.model import Notice

if TYPE_CHECKING:  # for annotations only: vanban.archive.core imports this module
    from vanban.archive.core import Archive

Keys = Callable[["Archive", Notice], Iterable[tuple[str, str, object]]]  # (key, role, detail)


@dataclass(frozen=True)
class Entry:
    """One notice under one key of a facet; ``role`` says how it got there."""

    notice: Notice
    role: str
    detail: object = None


@dataclass(frozen=True)
class Facet:
    name: str                     # the index's name, the search filter's URL parameter, the pages' folder
    label: str                    # the search page's label for the filter
    keys: Keys | None = None      # where a notice stands: archive.index[name][key] lists it
    filter: Callable[["Archive", Notice], list[str]] | None = None  # a search record's values
    labels: Callable[["Archive"], dict[str, str]] | None = None    # value -> what the search page shows
    order: str = "name"           # the search page's order of values: "name" (Vietnamese) or "newest"
    hub: str | None = None        # source path of the page of all keys
    page: str | None = None       # source path of one key's page: {key}
    year_page: str | None = None  # source path of one year of a long key page: {key}, {year}
    feed: str | None = None       # path of a key page's Atom feed: {key}
    terms: Callable[["Archive"], Iterable[str]] | None = field(default=None, repr=False)  # keys with a page


def _month_keys(archive: Archive, n: Notice):
    yield n.month, "issued", None


def _unit_keys(archive: Archive, n: Notice):
    yield n.issuer, "issued", None
    for a in archive.assignments[n.stem]:
        yield a.unit, "assigned", a


def _citation_keys(archive: Archive, n: Notice):
    for use in archive.citations[n.stem]:
        yield use.slug, "cites", use


def _unit_labels(archive: Archive) -> dict[str, str]:
    return {uid: archive.unit_name(uid) for uid in archive.units}


def _type_labels(archive: Archive) -> dict[str, str]:
    return dict(sorted({n.type: type_name(n.type) for n in archive.notices}.items()))


def _month_label(key: str) -> str:
    year, month = key.split("-")
    return f"{int(month)}/{year}"


FACETS: tuple[Facet, ...] = (
    Facet("loai", "Loại văn bản", filter=lambda a, n: [n.type], labels=_type_labels),
    Facet("co-quan", "Cơ quan ban hành", filter=lambda a, n: [n.issuer], labels=_unit_labels),
    Facet("don-vi", "Đơn vị được giao", keys=_unit_keys, labels=_unit_labels,
          filter=lambda a, n: list(dict.fromkeys(x.unit for x in a.assignments[n.stem])),
          hub="don-vi/index.md", page="don-vi/{key}.md", year_page="don-vi/{key}/{year}.md",
          feed="don-vi/{key}/feed.xml", terms=lambda a: a.units),
    Facet("nam", "Năm", filter=lambda a, n: [str(n.date.year)], order="newest"),
    Facet("thang", "Tháng", keys=_month_keys, filter=lambda a, n: [n.month], order="newest",
          labels=lambda a: {k: _month_label(k) for k in a.index.get("thang", {})},
          hub="thang/index.md", page="thang/{key}.md", terms=lambda a: a.index.get("thang", {})),
    Facet("trich-dan", "Văn bản được trích dẫn", keys=_citation_keys,
          filter=lambda a, n: list(dict.fromkeys(u.citation.number for u in a.citations[n.stem])),
          hub="trich-dan/index.md", page="trich-dan/{key}.md", year_page="trich-dan/{key}/{year}.md",
          feed="trich-dan/{key}/feed.xml", terms=lambda a: a.documents),
)
BY_NAME = {f.name: f for f in FACETS}


def build_index(archive: Archive, facets: Iterable[Facet] = FACETS) -> dict[str, dict[str, list[Entry]]]:
    """{facet: {key: [Entry, …]}} for every facet with keys, each list newest first."""
    out = {}
    for facet in facets:
        if facet.keys is None:
            continue
        index: dict[str, list[Entry]] = {}
        for n in archive.notices:  # newest first, so every list is too
            for key, role, detail in facet.keys(archive, n):
                index.setdefault(key, []).append(Entry(n, role, detail))
        out[facet.name] = index
    return out


def filters(archive: Archive, n: Notice) -> dict[str, list[str]]:
    """A notice's search filter values, facet by facet (ids, not names: a bookmark survives a rename)."""
    return {f.name: f.filter(archive, n) for f in FACETS if f.filter}


def filter_labels(archive: Archive) -> dict[str, dict[str, str]]:
    """What the search page shows for the filters' values (numbers and years show themselves)."""
    return {f.name: f.labels(archive) for f in FACETS if f.filter and f.labels}
