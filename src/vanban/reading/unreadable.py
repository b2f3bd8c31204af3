"""Text that must not reach a page, whatever file it is in: control characters, and Vietnamese
typed in a legacy encoding (TCVN3, VNI) or encoded twice, then read as Unicode."""

from __future__ import annotations

import re

from vanban.lang import mojibake
from vanban.model import Problem

# C0 and C1 controls other than tab and line feed; the bidirectional overrides and isolates
# that make text read differently from how it is stored; the line and paragraph separators,
# which YAML counts as line breaks and editors do not; and the noncharacters U+FFFE, U+FFFF.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufffe\uffff]")
MAX_SHOWN = 10  # problems of one kind in one file: enough to find the rest


def problems(text: str, rel: str) -> list[Problem]:
    """Text that must not reach a page: control characters, and Vietnamese typed in a legacy
    encoding and read as Unicode (mojibake)."""
    out, line, counted = [], 1, 0
    for m in _CONTROL.finditer(text):
        line += text.count("\n", counted, m.start())  # counted once, however many matches
        counted = m.start()
        if out and out[-1].line == line:
            continue
        if len(out) >= MAX_SHOWN:
            break
        out.append(Problem(rel, line, None, f"ký tự điều khiển U+{ord(m.group()):04X} không được dùng; "
                                            "hãy xóa nó (thường do dán từ phần mềm khác)"))
    found = mojibake.detect(text)
    if found:
        encoding, line, word = found
        out.append(Problem(rel, line, field_at(text, line), f"văn bản có vẻ gõ bằng bảng mã {encoding} ('{word}'), "
                                                            "không phải Unicode; hãy chuyển sang Unicode (UTF-8) rồi lưu lại"))
    return out


_KEY = re.compile(r"^( *+)([A-Za-z_][\w-]*+)[ \t]*+:")  # anchored, possessive: linear on any line


def field_at(text: str, line: int) -> str | None:
    """The front-matter field a line (1-based) belongs to, dotted as problems name fields
    ("signer.name", "recipients"); None for a line of the body or outside any field. Read from the
    lines' indentation: the text may not parse as YAML at all."""
    lines = text.split("\n", line)
    if not lines or lines[0].strip() != "---" or line < 2 or line > len(lines):
        return None
    if any(x.strip() in ("---", "...") for x in lines[1:line]):
        return None  # the front matter closed above: a line of the body
    path, indent = [], None
    for i in range(line - 1, 0, -1):
        m = _KEY.match(lines[i])
        if m and (indent is None or len(m[1]) < indent):
            path.insert(0, m[2])
            indent = len(m[1])
            if indent == 0:
                return ".".join(path)
    return None
