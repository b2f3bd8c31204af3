"""Notice bodies as safe HTML: an allow-list fit for official documents, applied with nh3.

A notice is public record typed by many hands; whatever Markdown lets through (raw HTML,
``attr_list`` attributes, ``javascript:`` links) must not reach a reader as script, a
form, a frame, a style or a ``<base>``. nh3 (ammonia, html5ever) parses each fragment on
its own and writes it balanced, so an unclosed tag cannot swallow what follows it.
"""

from __future__ import annotations

import functools

import re
from collections import Counter
from html import unescape
from html.parser import HTMLParser
from typing import Callable
from urllib.parse import urlsplit

import nh3

HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
TAGS = HEADINGS | {
    "p", "br", "hr", "blockquote", "pre", "code", "div", "span",
    "ul", "ol", "li", "dl", "dt", "dd",
    "table", "caption", "colgroup", "col", "thead", "tbody", "tfoot", "tr", "th", "td",
    "strong", "b", "em", "i", "u", "s", "del", "ins", "sub", "sup", "mark", "small", "abbr",
    "a", "img", "figure", "figcaption",
}
ATTRIBUTES = {
    **{h: {"id"} for h in HEADINGS},
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "abbr": {"title"},
    "ol": {"start", "type"},
    "th": {"colspan", "rowspan", "align"},
    "td": {"colspan", "rowspan", "align"},
    "col": {"span"},
}
ADMONITIONS = {"admonition", "note", "abstract", "info", "tip", "success", "question", "warning",
               "failure", "danger", "bug", "example", "quote"}
CLASSES = {"a": {"headerlink"}, "div": ADMONITIONS, "p": {"admonition-title"}}
SCHEMES = {"http", "https", "mailto"}
# Ids a heading may take: never one of the theme's (__drawer, md-*, vb-*), which a body
# could otherwise clobber.
_ID = re.compile(r"[a-z0-9][a-z0-9_-]*")
_THEME_IDS = ("md-", "vb-", "__")

Rebase = Callable[[str], str]


def _relative(url: str) -> bool:
    parts = urlsplit(url)
    return not parts.scheme and not parts.netloc and not url.startswith("//")


def _filter(rebase: Rebase | None, keep_ids: bool):
    def attribute(tag: str, name: str, value: str) -> str | None:
        if name == "id":
            return value if keep_ids and _ID.fullmatch(value) and not value.startswith(_THEME_IDS) else None
        if tag == "img" and name == "src" and not _relative(value):
            return None  # intranet: the page requests nothing outside the site
        if rebase and name in ("href", "src") and _relative(value) and not value.startswith("#"):
            return rebase(value)
        return value
    return attribute


def clean(html: str, rebase: Rebase | None = None, keep_ids: bool = True) -> str:
    """``html`` with everything outside the allow-list removed; relative links passed to ``rebase``."""
    return nh3.clean(
        html, tags=TAGS, attributes=ATTRIBUTES, allowed_classes=CLASSES, url_schemes=SCHEMES,
        link_rel=None, strip_comments=True, attribute_filter=_filter(rebase, keep_ids),
    )


_TAG = re.compile(r"<(/?)([a-z][a-z0-9]*)")
_VOID = {"br", "hr", "img", "col"}
_HEADING_ID = re.compile(r'(<h[1-6]) id="[^"]*"')
# In clean's output every value is in double quotes, with " written &quot;: a tag is matched whole.
_LINK_TAG = re.compile(r'<(?:a|img)(?: [a-z-]+="[^"]*")*')
_LINK = re.compile(r' (href|src)="([^"]*)"')


def reclean(html: str, rebase: Rebase | None = None, keep_ids: bool = True) -> str:
    """``clean(html, rebase, keep_ids)`` of a piece of what ``clean`` gave (a notice's section
    quoted on another page), without parsing it again when its tags balance: then it is already
    clean, only its heading ids go and its links are rebased, as nh3 would do them (a unit page
    quotes thousands of sections). A piece that does not balance is cleaned by nh3."""
    stack = []
    for m in _TAG.finditer(html):  # in clean's output every "<" opens a tag: text has &lt;
        closing, tag = m.groups()
        if tag in _VOID:
            continue
        if not closing:
            stack.append(tag)
        elif not stack or stack.pop() != tag:
            return clean(html, rebase, keep_ids)
    if stack:
        return clean(html, rebase, keep_ids)
    if not keep_ids:
        html = _HEADING_ID.sub(r"\1", html)
    if rebase:
        def link(m: re.Match) -> str:
            url = unescape(m.group(2))
            if _relative(url) and not url.startswith("#"):
                url = rebase(url)
            return f' {m.group(1)}="{_attribute(url)}"'
        html = _LINK_TAG.sub(lambda tag: _LINK.sub(link, tag.group()), html)
    return html


def _attribute(value: str) -> str:
    """An attribute's value as nh3 (html5ever) writes it."""
    return value.replace("&", "&amp;").replace("\xa0", "&nbsp;").replace('"', "&quot;")


@functools.lru_cache(maxsize=100_000)  # every page's toc titles: most headings recur
def text(html: str) -> str:
    """An HTML fragment as escaped text without tags (a toc title, say)."""
    return nh3.clean(html, tags=set())


# --- what is removed, for ``vanban check`` --------------------------------------------------


class _Inventory(HTMLParser):
    """Counts tags and attributes (with values) of a fragment."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.items: Counter = Counter()

    def handle_starttag(self, tag, attrs):
        self.items[("tag", tag, "")] += 1
        for name, value in attrs:
            self.items[("attr", tag, f"{name}={value or ''}")] += 1

    handle_startendtag = handle_starttag


def _inventory(html: str) -> Counter:
    parser = _Inventory()
    parser.feed(html)
    parser.close()
    return parser.items


def removed(html: str) -> list[tuple[str, str]]:
    """What ``clean`` takes out of ``html``: (text to look for in the source, Vietnamese description)."""
    out = []
    gone = _inventory(html) - _inventory(clean(html))
    for kind, tag, detail in sorted(gone):
        if kind == "attr" and tag not in TAGS:
            continue  # its tag is reported, and goes with its attributes
        if kind == "tag":
            out.append((f"<{tag}", f"thẻ <{tag}>"))
            continue
        name, _, value = detail.partition("=")
        if name in ("href", "src") and value:
            what = "ảnh ngoài trang" if tag == "img" and not _relative(value) else "liên kết"
            out.append((value, f"{what} '{_short(value)}'"))
        elif name == "class":
            out.append((value, f"lớp (class) '{_short(value)}' của thẻ <{tag}>"))
        else:
            out.append((f"{name}=", f"thuộc tính {name} của thẻ <{tag}>"))
    return out


def _short(value: str, limit: int = 60) -> str:
    return value if len(value) <= limit else value[:limit] + "…"
