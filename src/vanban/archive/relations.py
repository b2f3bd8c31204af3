"""What each document does to another, both ways, and from it whether a document still stands
(SPEC §2): the relations declared in front matter (``relations:``, checked here: the target must
be a notice of the archive or an entry of directives.yml, not the notice itself, not dated after
it, and ``replaces`` must not run in a circle) and those its text states (``Citation.relation``,
``vanban.lang.relations``; marked as found in text). ``link_relations`` is the entry point;
``status_of`` gives a document's status: replaced or repealed (naming the later notice and from
its date), else amended, else in force.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import TYPE_CHECKING

from vanban.lang import numbers
from vanban.model import Notice, Problem

if TYPE_CHECKING:  # for annotations only: vanban.archive.core imports this module
    from vanban.archive.core import Archive

KINDS = ("replaces", "repeals", "amends", "implements", "guides", "reports_on", "basis")
OUT_OF_FORCE = ("replaces", "repeals")
NAMES = {  # how a reader reads each, from the target's side (bị …) and the source's
    "replaces": ("Thay thế", "Bị thay thế bởi"), "repeals": ("Bãi bỏ", "Bị bãi bỏ bởi"),
    "amends": ("Sửa đổi, bổ sung, đính chính", "Được sửa đổi, bổ sung bởi"),
    "implements": ("Thực hiện", "Được thực hiện bởi"), "guides": ("Hướng dẫn", "Được hướng dẫn bởi"),
    "reports_on": ("Báo cáo về", "Được báo cáo bởi"), "basis": ("Căn cứ", "Là căn cứ của"),
}


@dataclass(frozen=True)
class Link:
    """One relation: ``source`` (a notice) does ``relation`` to the document numbered ``number``,
    which is the notice ``target`` when the archive holds it (else a document of directives.yml or
    known only by its citations); ``found`` is "declared" or "text"."""

    relation: str
    source: Notice
    number: str
    slug: str
    target: str | None
    found: str


@dataclass(frozen=True)
class Status:
    status: str                       # in_force, amended, replaced, repealed
    by: tuple[Notice, ...] = ()       # the notices that replaced, repealed or amended it, oldest first


def link_relations(archive: Archive) -> list[Problem]:
    """Fills ``archive.relations_out`` (by source stem) and ``archive.relations_in`` (by target
    slug, and by target stem); returns the problems of the declared ones."""
    problems: list[Problem] = []
    bearers = archive.bearers
    known = sorted({n.number for n in archive.notices} | set(archive.registry.directives))
    for n in archive.notices:
        links = []
        for r in n.relations:
            link = _declared(archive, n, r, bearers, known, problems)
            if link:
                links.append(link)
        seen = {(link.relation, link.slug) for link in links}
        for use in archive.citations.get(n.stem, []):
            kind = use.citation.relation
            if kind in KINDS and (kind, use.slug) not in seen and _found_ok(archive, n, use):
                seen.add((kind, use.slug))
                links.append(Link(kind, n, use.citation.number, use.slug, use.target, "text"))
        archive.relations_out[n.stem] = links
        for link in links:
            archive.relations_in.setdefault(link.slug, []).append(link)
            if link.target:
                archive.relations_in.setdefault(link.target, []).append(link)
    problems.extend(_cycles(archive))
    problems.extend(_carried_out(archive))
    return problems


def _carried_out(archive: Archive) -> list[Problem]:
    """carries_out names a task of an earlier notice of the archive: its notice must be there
    (the task's number is checked against the notice's tasks once tasks are counted)."""
    problems = []
    stems = sorted(archive.by_stem)
    for n in archive.notices:
        for i, task in enumerate(n.carries_out):
            stem = task.partition("/")[0]
            line = n.lines.get(f"carries_out.{i}", n.lines.get("carries_out", 1))
            target = archive.by_stem.get(stem)
            if target is None:
                close = difflib.get_close_matches(stem, stems, n=1)
                hint = f"; có phải là {close[0]}/{task.partition('/')[2]}?" if close else ""
                problems.append(Problem(n.path, line, f"carries_out.{i}",
                                        f"không có văn bản '{stem}' trong kho{hint}"))
            elif target is n or target.date > n.date:
                problems.append(Problem(n.path, line, f"carries_out.{i}",
                                        f"'{task}' là nhiệm vụ của {'chính văn bản này' if target is n else 'một văn bản ban hành sau'}; "
                                        "chỉ ghi nhiệm vụ của văn bản trước mà văn bản này thực hiện"))
    return problems


def _declared(archive, n: Notice, r, bearers, known, problems) -> Link | None:
    slug = numbers.number_slug(r.number)
    candidates = [b for b in bearers.get(slug, []) if r.date is None or b.date == r.date]
    written = r.number + (f"@{r.date.isoformat()}" if r.date else "")
    field = f"relations.{r.relation}"

    def problem(message):
        problems.append(Problem(n.path, r.line, field, message))

    others = [c for c in candidates if c is not n]
    if not others and len(candidates) == 1:  # numbers restart each term: an earlier namesake is meant
        problem(f"'{written}' là chính văn bản này; một văn bản không {NAMES[r.relation][0].lower()} chính nó")
        return None
    candidates = others
    if len(candidates) > 1:
        days = ", ".join(f"{r.number}@{c.date.isoformat()}" for c in sorted(candidates, key=lambda c: c.date))
        problem(f"có {len(candidates)} văn bản mang số {r.number} trong kho; hãy ghi rõ một: {days}")
        return None
    if candidates:
        target = candidates[0]
        if target.date > n.date:
            problem(f"'{written}' ngày {target.date.strftime('%d/%m/%Y')}, sau văn bản này "
                    f"({n.date.strftime('%d/%m/%Y')}); văn bản chỉ tác động đến văn bản ban hành trước nó")
            return None
        return Link(r.relation, n, target.number, slug, target.stem, "declared")
    directive = archive.registry.directives.get(r.number)
    if directive and r.date is None or directive and directive.date == r.date:
        if directive.date and directive.date > n.date:
            problem(f"'{written}' ngày {directive.date.strftime('%d/%m/%Y')}, sau văn bản này; văn bản chỉ tác động "
                    "đến văn bản ban hành trước nó")
            return None
        return Link(r.relation, n, r.number, slug, None, "declared")
    close = difflib.get_close_matches(r.number, [k for k in known if k != n.number], n=1, cutoff=0.7)
    hint = f"; có phải là {close[0]}?" if close else ""
    problem(f"không có văn bản số {written} trong kho hay trong notices/directives.yml{hint} (văn bản ngoài kho "
            "thì thêm vào notices/directives.yml)")
    return None


def _found_ok(archive: Archive, n: Notice, use) -> bool:
    """A relation found in text counts when its target is not dated after the notice."""
    target = archive.by_stem.get(use.target) if use.target else None
    return not (target and target.date > n.date) and not (use.citation.date and use.citation.date > n.date.isoformat())


def _cycles(archive: Archive) -> list[Problem]:
    """A chain of replaces that comes back to where it began: said at each declared link of it."""
    nexts = {stem: [link for link in links if link.relation == "replaces" and link.target]
             for stem, links in archive.relations_out.items()}
    problems, reported = [], set()
    for start in nexts:
        path, stem = [], start
        while nexts.get(stem):
            link = nexts[stem][0]
            path.append(link)
            stem = link.target
            if stem == start:
                for link in path:
                    if link.found == "declared" and (link.source.stem, link.target) not in reported:
                        reported.add((link.source.stem, link.target))
                        r = next(r for r in link.source.relations if r.relation == "replaces"
                                 and numbers.number_slug(r.number) == link.slug)
                        chain = " → ".join([path[0].source.number] + [x.number for x in path])
                        problems.append(Problem(link.source.path, r.line, "relations.replaces",
                                                f"các văn bản thay thế nhau thành vòng ({chain}); hãy bỏ một quan hệ"))
                break
            if len(path) > len(nexts):
                break
    return problems


def status_of(archive: Archive, key: str) -> Status:
    """The status of a notice (by stem) or a cited document (by number slug) at the archive's date."""
    links = archive.relations_in.get(key, [])
    for kinds, status in ((("replaces",), "replaced"), (("repeals",), "repealed")):
        by = {link.source.stem: link.source for link in links if link.relation in kinds}
        if by:
            return Status(status, tuple(sorted(by.values(), key=lambda s: (s.date, s.stem))))
    amended = {link.source.stem: link.source for link in links if link.relation == "amends"}
    if amended:
        return Status("amended", tuple(sorted(amended.values(), key=lambda s: (s.date, s.stem))))
    return Status("in_force")
