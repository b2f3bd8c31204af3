"""SPEC §4 URLs, in one place: source paths of generated pages and their site URLs."""

from __future__ import annotations

import functools
import posixpath
from urllib.parse import quote, unquote, urlsplit, urlunsplit

from vanban.archive.facets import BY_NAME, FACETS

NOTICE = "van-ban/{stem}.md"
# The facets' pages (vanban.archive.facets declares them); a long key page has one page per year.
MONTHS, MONTH = BY_NAME["thang"].hub, BY_NAME["thang"].page
UNITS, UNIT, UNIT_YEAR = BY_NAME["don-vi"].hub, BY_NAME["don-vi"].page, BY_NAME["don-vi"].year_page
DOCUMENTS, DOCUMENT, DOCUMENT_YEAR = (BY_NAME["trich-dan"].hub, BY_NAME["trich-dan"].page,
                                      BY_NAME["trich-dan"].year_page)
HUBS = tuple(f.hub for f in FACETS if f.hub)
HOME = "index.md"
SEARCH = "tim-kiem.md"


def url_of(src_uri: str) -> str:
    """Directory URL (site-relative, no leading slash) of a source path: thang/2025-11.md -> thang/2025-11/."""
    base = src_uri[:-3]
    if base == "index":
        return ""
    if base.endswith("/index"):
        return base[: -len("index")]
    return base + "/"


def relpath(path: str, start: str = ".") -> str:
    """posixpath.relpath for two site-relative paths, without asking the operating system for
    the working directory as posixpath does (twice a call: a tenth of a build's time)."""
    def parts(p: str) -> list[str]:
        return [x for x in posixpath.normpath(p).split("/") if x not in ("", ".")]

    a, b = parts(start), parts(path)
    common = 0
    while common < min(len(a), len(b)) and a[common] == b[common]:
        common += 1
    rel = [".."] * (len(a) - common) + b[common:]
    return "/".join(rel) or "."


@functools.lru_cache(maxsize=200_000)  # index pages link the same pairs again and again
def rel_link(from_uri: str, to_uri: str) -> str:
    """A Markdown link between two source files, as MkDocs resolves and checks them."""
    return relpath(to_uri, posixpath.dirname(from_uri) or ".")


def rebase_url(url: str, from_url: str, to_url: str) -> str:
    """A relative link of the built page at ``from_url`` (a directory URL such as
    van-ban/x/) as the page at ``to_url`` must write it."""
    parts = urlsplit(url)
    if not parts.path:
        return url
    target = posixpath.normpath(posixpath.join(from_url, unquote(parts.path)))
    out = relpath(target, to_url or ".")
    if parts.path.endswith("/"):
        out = "./" if out == "." else out + "/"
    return urlunsplit(("", "", quote(out), parts.query, parts.fragment))


def rebase(url: str, from_uri: str, page_uri: str) -> str:
    """A relative link written in the source ``from_uri``, as the built page of ``page_uri`` must
    write it: MkDocs turns ``x.md#a`` into the page's directory URL, ``../x/#a``."""
    parts = urlsplit(url)
    if not parts.path:
        return url
    target = posixpath.normpath(posixpath.join(posixpath.dirname(from_uri), unquote(parts.path)))
    if target.endswith(".md"):
        target = url_of(target)
    elif parts.path.endswith("/"):
        target += "/"
    out = relpath(target or ".", url_of(page_uri) or ".")
    if target.endswith("/") or target in ("", "."):
        out = "./" if out == "." else out + "/"
    return urlunsplit(("", "", quote(out), parts.query, parts.fragment))


FEED = "feed.xml"
UNIT_FEED, DOCUMENT_FEED = BY_NAME["don-vi"].feed, BY_NAME["trich-dan"].feed
REGISTER = "so-dang-ky.csv"
CATALOG = "catalog.json"
CATALOG_SCHEMA = "catalog.schema.json"


def feed_of(src_uri: str) -> str | None:
    """The Atom feed a page advertises: the archive's on the home page, a unit's on its page, a
    cited document's on its page (site-relative paths)."""
    if src_uri == HOME:
        return FEED
    folder, _, name = src_uri.rpartition("/")
    pattern = next((f.feed for f in FACETS if f.feed and f.name == folder), None)
    if pattern and name != "index.md":
        return pattern.format(key=name[:-3])
    return None
