"""Plain text (.txt) and Markdown (.md) as typed in an office, read into blocks.

A .txt saved from Word has one paragraph a line, and so do most .md files clerks make; a
line is joined to the next only where an editor visibly wrapped a sentence. Both may carry
``**bold**`` and ``*italic*`` and ``#`` headings.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace

from vanban.lang import mojibake
from vanban.lang.text import clean
from .blocks import Block, Run, lines_of, strip_controls


class Refused(Exception):
    """The input cannot be imported; the message says why, in Vietnamese."""


def decode(raw: bytes) -> tuple[str, str | None]:
    """(text, note): UTF-8 (BOM or not), UTF-16 with its BOM, else Windows-1258, the one
    legacy code page that is Unicode-convertible Vietnamese; TCVN3 and VNI bytes are refused."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16"), None
        except UnicodeDecodeError:
            raise Refused("tệp có dấu UTF-16 nhưng nội dung hỏng; hãy lưu lại thành UTF-8 rồi nhập lại") from None
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    # Legacy bytes look like Windows-1252 text to the detector; Windows-1258 text does not.
    try:
        as_1252 = raw.decode("cp1252")
    except UnicodeDecodeError:
        as_1252 = raw.decode("latin-1")
    legacy = mojibake.detect(clean(as_1252))
    if legacy:
        raise Refused(legacy_message(*legacy))
    try:
        text = raw.decode("cp1258")
    except UnicodeDecodeError:
        raise Refused("tệp không phải văn bản UTF-8 (cũng không phải bảng mã Windows-1258); "
                      "hãy mở bằng Word hoặc Notepad rồi lưu lại với mã hóa UTF-8") from None
    return text, "Tệp không phải UTF-8: đã đọc theo bảng mã Windows-1258 (cp1258); hãy đối chiếu dấu với bản in."


def legacy_message(encoding: str, line: int, word: str, where: str = "dòng") -> str:
    if encoding == mojibake.DOUBLE_UTF8:
        return (f"{where} {line}: Văn bản bị mã hóa UTF-8 hai lần ('{word}'); hãy lấy lại bản gốc, "
                "lưu thành UTF-8 rồi nhập lại")
    return (f"{where} {line}: Văn bản gõ bằng bảng mã {encoding} ('{word}'); "
            "hãy chuyển sang Unicode bằng Unikey rồi nhập lại")


_HEADING = re.compile(r"\A(#{1,6})\s")
_ITEM = re.compile(r"\A(?:[-–—+•]\s*|\*\s+|\d+[.)]\s+|[a-zđ][.)]\s+)\S")
# Bold may run over a hard line break (T/L BAN THƯỜNG VỤ / CHÁNH VĂN PHÒNG), italics stay on one
# line: a stray * in a long text must not slant the pages after it.
_EMPHASIS = re.compile(r"(\*\*)(?=\S)([^\n]*?(?:\n[^\n]*?){0,2})(?<=\S)\*\*|\*(?=\S)([^\n]+?)(?<=\S)\*")
_ESCAPED = re.compile(r"\\([\\`*_{}\[\]()#+\-.!<>|])")


def blocks(text: str, markdown: bool) -> list[Block]:
    """One block per line as the typist ended it; ``markdown`` reads backslash escapes."""
    out: list[Block] = []
    for paragraph in _paragraphs(strip_controls(clean(text))):
        for line in lines_of(_inline(paragraph, markdown)):
            block = Block(tuple(line))
            m = _HEADING.match(block.text)
            if m:  # "## **2. Ban Xây dựng Đảng**": the level is a hint, the numbering decides
                block = replace(block.without_prefix(len(m[1])), heading=len(m[1]))
            if block.text:
                out.append(block)
    return out


def _paragraphs(text: str) -> list[str]:
    """Groups of lines between blank lines, with "\n" where a line really ends and a space
    where an editor wrapped a sentence (the next line goes on in lower case)."""
    out = []
    for chunk in re.split(r"\n[ \t]*\n", text):
        lines = [line for line in chunk.split("\n") if line.strip()]
        joined = ""
        for i, line in enumerate(lines):
            nxt = lines[i + 1] if i + 1 < len(lines) else ""
            joined += line.rstrip(" \\") + (" " if _wrapped(line, nxt) else "\n")
        if joined.strip():
            out.append(joined.strip("\n"))
    return out


def _wrapped(line: str, nxt: str) -> bool:
    if line.endswith(("  ", "\\")):  # Markdown's hard break
        return False
    bare, after = line.strip().strip("*_ "), nxt.strip().lstrip("*_ ")
    if not any(c.isalpha() for c in bare) or not after or bare.isupper():
        return False
    if bare.endswith((".", ":", ";", "!", "?", ")")):
        return False
    if _HEADING.match(line.strip()) or _HEADING.match(nxt.strip()) or _ITEM.match(nxt.strip()):
        return False
    return after[0].islower()


def _inline(text: str, markdown: bool, bold: bool = False, italic: bool = False) -> list[Run]:
    """``**bold**`` and ``*italic*`` as runs; a lone * (under the issuer) stays text."""
    runs, at = [], 0

    def plain(part: str) -> str:
        return unicodedata.normalize("NFC", _ESCAPED.sub(r"\1", part)) if markdown else part

    for m in _EMPHASIS.finditer(text):
        runs.append(Run(plain(text[at:m.start()]), bold, italic))
        if m[1]:
            runs.extend(_inline(m[2], markdown, True, italic))
        else:
            runs.extend(_inline(m[3], markdown, bold, True))
        at = m.end()
    runs.append(Run(plain(text[at:]), bold, italic))
    return [r for r in runs if r.text]
