"""What a sentence says its text does to a document it cites (VIETNAMESE-DOCUMENTS.md, "What one
document does to another"): ``replaces``, ``repeals``, ``amends``, ``implements``, ``guides``,
``reports_on``, ``basis`` ("Căn cứ …"), or None for a plain mention.

A wrong "replaces" or "repeals" would mark a document out of force on the public record, so the
rules lean to None: a verb counts only right before the citation (a few filler words such as
"có hiệu quả" between), in the clause that holds it, with no other citation before it in that
clause (then the verb is that document's), and not in the past or the passive ("đã triển khai",
"được thay thế"), which tells of someone else's act. "không còn giá trị thực hiện" and "hết hiệu
lực" count after the citation. A repeal of a part ("bãi bỏ khoản 2 Điều 5 …") amends.
``relation_of`` is the entry point; tests/data/relations.json is its table of office sentences.
"""

from __future__ import annotations

import bisect
import re

# Where a clause starts: a sentence end, a semicolon, a colon, a line, a bullet.
_CLAUSE = re.compile(r"[.;:!?\n\r]\s|[;:\n\r]")
REACH = 240  # characters before and after a citation that its clause is looked for in

# Verbs before the citation, longest first within each relation; tried in this order.
_BEFORE = (
    ("reports_on", ("báo cáo kết quả thực hiện", "báo cáo kết quả", "thông báo kết quả", "sơ kết", "tổng kết",
                    "báo cáo tình hình thực hiện", "đánh giá kết quả thực hiện")),
    ("guides", ("hướng dẫn thực hiện", "hướng dẫn triển khai", "hướng dẫn")),
    ("replaces", ("thay thế cho", "thay thế", "thay cho")),
    ("repeals", ("bãi bỏ", "thu hồi", "hủy bỏ")),
    ("amends", ("sửa đổi, bổ sung", "sửa đổi bổ sung", "sửa đổi", "bổ sung", "đính chính", "điều chỉnh")),
    ("implements", ("tiếp tục triển khai thực hiện", "tiếp tục thực hiện", "triển khai thực hiện",
                    "tổ chức thực hiện", "tổ chức triển khai", "thực hiện", "triển khai", "cụ thể hóa", "tiếp tục")),
)
# Words that may stand between the verb and the citation.
_FILLER = {"nghiêm", "nghiêm túc", "có", "hiệu", "quả", "tốt", "đồng", "bộ", "toàn", "diện", "kịp", "thời",
           "quyết", "liệt", "sâu", "rộng", "các", "nội", "dung", "một", "số", "điều", "của", "cho", "và",
           "việc", "đầy", "đủ", "năm", "tháng", "đầu", "giữa", "nhiệm", "kỳ", "thi", "hành", "những",
           "toàn bộ", "chủ", "trương", "tinh", "thần", "kết", "luận", "thực", "hiện", "triển", "khai", ","}
# Words that may stand before the verb in the clause of the text's own act: "Kế hoạch này thay
# thế …", "Nay bãi bỏ …", "Ban Thường vụ Đảng ủy quyết định bãi bỏ …"; for replaces, repeals and
# amends nothing else may.
_OWN = set("""này nay thông báo kế hoạch quyết định hướng dẫn chương trình nghị quyết quy định quy chế
chỉ thị công văn văn bản ban thường vụ trực đảng ủy chấp hành kiểm tra mặt trận tổ quốc
xã phường với nội dung như sau - – + * •
có hiệu lực thi hành kể từ ngày ký và""".split())  # "Quyết định này có hiệu lực kể từ ngày ký và thay thế …"
_PARTS = re.compile(r"(?:^|\s)(?:khoản|điểm|điều|mục|phần|chương|phụ lục|tiết|đoạn)(?:\s|$)")
_PAST = re.compile(r"(?:^|\s)(?:đã|đã được|được|bị|sẽ được|đang được)\s*$")
_AFTER = (("replaces", re.compile(r"^[\s,]*(?:không còn giá trị(?: thực hiện)?|hết giá trị)")),
          ("repeals", re.compile(r"^[\s,]*hết hiệu lực")))
_AFTER_OWN = re.compile(r"kể từ|từ ngày|ban hành|ký")


def _key(text: str) -> str:
    """Case and tone placement folded (hóa/hoá, ủy/uỷ), spaces collapsed; lengths kept per word."""
    text = text.casefold().replace("uỷ", "ủy").replace("hoá", "hóa").replace("thuỷ", "thủy").replace("\u00a0", " ")
    return " ".join(text.split())


def clause_around(text: str, start: int, end: int) -> tuple[str, str]:
    """(the clause before ``start``, the clause after ``end``), each within REACH characters."""
    left = text[max(0, start - REACH):start]
    cut = [m.end() for m in _CLAUSE.finditer(left)]
    before = left[cut[-1]:] if cut else left
    right = text[end:end + REACH]
    m = _CLAUSE.search(right)
    return before, right[:m.start()] if m else right


def relation_of(text: str, start: int, end: int, others: list[tuple[int, int]] = ()) -> str | None:
    """The relation of the citation ``text[start:end]``; ``others`` are the spans of the text's
    citations, sorted (its own may be among them), so that a verb about another document is not
    taken for this one's."""
    before_raw, after_raw = clause_around(text, start, end)
    clause_start = start - len(before_raw)
    i = bisect.bisect_left(others, (clause_start,))  # others are sorted: 50,000 on one line stay cheap
    if i < len(others) and others[i][1] <= start:  # another document leads the clause
        return None
    before, after = _key(before_raw), _key(after_raw)
    if re.match(r"^[\W\d]*căn cứ(?:\s|$)", before):
        return "basis"
    for relation, pattern in _AFTER:
        if pattern.match(after) and not _PAST.search(before) and (_AFTER_OWN.search(after) or not before.strip(" -–+*•")):
            return relation
    found = _verb_before(before)
    if found is None:
        return None
    relation, lead, between = found
    if _PAST.search(lead):
        return None  # "đã triển khai …", "được thay thế bằng …": someone else's act
    if relation in ("replaces", "repeals", "amends"):
        if not all(w in _OWN for w in lead.replace(",", " ").split()):
            return None  # the verb's subject is not this text
        if relation == "repeals" and _PARTS.search(between):
            return "amends"
    return relation


def _verb_before(before: str) -> tuple[str, str, str] | None:
    """(relation, what stands before the verb, what stands between it and the citation): the first
    relation of _BEFORE with a verb that only filler separates from the citation ("sơ kết 5 năm
    thực hiện Chỉ thị …" reports on it, though "thực hiện" is nearer), its verb nearest the
    citation; or None."""
    for relation, verbs in _BEFORE:
        best = None
        for verb in verbs:
            i = before.rfind(verb)
            while i >= 0:
                stop = i + len(verb)
                boundary = (i == 0 or not before[i - 1].isalnum()) and (stop == len(before) or not before[stop].isalnum())
                if boundary and _only_filler(before[stop:], relation):
                    if best is None or stop > best[2]:
                        best = (before[:i], before[stop:], stop)
                    break
                i = before.rfind(verb, 0, i)
        if best:
            return relation, best[0], best[1]
    return None


def _only_filler(between: str, relation: str) -> bool:
    """Whether only filler stands between a verb and the citation; for a repeal or an amendment
    also the part it touches ("khoản 2 Điều 5 của", "một số điều của", "điểm a mục II")."""
    words = between.replace(",", " , ").split()
    if relation in ("repeals", "amends"):
        return len(words) <= 10 and all(w in _FILLER or _PARTS.search(f" {w} ") or _PART_NUMBER.fullmatch(w)
                                        for w in words)
    if relation == "reports_on":  # "sơ kết 5 năm thực hiện", "tổng kết 10 năm"
        return len(words) <= 8 and all(w in _FILLER or w.isdigit() for w in words)
    return len(words) <= 6 and all(w in _FILLER for w in words)


_PART_NUMBER = re.compile(r"\d{1,3}[a-z]?|[a-zđ]|[ivxlc]{1,6}")  # 5, 2a, a, II (folded to lower case)
