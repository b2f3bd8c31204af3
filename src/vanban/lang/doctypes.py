"""Document types and their codes (VIETNAMESE-DOCUMENTS.md, "Document types and their codes")."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DocType:
    slug: str
    name: str
    party_codes: tuple[str, ...] = ()
    state_codes: tuple[str, ...] = ()


DOC_TYPES: tuple[DocType, ...] = (
    DocType("nghi-quyet", "Nghị quyết", ("NQ",), ("NQ",)),
    DocType("quyet-dinh", "Quyết định", ("QĐ",), ("QĐ",)),
    DocType("chi-thi", "Chỉ thị", ("CT",), ("CT",)),
    DocType("ket-luan", "Kết luận", ("KL",)),
    DocType("quy-che", "Quy chế", ("QC",), ("QC",)),
    DocType("quy-dinh", "Quy định", ("QĐ", "QĐi"), ("QyĐ",)),
    DocType("huong-dan", "Hướng dẫn", ("HD",), ("HD",)),
    DocType("thong-bao", "Thông báo", ("TB",), ("TB",)),
    DocType("thong-tri", "Thông tri", ("TT",)),
    DocType("bao-cao", "Báo cáo", ("BC",), ("BC",)),
    DocType("ke-hoach", "Kế hoạch", ("KH",), ("KH",)),
    DocType("chuong-trinh", "Chương trình", ("CTr", "CTHĐ"), ("CTr",)),
    DocType("to-trinh", "Tờ trình", ("TTr",), ("TTr",)),
    DocType("de-an", "Đề án", ("ĐA",), ("ĐA",)),
    DocType("cong-van", "Công văn", ("CV",)),
    DocType("bien-ban", "Biên bản", ("BB",), ("BB",)),
    DocType("thong-tu", "Thông tư", (), ("TT",)),
    DocType("nghi-dinh", "Nghị định", (), ("NĐ",)),
    DocType("luat", "Luật", (), ()),
)

BY_SLUG: dict[str, DocType] = {t.slug: t for t in DOC_TYPES}


def mixed_case_codes() -> list[str]:
    """The codes written with lower-case letters (QĐi, CTr…): the search page puts a code typed
    in capitals back this way (vn-codes.js is made from this list)."""
    return sorted({c for t in DOC_TYPES for c in t.party_codes + t.state_codes if c != c.upper()})
# The word before a number in text names the type exactly ("Quy định số 97-QĐ/TW").
BY_NAME: dict[str, DocType] = {t.name.casefold(): t for t in DOC_TYPES}


def types_for_code(code: str, style: str) -> list[str]:
    """Type slugs a code may stand for in a Party or State number, most likely first."""
    attr = "party_codes" if style == "party" else "state_codes"
    return [t.slug for t in DOC_TYPES if code in getattr(t, attr)]


def type_name(slug: str | None) -> str:
    """Nghị định for nghi-dinh; "Văn bản" when the type is unknown (24-BS/UBKTTU)."""
    return BY_SLUG[slug].name if slug in BY_SLUG else "Văn bản"
