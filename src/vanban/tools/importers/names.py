"""Names as the archive writes them: signature lines out of capitals, issuers as unit ids."""

from __future__ import annotations

import re

from vanban.reading.registry import Registry
from vanban.lang.text import name_key

# Bodies and posts whose inner words keep a capital (Ban Thường vụ, Chánh Văn phòng), as the
# rules for Party and State documents write them; other words go to lower case.
PHRASES = [p.split() for p in (
    "Ban Thường vụ", "Ban Thường trực", "Thường trực", "Ban Chấp hành", "Ban Bí thư", "Bộ Chính trị",
    "Văn phòng", "Ủy ban nhân dân", "Hội đồng nhân dân", "Ủy ban Kiểm tra", "Ủy ban Mặt trận Tổ quốc",
    "Mặt trận Tổ quốc", "Việt Nam", "Ban Tổ chức", "Ban Tuyên giáo", "Ban Dân vận", "Ban Xây dựng Đảng",
    "Đảng ủy", "Đảng bộ", "Đảng", "Chi ủy", "Chi bộ", "Đoàn Thanh niên", "Hội Liên hiệp Phụ nữ",
    "Hội Nông dân", "Hội Cựu chiến binh", "Bí thư", "Phó Bí thư", "Chủ tịch", "Phó Chủ tịch",
    "Chánh Văn phòng", "Phó Chánh Văn phòng", "Phó Trưởng", "Chủ nhiệm", "Phó Chủ nhiệm", "Ủy ban",
    "Giám đốc", "Phó Giám đốc", "Hội đồng", "Cộng sản", "Hồ Chí Minh", "Tỉnh ủy", "Huyện ủy", "Thành ủy",
)]
PHRASES.sort(key=len, reverse=True)
# After these words comes a place name: every word capitalised (xã Tân Lập).
_PLACE_WORDS = {"xã", "phường", "thị trấn", "tỉnh", "huyện", "thành phố", "đặc khu"}
# Abbreviations stay in capitals, and are spelled out to match a printed name with units.yml.
ABBREVIATIONS = {
    "MTTQ": "Mặt trận Tổ quốc", "UBMTTQ": "Ủy ban Mặt trận Tổ quốc", "UBND": "Ủy ban nhân dân",
    "HĐND": "Hội đồng nhân dân", "UBKT": "Ủy ban Kiểm tra", "BCH": "Ban Chấp hành", "BTV": "Ban Thường vụ",
    "ĐTN": "Đoàn Thanh niên", "HLHPN": "Hội Liên hiệp Phụ nữ", "HND": "Hội Nông dân",
    "HCCB": "Hội Cựu chiến binh", "VP": "Văn phòng", "ĐU": "Đảng ủy", "CT-XH": "chính trị - xã hội",
    "TW": "Trung ương", "VN": "Việt Nam", "TT": "Thường trực",
}


def normal_case(text: str) -> str:
    """CHÁNH VĂN PHÒNG -> Chánh Văn phòng, BAN THƯỜNG VỤ -> Ban Thường vụ, CHỦ TỊCH UBND XÃ TÂN LẬP
    -> Chủ tịch UBND xã Tân Lập. Letters and tone placement stay as printed; only case changes."""
    words = text.split()
    keys = [name_key(w) for w in words]
    out = [w if w in ABBREVIATIONS else w.lower() for w in words]
    i = 0
    while i < len(words):
        phrase = next((p for p in PHRASES if keys[i:i + len(p)] == [name_key(w) for w in p]), None)
        if phrase:
            for j, model in enumerate(phrase):
                if model[0].isupper():
                    out[i + j] = out[i + j][:1].upper() + out[i + j][1:]
            i += len(phrase)
            continue
        step = 1 if keys[i] in _PLACE_WORDS else 2 if " ".join(keys[i:i + 2]) in _PLACE_WORDS else 0
        if step:  # the rest is a place name
            for j in range(i + step, len(words)):
                out[j] = out[j] if words[j] in ABBREVIATIONS else words[j][:1].upper() + words[j][1:].lower()
            break
        i += 1
    if out:
        out[0] = out[0][:1].upper() + out[0][1:]
    return " ".join(out)


def title_case(text: str) -> str:
    """A person's name printed in capitals: TRẦN VĂN ĐIỆP -> Trần Văn Điệp."""
    return " ".join(w[:1].upper() + w[1:].lower() for w in text.split())


def expand(text: str) -> str:
    """Abbreviations of a printed name spelled out: ỦY BAN MTTQ VIỆT NAM -> ỦY BAN Mặt trận Tổ quốc VIỆT NAM."""
    return " ".join(ABBREVIATIONS.get(w.upper(), w) if w.isupper() else w for w in text.split())


def find_unit(registry: Registry, text: str) -> str | None:
    """The unit whose name, alias or code is ``text`` (spelled out or not); exact, never a guess."""
    wanted = {name_key(text), name_key(expand(text))}
    for unit in registry.units.values():
        names = (unit.name, *unit.aliases, unit.code or "")
        if wanted & {name_key(n) for n in names if n} | wanted & {name_key(expand(n)) for n in names if n}:
            return unit.id
    return None


_PREFIXES = re.compile(r"(?:BAN THƯỜNG VỤ|BAN THƯỜNG TRỰC|THƯỜNG TRỰC)\s+", re.IGNORECASE)


def issuer_from_lines(registry: Registry, lines: list[str]) -> str | None:
    """The unit named by the issuer lines of the header, the lowest line first (the lines
    above it name the superior body): ĐẢNG BỘ TỈNH … / ĐẢNG ỦY XÃ TÂN LẬP -> dang-uy."""
    for end in range(len(lines), 0, -1):
        for start in range(end - 1, -1, -1):
            candidate = " ".join(lines[start:end])
            for text in (candidate, _PREFIXES.sub("", candidate, count=1)):
                found = find_unit(registry, text)
                if found:
                    return found
    return None


def issuer_from_number(registry: Registry, body: str) -> str | None:
    """The unit whose symbol the number carries: ĐU in 15-TB/ĐU, MTTQ in 12/TB-MTTQ-BTT."""
    parts = body.split("-")
    for n in range(len(parts), 0, -1):
        found = find_unit(registry, "-".join(parts[:n]))
        if found:
            return found
    return None


def issuer_from_filing(registry: Registry, recipients: list[str]) -> str | None:
    """The issuer whose office keeps the file copy: "Lưu VPĐU" -> the Văn phòng of the Đảng ủy -> dang-uy."""
    for item in recipients:
        m = re.match(r"Lưu\s*:?\s*(.+)", item, re.IGNORECASE)
        if not m:
            continue
        for token in re.split(r"\s*[,;]\s*", m[1]):
            unit = registry.units.get(find_unit(registry, token) or "")
            if unit and name_key(unit.name).startswith("văn phòng") and unit.parent in registry.units:
                return unit.parent
            if token.upper().startswith("VP") and len(token) > 2:
                found = find_unit(registry, token[2:])
                if found:
                    return found
    return None


def place_of(name: str) -> str | None:
    """The commune in a unit's name: Đảng ủy xã Tân Lập -> Tân Lập."""
    m = re.search(r"\b(?:xã|phường|thị trấn|đặc khu)\s+(.+)$", name, re.IGNORECASE)
    return m[1].strip() if m else None
