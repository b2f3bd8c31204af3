"""What the readers hand to the layout: lines of text with their bold and italic runs.

A Word paragraph with soft line breaks becomes one block per line, as a recipient list
typed with Shift+Enter must come apart into items.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

_MARKS = ".,;:!?…()[]\"'“”‘’-–—/ "


@dataclass(frozen=True)
class Run:
    text: str
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True)
class Block:
    runs: tuple[Run, ...] = ()
    centred: bool = False
    cell: tuple[int, int, int] | None = None  # (table, row, column) of the Word table cell it lies in
    heading: int = 0                           # a heading level the source gave (Markdown #, Word Heading n)

    @property
    def text(self) -> str:
        return " ".join("".join(r.text for r in self.runs).split())

    @property
    def bold(self) -> bool:
        """Every letter and digit is bold (punctuation around may not be)."""
        return self._all("bold")

    @property
    def italic(self) -> bool:
        return self._all("italic")

    def _all(self, flag: str) -> bool:
        seen = False
        for run in self.runs:
            if run.text.strip(_MARKS):
                if not getattr(run, flag):
                    return False
                seen = True
        return seen

    def without_prefix(self, count: int) -> Block:
        """The block without its first ``count`` visible characters (a list dash) and the spaces around them."""
        runs, skip = [], count
        for run in self.runs:
            text = run.text
            while skip and text:
                if not text[0].isspace():
                    skip -= 1
                text = text[1:]
            if not skip and not runs:
                text = text.lstrip()
            if text:
                runs.append(replace(run, text=text))
        return replace(self, runs=tuple(runs))


def formatted(blocks: list[Block]) -> bool:
    """Whether the source shows bold, centring or headings at all (a .txt saved from Word does not)."""
    return any(b.bold or b.centred or b.heading for b in blocks)


# Control characters other than tab and line feed (a form feed between pages of a .txt,
# Word's stray vertical tab): a notice may not hold them.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufffe\uffff]")


def strip_controls(text: str) -> str:
    return _CONTROL.sub(" ", text)


def lines_of(runs: list[Run]) -> list[list[Run]]:
    """Runs split at their line breaks: one list of runs per line."""
    lines: list[list[Run]] = [[]]
    for run in runs:
        parts = run.text.split("\n")
        for i, part in enumerate(parts):
            if i:
                lines.append([])
            if part:
                lines[-1].append(replace(run, text=part))
    return lines


# ----- ***** _____ -----o0o----- and the lone * under the issuer
SEPARATOR = re.compile(r"\*|[-_=*~.\s]{3,}|[-_=~\s]*o0o[-_=~\s]*")


def is_separator(block: Block) -> bool:
    return bool(SEPARATOR.fullmatch(block.text))
