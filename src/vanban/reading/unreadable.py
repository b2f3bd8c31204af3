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
        out.append(Problem(rel, line, None, f"văn bản có vẻ gõ bằng bảng mã {encoding} ('{word}'), "
                                            "không phải Unicode; hãy chuyển sang Unicode (UTF-8) rồi lưu lại"))
    return out

