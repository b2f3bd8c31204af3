"""The grammar of document numbers ("số và ký hiệu").

Party: 15-TB/ĐU, 08-QĐi/TW, 367-QĐ/TWĐTN-VP.  State: 15/QĐ-UBND, 12/2025/QĐ-UBND,
30/2020/NĐ-CP, 72/2025/QH15, công văn 123/UBND-VP.  One parser serves validation
(front matter), citation finding and search, so they never disagree.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from vanban.lang.doctypes import types_for_code
from vanban.lang.text import clean, slug

# A code or body symbol: capitals (Đ included), optionally a few lower-case
# letters as in QĐi, CTr, TTr, QyĐ.
SYMBOL = r"[A-ZĐ][A-Za-zĐđ]*"
_DASH = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"

PARTY = re.compile(rf"(?P<seq>\d{{1,5}}[a-z]?)-(?P<code>{SYMBOL})/(?P<body>{SYMBOL}(?:-{SYMBOL})*)")
STATE = re.compile(
    rf"(?P<seq>\d{{1,5}})(?:/(?P<year>(?:19|20)\d\d))?/"
    rf"(?:(?P<code>{SYMBOL})-(?P<body>{SYMBOL}(?:-{SYMBOL})*)|(?P<qh>QH\d{{1,2}}))"
)


@dataclass(frozen=True)
class Number:
    text: str           # normalised, as SPEC §5 prints it
    style: str          # "party" or "state"
    seq: str
    code: str | None    # the type code (TB, NĐ, ...); None for a công văn or a law
    body: str           # the issuing body's symbol(s): ĐU, TW, CP, UBND-VP, QH15
    year: str | None

    @property
    def types(self) -> list[str]:
        """Type slugs the number's code allows, most likely first."""
        if self.body.startswith("QH") and self.code is None:
            return ["luat"]
        if self.code is None:
            return ["cong-van"]
        found = types_for_code(self.code, self.style)
        if not found and self.style == "state":
            return ["cong-van"]  # 123/UBND-VP: the first part is a body, not a type
        return found


@functools.lru_cache(maxsize=100_000)  # an archive cites a few hundred numbers tens of thousands of times
def normalise(raw: str) -> str:
    """15 – NQ/TW -> 15-NQ/TW; 84 QĐ/TWĐTN -> 84-QĐ/TWĐTN; Ð (U+00D0) -> Đ."""
    s = clean(raw).replace("\u00d0", "Đ").replace("\u0110", "Đ")
    s = re.sub(rf"[{_DASH}]", "-", s)
    s = re.sub(r"^(?:[Ss]ố\s*:?\s*)", "", s.strip())
    s = re.sub(r"\s*([-/])\s*", r"\1", s)
    s = re.sub(r"^(\d+[a-z]?)\s+(?=[A-ZĐ])", r"\1-", s)  # "84 QĐ/TWĐTN"
    return s


def parse(raw: str) -> Number | None:
    """The parts of a document number, or None when it is not one."""
    s = normalise(raw)
    m = PARTY.fullmatch(s)
    if m:
        return Number(s, "party", m["seq"], m["code"], m["body"], None)
    m = STATE.fullmatch(s)
    if m:
        if m["qh"]:
            return Number(s, "state", m["seq"], None, m["qh"], m["year"])
        code, body = m["code"], m["body"]
        if not types_for_code(code, "state"):
            # công văn: "123/UBND-VP" has no type code, the whole tail is the body
            return Number(s, "state", m["seq"], None, f"{code}-{body}", m["year"])
        return Number(s, "state", m["seq"], code, body, m["year"])
    return None


@functools.lru_cache(maxsize=100_000)
def number_slug(number: str) -> str:
    return slug(normalise(number))
