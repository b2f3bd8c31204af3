"""Text normalisation and folding for Vietnamese.

NFC does not unify tone placement (hoà/hòa) and đ has no decomposition, so
matching needs forms of its own; these functions are the only place they live.
"""

from __future__ import annotations

import functools
import re
import unicodedata

# Old style puts the tone on the second vowel of a final "oa", "oe", "uy":
# hoà, khoẻ, thuỷ. New style puts it on the first: hòa, khỏe, thủy.
_TONES = "\u0300\u0301\u0303\u0309\u0323"  # grave, acute, tilde, hook, dot below
_OLD_TONE = re.compile(
    r"([oOuU])([aAeEyY])([" + _TONES + r"])(?![a-zA-Z\u00C0-\u1EF9\u0300-\u0323])"
)


def clean(text: str) -> str:
    """The form every text takes on reading: no BOM, LF line ends, plain spaces, NFC."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u00a0", " ").replace("\u202f", " ")
    return unicodedata.normalize("NFC", text)


def new_tone_placement(text: str) -> str:
    """hoà -> hòa, uỷ -> ủy: the modern placement, so both spellings compare equal."""
    nfd = unicodedata.normalize("NFD", text)
    # "qu" + a/e/y is not an "oa/ue/uy" diphthong: quý keeps its tone on y.
    out = _OLD_TONE.sub(lambda m: m.group(0) if _after_q(nfd, m.start()) else m.group(1) + m.group(3) + m.group(2), nfd)
    return unicodedata.normalize("NFC", out)


def _after_q(text: str, at: int) -> bool:
    return at > 0 and text[at - 1] in "qQ" and text[at] in "uU"


def name_key(text: str) -> str:
    """Key for comparing names: case and tone placement ignored, marks kept."""
    return " ".join(new_tone_placement(clean(text)).casefold().split())


def slug(text: str) -> str:
    """SPEC §4 slug: NFC, lower case, đ -> dd, marks removed, non [a-z0-9] runs -> '-'."""
    nfd = unicodedata.normalize("NFD", clean(text).lower().replace("đ", "dd"))
    bare = "".join(c for c in nfd if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", bare).strip("-")


def heading_id(value: str, separator: str = "-") -> str:
    """Anchor of a heading: the Markdown toc ``slugify`` (named in mkdocs.yml), so the
    archive can link to a section without rendering it."""
    return slug(value).replace("-", separator)


_collators: dict[str, object] = {}


@functools.lru_cache(maxsize=100_000)  # pyuca takes about a millisecond a name
def sort_key(text: str) -> tuple:
    """Vietnamese order: đ after d as a letter of its own, tones after the base letter.

    The Unicode collation (pyuca, DUCET) already puts marks after the base letter;
    it treats đ as a d with a mark, so đ is spelled "dz" (no Vietnamese word has dz).
    """
    text = clean(text).replace("đ", "dz").replace("Đ", "Dz")
    return _collator(unicodedata.normalize("NFD", text)).sort_key(text)


def _latin(c: str) -> bool:
    cp = ord(c)
    return cp <= 0x036F or 0x1E00 <= cp <= 0x1EFF or 0x2000 <= cp <= 0x206F


def _collator(nfd: str):
    """Reading the whole DUCET takes a tenth of a second, each build. Vietnamese text, once
    decomposed (pyuca decomposes), is Latin letters, combining marks and punctuation: a collator
    of the table's entries that begin with those gives such a string the same key as the whole
    table (``tests/test_properties.py`` compares them); any other string gets the whole table."""
    kind = "latin" if all(map(_latin, nfd)) else "all"
    if kind not in _collators:
        from pyuca import Collator
        from pyuca.collator import COLL_ELEMENT_PATTERN, hexstrings2int

        class Latin(Collator):
            def load(self, filename):
                """pyuca's BaseCollator.load, of the entries that begin in range."""
                with open(filename, encoding="utf-8") as keys:
                    for line in keys:
                        line = line.split("#", 1)[0].rstrip()
                        if not line or line.startswith("@version"):
                            continue
                        if line.startswith("@implicitweights"):
                            chars, base = line[len("@implicitweights"):].split(";")
                            start, end = chars.split("..")
                            self.implicit_weights.append([int(start, 16), int(end, 16), int(base, 16)])
                            continue
                        chars, elements = line.split(";", 1)
                        code_points = hexstrings2int(chars.split())
                        if _latin(chr(code_points[0])):
                            self.table.add(code_points, [hexstrings2int(x.groups()) for x in
                                                         COLL_ELEMENT_PATTERN.finditer(elements.strip())])

        _collators[kind] = Latin() if kind == "latin" else Collator()
    return _collators[kind]
