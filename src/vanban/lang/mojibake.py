"""Vietnamese typed in a legacy encoding and read as Unicode: find it, so it can be refused.

Old documents come in TCVN3 (ABC, ".VnTime" fonts) or VNI ("VNI-Times" fonts), one or two
bytes a letter; pasted or converted, those bytes are read as Windows-1252 and "Kết" arrives
as "KÕt" or "Keát". A third kind is UTF-8 read as Windows-1252 and saved again: "Káº¿t".

A word is taken for mojibake of a kind when it is not a Vietnamese syllable itself but
decodes to one; real Vietnamese words, English and most foreign names (Müller, José) never
do. A text is refused when two different words are mojibake of one kind, or one word is and
it is most of the accented words (a short title), unless more words are foreign than that:
a few short words of other languages decode by chance.
"""

from __future__ import annotations

import functools
import re
import unicodedata

TCVN3 = "TCVN3"
VNI = "VNI"
DOUBLE_UTF8 = "UTF-8 bị mã hóa hai lần"
_FOREIGN = "foreign"  # a word neither Vietnamese nor mojibake: Müller, naïve

_VOWELS = "aăâeêioôơuưy"
# No tone, then sắc, huyền, hỏi, ngã, nặng: the order of the tables below.
_MARKS = ("", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323")

# TCVN3 bytes as Windows-1252 shows them, a group of six per vowel of _VOWELS. The fonts
# have no toned capitals (a heading uses a capitals font on the same codes), so Ấ is Ê
# like ấ, as Unikey converts; only the untoned capitals have codes of their own.
_TCVN3_SMALL = ("a¸µ¶·¹ ¨¾»¼½Æ ©ÊÇÈÉË eÐÌÎÏÑ ªÕÒÓÔÖ iÝ×ØÜÞ "
                "oãßáâä «èåæçé ¬íêëìî uóïñòô \xadøõö÷ù yýúûüþ").split()
_TCVN3_CAPITAL = "A¡¢E£IO¤¥U¦Y"
# VNI: the letter, then a mark byte for the breve or circumflex with the tone, or the tone;
# ơ ư and the toned i and ỵ have bytes of their own. Capitals are the same upper-cased.
_VNI_SMALL = [group.split() for group in (
    "a aù aø aû aõ aï|aê aé aè aú aü aë|aâ aá aà aå aã aä|e eù eø eû eõ eï|eâ eá eà eå eã eä|"
    "i í ì æ ó ò|o où oø oû oõ oï|oâ oá oà oå oã oä|ô ôù ôø ôû ôõ ôï|u uù uø uû uõ uï|"
    "ö öù öø öû öõ öï|y yù yø yû yõ î").split("|")]


def _tables():
    """The letter tables both ways, built from the groups above."""
    split = {}  # small vowel -> (untoned vowel, tone)
    tcvn3_enc, tcvn3_dec = {"đ": "®", "Đ": "§"}, {"®": "đ", "§": "Đ"}
    vni_enc = {"đ": "ñ", "Đ": "Ñ"}
    for v, vowel in enumerate(_VOWELS):
        capital_code = _TCVN3_CAPITAL[v]
        if not capital_code.isascii():
            tcvn3_dec[capital_code] = vowel.upper()
        for t, mark in enumerate(_MARKS):
            small = unicodedata.normalize("NFC", vowel + mark)
            capital = small.upper()
            split[small] = (vowel, t)
            code = _TCVN3_SMALL[v][t]
            tcvn3_enc[small] = code
            tcvn3_enc[capital] = code if t else capital_code
            if not code.isascii():
                tcvn3_dec[code] = small
            if t:  # some converters write Á as the capital and the small code: A¸
                tcvn3_dec[capital_code + code] = capital
            vni_enc[small] = _VNI_SMALL[v][t]
            vni_enc[capital] = _VNI_SMALL[v][t].upper()
    vni_dec = {code: letter for letter, code in vni_enc.items() if not code.isascii()}
    for code, letter in list(vni_dec.items()):
        if len(code) == 2:  # a mark typed in the other case still means the same letter
            vni_dec.setdefault(code[0] + code[1].swapcase(), letter)
    return split, tcvn3_enc, tcvn3_dec, vni_enc, vni_dec


_SPLIT, _TCVN3_ENC, _TCVN3_DEC, _VNI_ENC, _VNI_DEC = _tables()
_ASCII_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
# Each legacy kind with its table and every character its words can have.
_LEGACY = [(TCVN3, _TCVN3_DEC, _ASCII_LETTERS.union(*_TCVN3_DEC)),
           (VNI, _VNI_DEC, _ASCII_LETTERS.union(*_VNI_DEC))]

# Windows-1252 both ways; its five undefined bytes read as Latin-1, and every byte
# 0x80-0x9F also as its Latin-1 control, for UTF-8 that went through Latin-1 instead.
_CHAR = [bytes([b]).decode("cp1252", "ignore") or chr(b) for b in range(256)]
_BYTE = {c: b for b, c in enumerate(_CHAR)}
for _b in range(0x80, 0xA0):
    _BYTE.setdefault(chr(_b), _b)
_CP1252 = frozenset(_BYTE)
_TO_LATIN1 = {ord(c): b for c, b in _BYTE.items() if ord(c) != b}
# Where UTF-8 of a letter shows: a lead byte and a continuation, or a lead whose
# continuation got lost (see below), so that only such words are read as UTF-8.
_UTF8_LEAD = re.compile("[%s](?:[%s]|\\Z)|[ÃÄ]" % (re.escape("".join(_CHAR[0xC2:0xF5])),
                                                 re.escape("".join(_CHAR[0x80:0xC0]))))
# Bytes that get lost: Đ's 0x90 (undefined in Windows-1252, often dropped), and 0xA0 at
# the end of à, Ơ, Ạ (a no-break space, often turned into a space that ends the word).
_LOST_90 = re.compile(rb"\xc4(?![\x80-\xbf])")
_LOST_A0 = re.compile(rb"\xc3(?![\x80-\xbf])|(?:[\xc2-\xdf]|[\xe0-\xef][\x80-\xbf])\Z")

# A word: letters, and the symbols the three kinds put inside words (¸ for á in TCVN3,
# ™ and ‹ in "há»™i nghá»‹"). A no-break space is no part of one: it is too often a space.
_INNER = "".join(c for c, b in _BYTE.items() if b >= 0x80 and c != "\xa0" and not re.match(r"\w", c))
_WORD = re.compile("[\\w" + re.escape(_INNER) + "]+")
# Punctuation around a word in a legacy text; not stripped for UTF-8, where “ ends "á»“".
_EDGE = "‚„…‹›‘’“”•–—¿"

_ONSETS = set("b c ch d đ g gh gi h k kh l m n ng ngh nh p ph qu r s t th tr v x".split()) | {""}
_CONSONANTS = set("bcdđghklmnpqrstvx")
_RHYMES = set("""
a ac ach ai am an ang anh ao ap at au ay ăc ăm ăn ăng ăp ăt âc âm ân âng âp ât âu ây
e ec em en eng eo ep et ê êch êm ên ênh êp êt êu
i ia ich im in inh ip it iu iêc iêm iên iêng iêp iêt iêu
o oc oi om on ong op ot ooc oong oa oac oach oai oam oan oang oanh oao oap oat oay
oăc oăm oăn oăng oăt oe oen oeo oet ô ôc ôi ôm ôn ông ôp ôt ơ ơi ơm ơn ơp ơt
u ua uc ui um un ung up ut uân uâng uât uây uê uêch uênh uôc uôi uôm uôn uông uôt uơ
uy uya uych uyn uynh uyp uyt uyu uyên uyêt ư ưa ưc ưi ưm ưn ưng ưt ưu
ươc ươi ươm ươn ương ươp ươt ươu y ych ynh yt yêm yên yêng yêt yêu
""".split())


def _spelled_right(onset: str, rhyme: str) -> bool:
    """The spelling rules that tell a syllable from a look-alike: k/gh/ngh only before
    e ê i y, c/g/ng not before them (but gì), qu never before u."""
    first = rhyme[0]
    if rhyme == "y":  # ly, mỹ, kỳ, quý; never "đy"
        return onset in ("", "h", "k", "l", "m", "qu", "s", "t", "th", "v")
    if first == "y":
        return onset in ("", "qu")
    if onset in ("k", "gh", "ngh"):
        return first in "eêi"
    if onset in ("c", "ng"):
        return first not in "eêi"
    if onset == "g":
        return first not in "eê"
    if onset == "gi":
        return first != "i"
    if onset == "qu":
        return first not in "uo"
    return True


def _syllable(word: str) -> bool:
    """A Vietnamese syllable, in either case and either tone placement (hoà, hòa)."""
    letters, tone = [], 0
    for c in word.lower():
        if c in _SPLIT:
            vowel, t = _SPLIT[c]
            if t and tone:
                return False
            tone = tone or t
            letters.append(vowel)
        elif c in _CONSONANTS:
            letters.append(c)
        else:
            return False
    s = "".join(letters)
    for n in (3, 2, 1, 0):
        onset, rhyme = s[:n], s[n:]
        if onset in _ONSETS and rhyme in _RHYMES and _spelled_right(onset, rhyme):
            # A syllable closed by c, ch, p, t takes only sắc or nặng.
            return not rhyme.endswith(("c", "ch", "p", "t")) or tone in (1, 5)
    return False


def _decode(word: str, table: dict[str, str], alphabet: frozenset[str]) -> str | None:
    """The word through a TCVN3 or VNI table, longest code first; None when it has a
    character or a lone mark that no letter is made of."""
    if not alphabet.issuperset(word):
        return None
    out, i = [], 0
    while i < len(word):
        if word[i:i + 2] in table:
            out.append(table[word[i:i + 2]])
            i += 2
        elif word[i] in table or word[i] in _ASCII_LETTERS:
            out.append(table.get(word[i], word[i]))
            i += 1
        else:
            return None
    return "".join(out)


def _undouble(word: str) -> str | None:
    """The word's Windows-1252 bytes read as UTF-8, when they are UTF-8 and not ASCII;
    letters only at its ends."""
    try:
        raw = word.translate(_TO_LATIN1).encode("latin-1")
        raw = _LOST_A0.sub(lambda m: m[0] + b"\xa0", _LOST_90.sub(b"\xc4\x90", raw))
        plain = raw.decode("utf-8")
    except UnicodeError:
        return None
    if plain.isascii():
        return None
    start, end = 0, len(plain)
    while start < end and not plain[start].isalpha():
        start += 1
    while end > start and not plain[end - 1].isalpha():
        end -= 1
    return plain[start:end]


@functools.lru_cache(maxsize=100_000)  # an archive's words repeat: a few thousand syllables in all
def _classify(token: str) -> list[tuple[str, str]] | None:
    """What the token is: None when no accented word, [] when a Vietnamese word, else the
    kinds of mojibake it is (or _FOREIGN), each with the word as the text has it."""
    word = token.strip(_EDGE)
    if len(word) < 2 or word.isascii():  # a lone « ½ ¹ is punctuation, not ô ẵ ạ
        return None
    if _syllable(word):
        return []
    hits = []
    if len(token) <= 40:  # mojibake of a syllable is short; a long run is something else
        legacy = [(kind, plain) for kind, table, alphabet in _LEGACY
                  if (plain := _decode(word, table, alphabet)) and _syllable(plain)]
        if len(legacy) == 2:  # both read it: VNI when a mark joined its letter (eâ is ê, not eõ)
            legacy = legacy[1:] if len(legacy[1][1]) < len(word) else legacy[:1]
        hits = [(kind, word) for kind, _ in legacy]
        # Whole first, as “ ends "á»“" (ồ); then without the quotes a text put round it.
        for sample in dict.fromkeys((token, word) if _UTF8_LEAD.search(token) else ()):
            plain = _undouble(sample)
            if plain and _syllable(plain):
                hits.append((DOUBLE_UTF8, sample))
                break
    if hits or not _CP1252.issuperset(word):  # Москва, 北京 cannot be mojibake, nor tell
        return hits
    return [(_FOREIGN, word)]


def detect(text: str) -> tuple[str, int, str] | None:
    """(encoding name, 1-based line, sample word) when ``text`` (NFC, LF line ends) looks like
    Vietnamese typed in a legacy encoding and read as Unicode; None for real Vietnamese/other text."""
    seen: dict[str, list | None] = {}
    words = 0
    found: dict[str, list[tuple[int, str]]] = {TCVN3: [], VNI: [], DOUBLE_UTF8: [], _FOREIGN: []}
    for number, line in enumerate(text.split("\n"), 1):
        for token in _WORD.findall(line):
            if token.isascii() or token in seen:
                continue
            hits = seen[token] = _classify(token)
            if hits is None:
                continue
            words += 1
            for kind, sample in hits:
                found[kind].append((number, sample))
    # Words are counted once: a foreign name said twice is still one name. Short words of
    # other languages can decode too (Swedish "på" is TCVN3 for "pồ"), but there the words
    # that are neither Vietnamese nor mojibake outnumber them.
    foreign = len(found.pop(_FOREIGN))
    best = None
    for kind, hits in found.items():
        if len(hits) > foreign and (len(hits) >= 2 or 2 * len(hits) > words):
            rank = (-len(hits), hits[0][0])
            if best is None or rank < best[0]:
                best = (rank, kind, hits[0])
    if best is None:
        return None
    _, kind, (number, sample) = best
    return kind, number, sample


def encode_as(text: str, encoding: str) -> str:
    """``text`` as it reads after typing it in ``encoding`` (TCVN3, VNI or DOUBLE_UTF8) and
    reading the bytes as Windows-1252 (Latin-1 for its five undefined bytes)."""
    text = unicodedata.normalize("NFC", text)
    if encoding == TCVN3:
        return "".join(_TCVN3_ENC.get(c, c) for c in text)
    if encoding == VNI:
        return "".join(_VNI_ENC.get(c, c) for c in text)
    if encoding == DOUBLE_UTF8:
        return "".join(_CHAR[b] for b in text.encode("utf-8"))
    raise ValueError(f"unknown encoding {encoding!r}")
