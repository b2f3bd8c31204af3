"""Plain data: what a notice, a unit, a citation and a problem are. No behaviour beyond views."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


_ONE_LINE = {ord(c): repr(c)[1:-1] for c in "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"}


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input, located for a human: ``path:line: field: message``."""

    path: str
    line: int
    field: str | None
    message: str
    warning: bool = False        # shown by check and build, never blocks them

    def __str__(self) -> str:
        """One line, whatever a quoted value holds: its line breaks are shown as \\n."""
        where = f"{self.path}:{self.line}:"
        message = f"cảnh báo: {self.message}" if self.warning else self.message
        text = f"{where} {self.field}: {message}" if self.field else f"{where} {message}"
        return text.translate(_ONE_LINE)

    def sort_key(self) -> tuple:
        return (self.path, self.line, self.field or "", self.message)


@dataclass(frozen=True)
class Unit:
    id: str
    name: str
    code: str | None = None
    aliases: tuple[str, ...] = ()
    parent: str | None = None


@dataclass(frozen=True)
class Directive:
    """A document from outside the archive, described in directives.yml."""

    number: str
    title: str | None = None
    date: dt.date | None = None
    issuer: str | None = None


@dataclass(frozen=True)
class Citation:
    """A document cited in text; the fields are exactly what ``vanban cite`` prints."""

    number: str          # normalised: 50-CT/TW
    type: str | None     # slug: chi-thi; None when neither word nor code tells
    date: str | None     # ISO date that belongs to this citation, or None
    issuer: str | None   # the body after "của", as written
    relation: str | None  # what the sentence says the text does to it (vanban.lang.relations), None: a mention
    start: int           # offsets into the NFC text
    end: int


@dataclass(frozen=True)
class Signer:
    name: str
    position: str
    authority: str | None = None


@dataclass(frozen=True)
class Meeting:
    date: dt.date | None = None
    chair: str | None = None


@dataclass(frozen=True)
class Relation:
    """A relation declared in front matter: ``relation`` (replaces, repeals, amends, implements,
    guides, reports_on) to the document numbered ``number`` (normalised), dated ``date`` where
    the target was written number@YYYY-MM-DD; ``line`` of the file."""

    relation: str
    number: str
    date: dt.date | None
    line: int


@dataclass
class Notice:
    path: str                    # as reported in problems: notices/2025/2025-11-06-x.md
    stem: str                    # file stem, the notice's id and URL
    number: str
    title: str
    date: dt.date
    issuer: str                  # unit id
    type: str                    # type slug, derived from the number when not given
    signer: Signer
    body: str
    body_line: int = 1           # 1-based line of the file where the body starts
    place: str | None = None
    recipients: tuple[str, ...] = ()
    units: tuple[str, ...] = ()
    cites: tuple[str, ...] = ()
    meeting: Meeting | None = None
    tags: tuple[str, ...] = ()
    relations: tuple[Relation, ...] = ()   # declared in front matter: what it does to earlier documents
    carries_out: tuple[str, ...] = ()      # ids of earlier notices' tasks it carries out: <stem>/<n>
    circulation: str | None = None         # "nội bộ": internal, never in a public build
    urgency: str | None = None             # khẩn, thượng khẩn, hỏa tốc, as printed
    lines: dict[str, int] = field(default_factory=dict, repr=False)  # field -> 1-based line

    @property
    def month(self) -> str:
        d = self.date  # strftime cost 1.5 µs, and a notice's month is asked for dozens of times
        return f"{d.year}-{d.month:02d}"


def newest_first(n: Notice) -> tuple:
    """The archive's order: newest date of issue first, then by number and file name."""
    return (-n.date.toordinal(), n.number, n.stem)
