"""A Word file (.docx) read into blocks, paragraphs and table cells in document order.

Offices lay out the header and the signature in borderless tables, so a cell's lines
carry the cell's place; bold and italic come from the run, else from its styles; list
numbers and bullets that Word draws itself are written out as the text would show them.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from lxml import etree
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from vanban.lang.text import clean
from .blocks import Block, Run, lines_of, strip_controls
from .plain import Refused

_NS = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}
_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
          (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def read(path: Path) -> list[Block]:
    try:
        doc = Document(str(path))
    except Exception as e:  # python-docx, zipfile and lxml raise many kinds for a damaged package
        raise Refused(_broken(e)) from None
    try:
        reader = _Reader(doc)
        reader.container(doc)
    except Exception as e:  # a package that opens but whose parts are malformed
        raise Refused(_broken(e)) from None
    return reader.blocks


def _broken(error: Exception) -> str:
    return ("tệp .docx bị hỏng hoặc không phải tệp Word thật "
            f"({type(error).__name__}); hãy mở bằng Word rồi lưu lại thành .docx (Word Document)")


class _Reader:
    def __init__(self, doc):
        self.blocks: list[Block] = []
        self.tables = 0
        self.levels, self.lists = _numbering(doc)
        self.counters: dict[tuple[str, int], int] = {}

    def container(self, parent, cell: tuple[int, int, int] | None = None) -> None:
        for item in parent.iter_inner_content():
            if isinstance(item, Paragraph):
                self.paragraph(item, cell)
            elif isinstance(item, Table):
                self.table(item)

    def table(self, table: Table) -> None:
        number = self.tables
        self.tables += 1
        for r, tr in enumerate(table._tbl.tr_lst):
            for c, tc in enumerate(tr.tc_lst):  # each real cell once, merged or not
                self.container(_Cell(tc, table), (number, r, c))

    def paragraph(self, p: Paragraph, cell) -> None:
        runs = []
        for item in p.iter_inner_content():
            for run in getattr(item, "runs", None) or [item]:  # a hyperlink holds runs
                text = strip_controls(clean(run.text))
                if text:
                    runs.append(Run(text, _flag(run, p, "bold"), _flag(run, p, "italic")))
        label = self.label(p)
        if label and runs:
            runs.insert(0, Run(label + " ", runs[0].bold, runs[0].italic))
        centred = _alignment(p) == WD_ALIGN_PARAGRAPH.CENTER
        heading = _heading_level(p)
        for line in lines_of(runs):
            block = Block(tuple(line), centred, cell, heading)
            if block.text:
                self.blocks.append(block)

    def label(self, p: Paragraph) -> str | None:
        """The number or bullet Word draws before a list paragraph: "1.", "a)", "-" or "+"."""
        num_id, level = _num_props(p)
        if (num_id, level) not in self.levels:
            return None
        fmt, text, start = self.levels[(num_id, level)]
        if fmt == "bullet":
            return "-" if level == 0 else "+"
        if fmt == "none":
            return None
        list_id = self.lists.get(num_id, num_id)  # numbers that share an abstract list count together
        self.counters[(list_id, level)] = self.counters.get((list_id, level), start - 1) + 1
        for deeper in [k for k in self.counters if k[0] == list_id and k[1] > level]:
            del self.counters[deeper]  # a new item restarts the numbering below it
        for k in range(level + 1):
            kfmt, _, kstart = self.levels.get((num_id, k), ("decimal", "", 1))
            text = text.replace(f"%{k + 1}", _format(self.counters.get((list_id, k), kstart), kfmt))
        return text.strip() or None


def _format(value: int, fmt: str) -> str:
    if fmt in ("upperRoman", "lowerRoman"):
        out = ""
        for n, s in _ROMAN:
            while value >= n:
                out, value = out + s, value - n
        return out if fmt == "upperRoman" else out.lower()
    if fmt in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (value - 1) % 26)
        return letter if fmt == "lowerLetter" else letter.upper()
    return str(value)


def _numbering(doc) -> tuple[dict, dict]:
    """(numId, level) -> (format, level text, start), and numId -> its abstract list."""
    try:
        root = doc.part.numbering_part.element
    except Exception:  # no numbering part: no Word lists
        return {}, {}
    abstract = {}
    for a in _x(root, "./w:abstractNum"):
        levels = {}
        for lvl in _x(a, "./w:lvl"):
            fmt = (_x(lvl, "./w:numFmt/@w:val") or ["decimal"])[0]
            text = (_x(lvl, "./w:lvlText/@w:val") or [""])[0]
            start = (_x(lvl, "./w:start/@w:val") or ["1"])[0]
            levels[int(_x(lvl, "./@w:ilvl")[0])] = (fmt, text, int(start) if start.isdigit() else 1)
        abstract[_x(a, "./@w:abstractNumId")[0]] = levels
    levels, lists = {}, {}
    for num in _x(root, "./w:num"):
        num_id = _x(num, "./@w:numId")[0]
        aid = (_x(num, "./w:abstractNumId/@w:val") or [None])[0]
        for level, value in abstract.get(aid, {}).items():
            levels[(num_id, level)] = value
        lists[num_id] = aid
    return levels, lists


def _x(element, path: str) -> list:
    """XPath with the w: prefix, for python-docx's elements and plain lxml ones alike."""
    return etree.XPath(path, namespaces=_NS)(element)


def _num_props(p: Paragraph) -> tuple[str | None, int]:
    """numId and level of a list paragraph, given on it or by its style."""
    candidates = [p._p.pPr]
    style = p.style
    while style is not None:
        candidates.append(style.element.pPr)
        style = style.base_style
    for ppr in candidates:
        if ppr is not None and ppr.numPr is not None and ppr.numPr.numId is not None:
            num_id = str(ppr.numPr.numId.val)
            level = ppr.numPr.ilvl.val if ppr.numPr.ilvl is not None else 0
            return (None, 0) if num_id == "0" else (num_id, int(level))
    return None, 0


def _flag(run, p: Paragraph, name: str) -> bool:
    """Bold or italic as shown: the run's own setting, else its character style's, else the paragraph style's."""
    value = getattr(run, name, None)
    if value is not None:
        return bool(value)
    for style in (getattr(run, "style", None), p.style):
        while style is not None:
            value = getattr(style.font, name)
            if value is not None:
                return bool(value)
            style = style.base_style
    return False


def _alignment(p: Paragraph):
    if p.alignment is not None:
        return p.alignment
    style = p.style
    while style is not None:
        if style.paragraph_format.alignment is not None:
            return style.paragraph_format.alignment
        style = style.base_style
    return None


def _heading_level(p: Paragraph) -> int:
    name = (p.style.name if p.style is not None else "") or ""
    if name.startswith("Heading ") and name[8:].isdigit():
        return int(name[8:])
    return 0
