"""SPEC §4 URLs, in one place: source paths of generated pages and their site URLs."""

from __future__ import annotations

import posixpath

NOTICE = "van-ban/{stem}.md"
MONTHS = "thang/index.md"
MONTH = "thang/{key}.md"
UNITS = "don-vi/index.md"
UNIT = "don-vi/{key}.md"
DOCUMENTS = "trich-dan/index.md"
DOCUMENT = "trich-dan/{key}.md"
HOME = "index.md"


def url_of(src_uri: str) -> str:
    """Directory URL (site-relative, no leading slash) of a source path: thang/2025-11.md -> thang/2025-11/."""
    base = src_uri[:-3]
    if base == "index":
        return ""
    if base.endswith("/index"):
        return base[: -len("index")]
    return base + "/"


def rel_link(from_uri: str, to_uri: str) -> str:
    """A Markdown link between two source files, as MkDocs resolves and checks them."""
    return posixpath.relpath(to_uri, posixpath.dirname(from_uri) or ".")
