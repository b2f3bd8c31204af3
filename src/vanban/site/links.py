"""The body links that ``mkdocs build --strict`` refuses, decided as MkDocs 1.6.1 decides them.

A copy of ``_RelativePathTreeprocessor.path_to_url`` (mkdocs/structure/pages.py) under the
default ``validation`` settings. Only ``links.not_found`` is a warning there; absolute links,
"unrecognized" links (no extension), missing anchors and links to excluded files are INFO,
which --strict lets through. MkDocs is not imported: the package must not depend on it.
"""

from __future__ import annotations

import posixpath
import re
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

_CHECKED = {"a": "href", "img": "src"}  # the only elements and attributes MkDocs checks
# Markdown's serializer writes only these entities into attributes; any other one ("&#46;")
# was in the link as written, and MkDocs sees it undecoded.
_WRITTEN_ENTITY = re.compile(r"&(?!(?:amp|lt|gt|quot);)")


class _Urls(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _CHECKED:
            url = dict(attrs).get(_CHECKED[tag])
            if url is not None:
                self.urls.append(url)


def broken_links(html: str, src_uri: str, known: set[str]) -> list[tuple[str, str]]:
    """Links and images in ``html`` (the rendered body of the page ``src_uri``) that
    ``mkdocs build --strict`` reports: (url as written, Vietnamese reason), in document order.
    ``known`` holds every src_uri of the site (docs/ files and generated pages)."""
    parser = _Urls()
    parser.feed(_WRITTEN_ENTITY.sub("&amp;", html))
    parser.close()
    broken = []
    for url in parser.urls:
        reason = _problem(url, src_uri, known)
        if reason:
            broken.append((url, reason))
    return broken


def _problem(url: str, src_uri: str, known: set[str]) -> str:
    try:
        scheme, netloc, path, _query, _anchor = urlsplit(url)
    except ValueError:  # e.g. "http://[x": MkDocs stops the build with this same error
        return "địa chỉ không hợp lệ, sửa lại liên kết"
    if scheme or netloc or url.startswith(("/", "\\")) or not path:
        return ""  # external, site-absolute (INFO), or only an anchor/query on this page
    path = unquote(path)
    target = posixpath.normpath(posixpath.join(posixpath.dirname(src_uri), path).lstrip("/"))
    if target in known:
        return ""  # a missing anchor in it is INFO only
    if not posixpath.splitext(path)[1]:
        return ""  # no extension: MkDocs calls it "unrecognized" (INFO), e.g. "../thang/"
    return f"liên kết tới tệp không có trong trang: {target} (sửa đường dẫn hoặc bỏ liên kết)"
