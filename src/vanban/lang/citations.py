"""Citations of other documents in running text: "Chỉ thị 50-CT/TW ngày 23/7/2025 của Ban Bí thư".

After Indigo/docpipe: one base ``Finder`` owns the loop; each number shape is a small
subclass holding a verbose regex. Every hit goes through the same adjust steps (date
tail, issuer tail), one ``is_valid``, and is recorded unless an earlier finder claimed
part of its text. Pure: no MkDocs, no files.

What a citation covers (``start``/``end``, offsets into the string passed in, which
the caller has made NFC; CRLF and non-breaking spaces are fine and are not removed)::

    [type word [số[:]]] NUMBER [[,] ngày DATE] [[,] của ISSUER] [[,] ngày DATE]

- The span starts at the type word when one stands right before the number
  ("Chỉ thị", "hướng dẫn", "Quy định", "văn bản", any case), else at the number's first
  digit: a lone "Số:"/"số" is left out. A law title between "Luật" and the number is
  not searched for: "Luật Bầu cử ... số 85/2015/QH13" covers only the number.
- ``type``: the type word's slug; "văn bản" is generic, so then (and with no word)
  the code decides: Number.types[0] (QĐ -> quyet-dinh, Party TT -> thong-tri, State
  TT -> thong-tu, QH15 -> luat, 123/UBND-VP -> cong-van). None for a code the type
  table does not know (24-BS/UBKTTU).
- ``date``: only "ngày" + d/m/yyyy, d-m-yyyy, d.m.yyyy or "d tháng m năm yyyy" right
  after the number (or after its issuer), on the same or the next line; an impossible
  date (31/2/2025) is not a date: it and any "của ..." after it stay outside the span.
- ``issuer``: after "của", a run of name pieces joined by spaces on one line, starting
  with a capital: capitalised syllables and abbreviations (Ban, Lào, UBND, XIII), known
  multi-syllable body words starting with a capital (Bí thư, Tỉnh ủy, Chính phủ), the
  same words in lower case only right after "Ban"/"Ủy ban"/"Hội đồng" ("Ban tổ chức",
  "Ủy ban nhân dân"), and level words in lower case after any piece (xã, tỉnh,
  thành phố, trung ương). It ends at anything else: punctuation, quotes, a line break, a digit, a
  stop word (về, và, trong, theo, nhằm, ...) or a type word ("Hướng dẫn số ...").
- Numbers typed in lower case ("57-nq/tw") are not taken: codes are capitals in every
  real document, and accepting lower case would turn ordinary "1-a/b" text into hits.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import re
from dataclasses import dataclass

from vanban.lang.doctypes import BY_NAME, DOC_TYPES
from vanban.model import Citation
from vanban.lang.numbers import Number, parse
from vanban.lang.relations import relation_of

_SP = r"[^\S\r\n]"                           # a space on this line, NBSP included
_S = _SP + "*+"                              # possessive: spaces are never given back, so
                                             # "  ,  ngày" after 10,000 spaces fails at once
_GAP = rf"{_S}(?:\r?\n{_S})?"                # at most one line break
_D = r"[-\u2010-\u2015\u2212]"               # hyphen, en and em dash, minus
_SYM = r"[A-ZĐÐ][A-Za-zĐđÐ]*"                # a code or body symbol: NQ, QĐi, UBKTĐU
# Further body parts: glued "-VP", or spaced " - VP" only in capitals, so that
# "15/QĐ-UBND - Ban hành ..." does not swallow "Ban".
_MORE = rf"(?:{_D}{_SYM}|{_S}{_D}{_S}[A-ZĐÐ]+(?!\w))"


def _phrase(words: str) -> str:
    """A regex for a name as typed: any spacing, Ð for Đ, old tone placement uỷ."""
    parts = (re.escape(w).replace("đ", "[đÐ]").replace("ủy", "(?:ủy|uỷ)") for w in words.split())
    return f"{_SP}+".join(parts)


def _alternation(names) -> str:
    return "|".join(_phrase(n) for n in sorted(names, key=len, reverse=True))


def _key(s: str) -> str:
    return " ".join(s.casefold().replace("uỷ", "ủy").replace("ð", "đ").split())


_TYPE_WORDS = _alternation([t.name.lower() for t in DOC_TYPES] + ["văn bản"])
# The type word before a number, looked for only where a number was found: an optional
# prefix at the head of every finder's regex made each scan try it at every character.
_PREFIX = re.compile(rf"(?<!\w)(?i:(?P<word>{_TYPE_WORDS}))(?:{_SP}+(?i:số){_S}:?{_S}|{_SP}+)$")
_PREFIX_REACH = 40  # characters: the longest type word, "số:" and spaces


@dataclass
class Hit:
    """A match being adjusted: widened by its tails before it becomes a Citation."""

    start: int
    end: int
    number: Number | None
    word: str | None
    loose: bool            # "84 QĐ/TWĐTN": no dash between number and code
    date: str | None = None
    issuer: str | None = None


class Finder:
    """The loop. A subclass only gives ``number``, a verbose regex for one shape."""

    number = ""

    def __init__(self) -> None:
        # Every shape starts with 1-5 digits. The first digit leads the regex, so the engine
        # jumps from digit to digit; the look-behind after it checks the character before it
        # (what "(?<![\w/.\-])" before the number did, tried at every character: twice the time).
        assert self.number.startswith(r"\d{1,5}")
        self.pattern = re.compile(rf"(?P<num>\d(?<![\w/.\-]\d)\d{{0,4}}{self.number[7:]})(?![\w/]|-\w)",
                                  re.VERBOSE)

    def find(self, text: str, claimed: list[tuple[int, int]]) -> list[Citation]:
        found = []
        for m in self.pattern.finditer(text):
            dash = m.groupdict().get("dash")
            loose = dash is not None and not re.search(_D, dash)
            before = _PREFIX.search(text, max(0, m.start() - _PREFIX_REACH), m.start())
            start, word = (before.start(), before["word"]) if before else (m.start(), None)
            hit = Hit(start, m.end(), parse(m["num"]), word, loose)
            if not is_valid(hit, text, m.start("num")):
                continue
            adjust(hit, text)
            if _overlaps(claimed, hit.start, hit.end):
                continue
            bisect.insort(claimed, (hit.start, hit.end))
            found.append(Citation(hit.number.text, type_of(hit), hit.date, hit.issuer, None, hit.start, hit.end))
        return found


class LawNumber(Finder):
    number = rf"\d{{1,5}} {_S}/{_S} (?:19|20)\d\d {_S}/{_S} QH\d{{1,2}}"


class StateNumber(Finder):
    # 30/2020/NĐ-CP, 15/QĐ-UBND, 05/HD-MTTW-BTT, and công văn 123/UBND-VP
    number = rf"\d{{1,5}} (?:{_S}/{_S}(?:19|20)\d\d)? {_S}/{_S} {_SYM} {_MORE}+"


class PartyNumber(Finder):
    # 50-CT/TW, 08-QĐi/TW, 367-QĐ/TWĐTN-VP, and the typed variants "15 – NQ/TW", "84 QĐ/TWĐTN"
    number = rf"\d{{1,5}}[a-z]? (?P<dash>{_S}{_D}{_S}|{_SP}+) {_SYM} {_S}/{_S} {_SYM} {_MORE}*"


def _overlaps(claimed: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether [start, end) meets a claimed span. The spans are sorted and never overlap, so
    only the last one starting before ``end`` can: a bisection, not a scan (50,000 citations
    on one line)."""
    i = bisect.bisect_left(claimed, (end,))
    return i > 0 and claimed[i - 1][1] > start


# In this order; text claimed by an earlier finder is not matched again.
FINDERS: tuple[Finder, ...] = (LawNumber(), StateNumber(), PartyNumber())


def find_citations(text: str) -> list[Citation]:
    """Every citation in ``text`` (NFC), in text order, none overlapping, each with the relation
    its sentence states (vanban.lang.relations)."""
    claimed: list[tuple[int, int]] = []
    found = sorted((c for finder in FINDERS for c in finder.find(text, claimed)), key=lambda c: c.start)
    return [dataclasses.replace(c, relation=relation_of(text, c.start, c.end, claimed)) for c in found]


def is_valid(hit: Hit, text: str, num_start: int) -> bool:
    """The one place a hit is turned down."""
    if hit.number is None:
        return False
    if hit.loose and (not hit.number.types or re.fullmatch(r"(?:19|20)\d\d", hit.number.seq)):
        return False  # without the dash "84 QĐ/..." needs a known code and no year ("năm 2025 TB/ĐU")
    token_start = max(text.rfind(c, 0, num_start) for c in " \t\r\n\u00a0") + 1
    token = text[token_start:hit.end]
    return "://" not in token and "www." not in token.casefold()  # part of a URL


def adjust(hit: Hit, text: str) -> None:
    """Widen the hit by its date and issuer tails (the type word is already inside)."""
    hit.end = _date_tail(hit, text, hit.end)
    m = _OF.match(text, hit.end)
    end = _issuer_end(text, m.end()) if m else None
    if end:
        hit.issuer, hit.end = text[m.end():end], end
        if hit.date is None:
            hit.end = _date_tail(hit, text, hit.end)


def type_of(hit: Hit) -> str | None:
    word = BY_NAME.get(_key(hit.word)) if hit.word else None
    if word:
        return word.slug
    return hit.number.types[0] if hit.number.types else None


_DATE = re.compile(
    rf"""{_S},?{_GAP} [Nn]gày {_SP}+
    (?: (?P<d>\d{{1,2}}) (?P<sep>[/.\-\u2013]) (?P<m>\d{{1,2}}) (?P=sep) (?P<y>\d{{4}})
      | (?P<d2>\d{{1,2}}) {_SP}+ tháng {_SP}+ (?P<m2>\d{{1,2}}) {_SP}+ năm {_SP}+ (?P<y2>\d{{4}})
    ) (?!\d|[/.\-]\d)""",
    re.VERBOSE,
)


def _date_tail(hit: Hit, text: str, pos: int) -> int:
    m = _DATE.match(text, pos)
    if not m:
        return pos
    try:
        day = dt.date(int(m["y"] or m["y2"]), int(m["m"] or m["m2"]), int(m["d"] or m["d2"]))
    except ValueError:
        return pos  # 31/2/2025: not a date, so not part of the citation
    hit.date = day.isoformat()
    return m.end()


_OF = re.compile(rf"{_S},?{_GAP}(?i:của){_SP}+")
# Two-syllable (and longer) body words: in Vietnamese only the first syllable of a
# name is capitalised, so "Bí thư", "Tỉnh ủy" must be known to be read as one piece.
_NAME_WORDS = """bí thư|chính trị|chấp hành|tỉnh ủy|thành ủy|đảng ủy|huyện ủy|chính phủ|thủ tướng|
kiểm tra|kiểm sát|kiểm toán|tổ chức|nhân dân|thường vụ|thường trực|tuyên giáo|dân vận|hội đồng|
ủy ban|mặt trận|tổ quốc|văn phòng|đảng bộ|quốc hội|chủ tịch|bộ trưởng|thanh niên|phụ nữ|
nông dân|cựu chiến binh|liên hiệp|cộng sản|xây dựng|nội vụ|công tác|chỉ đạo|công an|quốc phòng|
tài chính|y tế|tư pháp|giáo dục|giáo dục và đào tạo|khoa học và công nghệ|nông nghiệp và môi trường|
tài nguyên và môi trường|kế hoạch và đầu tư|công thương|ngoại giao|dân tộc|tôn giáo|nhà nước|
thi đua|khen thưởng|lao động"""
_LEVELS = {"xã", "tỉnh", "thành phố", "phường", "thị trấn", "thị xã", "huyện", "đặc khu", "trung ương"}
_BAN = {"ban", "ủy ban", "hội đồng"}  # after these, body words may be lower case: Ban tổ chức
_STOP = {"về", "và", "trong", "theo", "nhằm", "để", "tại", "với", "ngày", "số", "năm", "từ",
         "trên", "khi", "là", "đã", "đang", "sẽ", "được", "có", "cho", "thì", "hoặc", "do", "các"}
_PIECE = re.compile(
    rf"(?i:(?P<known>{_alternation(_NAME_WORDS.replace(chr(10), '').split('|') + sorted(_LEVELS))}))(?!\w)"
    r"|(?P<word>[^\W_]+(?:-[^\W_]+)*)"
)
_TYPE_AHEAD = re.compile(rf"(?i:{_TYPE_WORDS})(?!\w)")
_SPACES = re.compile(rf"{_SP}+")


def _issuer_end(text: str, pos: int) -> int | None:
    """Where the issuer starting at ``pos`` ends, or None when there is none."""
    end, prev = None, None
    while (p := _PIECE.match(text, pos)) is not None:
        piece, low = p.group(), _key(p.group())
        if not p["known"] and (low in _STOP or piece[0].isdigit() or _TYPE_AHEAD.match(text, pos)):
            break
        if not piece[0].isupper() and not (prev and (low in _LEVELS or (p["known"] and prev in _BAN))):
            break
        end, prev = p.end(), low
        s = _SPACES.match(text, end)
        if not s:
            break
        pos = s.end()
    return end
