"""Search records for Pagefind, and the Vietnamese folding that Pagefind lacks.

Pagefind folds tone marks but not đ, so a query typed "dang vien" would miss
"đảng viên". Each record's content is indexed with đ → d (one character for one,
so offsets survive) and the browser folds the query the same way; the record
carries the positions of đ so the search page shows the text as written.

A quoted search is Pagefind's phrase search, over positions: the nth word of the content is at
position n. So the content is laid out for it (``indexed``): the title padded to
``TITLE_SLOTS`` positions with ``SLOT`` tokens (the page tells a phrase in the title by where it
stands, and no phrase runs from the title into the body), one ``SLOT`` between the body and the
metadata, and no token without a letter or digit (a lone "-" in "chính trị - xã hội" would stand
between "trị" and "xã"; "thực hiện./." would be the word "hien/"): such a token is taken out and
the record says where it stood (meta "gaps"), so the page shows the text as written.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field

from vanban.archive.facets import filters
from vanban.lang import dates
from vanban.site import urls
from vanban.archive.core import Archive
from vanban.lang.doctypes import mixed_case_codes, type_name
from vanban.model import Notice

# Characters Pagefind keeps inside words, so 50-CT/TW and 12/TB-MTTQ-BTT are one word each.
INCLUDE_CHARACTERS = "-/"
LANGUAGE = "vi"
TITLE_SLOTS = 64  # content positions kept for the title: a quoted match before them is in it
SLOT = "·"        # a token Pagefind counts as a position and indexes no word for

# [text](url): neither part may hold its own opening bracket, so a line of "[[[[" is linear.
_LINK = re.compile(r"!?\[([^\[\]]*)\]\([^()]*\)")
_BLOCK = re.compile(r"^\s{0,3}(?:#{1,6}\s+|>\s?|[-*+]\s+)", re.M)   # heading, quote, list markers
# Emphasis, code, tags. Every branch starts with its character and looks behind it only then,
# so the engine jumps between those characters (a look-behind first is tried at every one).
_INLINE = re.compile(r"\*\*|__|[*_](?<!\w[*_])(?=\S)|[*_](?<=\S[*_])(?!\w)|`|<[^<>]+>")


@dataclass(frozen=True)
class SearchRecord:
    url: str                              # site-relative: van-ban/<stem>/
    content: str                          # what Pagefind indexes: đ folded, spaces collapsed
    meta: dict[str, str] = field(default_factory=dict)
    filters: dict[str, list[str]] = field(default_factory=dict)
    sort: dict[str, str] = field(default_factory=dict)
    language: str = LANGUAGE


def plain_text(markdown: str) -> str:
    """The words of a Markdown body, without markup; one space between words."""
    text = _LINK.sub(r"\1", markdown)
    text = _INLINE.sub("", _BLOCK.sub(" ", text))
    return " ".join(html.unescape(text).split())


_D_AT = re.compile("[đĐ]")


def fold_d(text: str) -> tuple[str, str]:
    """(text with đ → d and Đ → D, positions of those characters as base-36 deltas joined by '.')."""
    marks, last = [], 0
    for m in _D_AT.finditer(text):
        marks.append(_base36(m.start() - last))
        last = m.start()
    return text.replace("đ", "d").replace("Đ", "D"), ".".join(marks)  # str.translate: 10 times slower


def _base36(n: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    s = ""
    while True:
        n, r = divmod(n, 36)
        s = digits[r] + s
        if not n:
            return s


def _one_line(text: str) -> str:
    return " ".join(text.split())


def metadata_text(archive: Archive, n: Notice) -> str:
    """The notice's metadata as words, so that a signer, a recipient or a tag is found too."""
    unit_name = archive.unit_name
    signer = ", ".join(x for x in (n.signer.authority, n.signer.position, n.signer.name) if x)
    parts = [f"{type_name(n.type)} số {n.number}.", f"Cơ quan ban hành: {unit_name(n.issuer)}.",
             f"Người ký: {signer}."]
    assigned = list(dict.fromkeys(unit_name(a.unit) for a in archive.assignments[n.stem]))
    if assigned:
        parts.append("Giao nhiệm vụ: " + "; ".join(assigned) + ".")
    if n.meeting and n.meeting.chair:
        parts.append(f"Chủ trì: {n.meeting.chair}.")
    if n.recipients:
        parts.append("Nơi nhận: " + "; ".join(n.recipients) + ".")
    if n.tags:
        parts.append("Từ khóa: " + ", ".join(n.tags) + ".")
    cited = cited_numbers(archive, n)
    if cited:  # normalised, so "50 - CT/TW" in a body is still found as 50-CT/TW
        parts.append("Trích dẫn: " + ", ".join(cited) + ".")
    return _one_line(" ".join(parts))


def cited_numbers(archive: Archive, n: Notice) -> list[str]:
    return list(dict.fromkeys(u.citation.number for u in archive.citations[n.stem]))


def record(archive: Archive, n: Notice, text_of=plain_text) -> SearchRecord:
    """The notice's record; ``text_of`` makes a body's words (a server passes a remembering one)."""
    unit_name = archive.unit_name
    # Title, body, then metadata: the page re-orders by where a phrase stands, so it is
    # told where the body starts and ends (in the text as shown, gaps put back).
    title, body = _one_line(n.title), text_of(n.body)
    pad = " ".join([SLOT] * max(1, TITLE_SLOTS - len(_words(title))))
    text = " ".join(x for x in (title, pad) if x)
    body_start = len(text) + 1
    text = " ".join(x for x in (text, body, SLOT, metadata_text(archive, n)) if x)
    content, gaps = indexed(text)
    content, marks = fold_d(content)
    return SearchRecord(
        url=urls.url_of(urls.NOTICE.format(stem=n.stem)),
        content=content,
        meta={
            # Searched by Pagefind (the only meta field it searches): the number and the title,
            # đ folded as in the content, so a match here says "the number or title matched".
            "title": fold_d(" ".join(_words(f"{n.number} {_one_line(n.title)}")))[0],
            "summary": n.title,  # what is shown
            "number": n.number,
            "type": type_name(n.type),
            "date": dates.short(n.date),
            "issuer": unit_name(n.issuer),
            "dd": marks,
            "gaps": gaps,
            "body_start": str(body_start),
            "body_end": str(body_start + len(body)),
        },
        # Ids, not names, so that a bookmarked search survives a renamed unit; the page shows
        # the names from facets.filter_labels().
        filters=filters(archive, n),
        sort={"date": n.date.isoformat()},
    )


def _words(text: str) -> list[str]:
    """The tokens of ``text`` that hold a letter or a digit: Pagefind's positions once indexed."""
    return [t for t in text.split() if _ALNUM.search(t)]


_ALNUM = re.compile(r"[^\W_]")


# What indexed() leaves out is found over the whole text, not token by token: a loop over a
# record's 1,000 tokens in Python cost 0.8 ms (8 s of the search copy at 10,000 notices). A token
# is a run of characters other than the space (the text has single spaces).
# A whole token without a letter or digit ("-", "./.", "(…)"), but SLOT.
_LONE = re.compile(rf"(?<![^ ])(?!{SLOT}(?![^ ]))(?:[^\w ]|_)++(?![^ ])")
_DASH_OR_SLASH = re.compile(r"[-/]")


def _tails(text: str) -> list[tuple[int, int, bool]]:
    """The spans of the words' tails of punctuation that hold "-" or "/", which Pagefind would keep
    in the word ("hiện./."). Only the tokens holding one are looked at, each once: linear."""
    out, pos = [], 0
    while (m := _DASH_OR_SLASH.search(text, pos)) is not None:
        end = text.find(" ", m.start())
        end = len(text) if end < 0 else end
        start = end
        while start and text[start - 1] != " " and not (text[start - 1].isalnum()
                                                         or "\u0300" <= text[start - 1] <= "\u036f"):
            start -= 1  # neither a letter, a digit nor a combining mark (NFD text)
        token = text.rfind(" ", 0, start) + 1
        if ("-" in text[start:end] or "/" in text[start:end]) and _ALNUM.search(text, token, start):
            out.append((start, end, True))  # else no such tail, or a lone token
        pos = end + 1
    return out


def indexed(text: str) -> tuple[str, str]:
    """(``text`` without its tokens that hold no letter or digit, save ``SLOT``, and without a
    word's tail of punctuation holding "-" or "/"; where those stood). Each gap is the number of
    tokens kept before it (base 36, counted from the gap before), "G" when it is glued to the
    token before, and the gap's own characters: none is a letter or digit, so the string reads
    back unambiguously (``shown_text``)."""
    events = sorted([(m.start(), m.end(), False) for m in _LONE.finditer(text)] + _tails(text))
    if not events:
        return text, ""
    pieces, gaps, pos, dropped, last, spaces, counted = [], [], 0, 0, 0, 0, 0
    for start, end, glued in events:
        spaces += text.count(" ", counted, start)  # counted as the events go: linear
        counted = start
        kept = spaces - dropped + glued  # the kept tokens before the gap
        gaps.append(f"{_base36(kept - last)}{'G' if glued else ''}{text[start:end]}")
        last = kept
        cut = start if glued or start == 0 else start - 1  # a lone token goes with the space before it
        pieces.append(text[pos:cut])
        pos = max(pos, end)
        dropped += not glued
    pieces.append(text[pos:])
    out = "".join(pieces)
    return (out[1:] if out.startswith(" ") else out), "".join(gaps)


# Possessive, and starting where a run of digits starts: linear on any string.
_GAP = re.compile(r"(?<![0-9a-z])([0-9a-z]++)(G?)([^0-9a-zA-Z]++)")


def shown_text(r: SearchRecord) -> str:
    """The text the search page shows of a record: its content with đ and the gaps put back,
    as vn.js's ``unfold`` and ``ungap`` do (body_start and body_end count in it)."""
    chars, at = list(r.content), 0
    for delta in filter(None, r.meta.get("dd", "").split(".")):
        at += int(delta, 36)
        chars[at] = "Đ" if chars[at] == "D" else "đ"
    tokens, out, at = "".join(chars).split(" "), [], 0
    for delta, glued, gap in _GAP.findall(r.meta.get("gaps", "")):
        k = at + int(delta, 36)  # the tokens kept before the gap
        out += tokens[at:k]
        at = k
        if glued:
            out[-1] += gap
        else:
            out.append(gap)
    return " ".join(out + tokens[at:])


def codes_js() -> str:
    """vn-codes.js, which vn.js and search.js import: the codes written with lower-case letters
    (vanban.lang.doctypes) and the positions kept for a title (``TITLE_SLOTS``)."""
    return ("// Written by the build from vanban.lang.doctypes: the codes written with lower-case letters.\n"
            f"export const MIXED_CASE_CODES = {json.dumps(mixed_case_codes(), ensure_ascii=False)};\n"
            "// From vanban.search.records: a quoted search's match before this position is in the title.\n"
            f"export const TITLE_SLOTS = {TITLE_SLOTS};\n")


def records(archive: Archive) -> list[SearchRecord]:
    return [record(archive, n) for n in archive.notices]


def record_html(r: SearchRecord) -> str:
    """The record as the small HTML page Pagefind indexes: metadata in Pagefind's own data
    attributes, the content alone in the body, so what is indexed is exactly ``content``."""
    def tag(kind: str, key: str, value: str) -> str:
        return f'<span data-pagefind-{kind}="{key}[data-v]" data-v="{html.escape(value)}"></span>'

    tags = [tag("meta", k, v) for k, v in r.meta.items() if v]
    tags += [tag("filter", k, v) for k, values in r.filters.items() for v in values]
    tags += [tag("sort", k, v) for k, v in r.sort.items()]
    return (f'<!doctype html><html lang="{r.language}"><head><meta charset="utf-8"></head><body>'
            f'{"".join(tags)}<main data-pagefind-body>{html.escape(r.content, quote=False)}</main></body></html>')


