"""Every link and anchor inside a built site resolves to something the site has."""

from __future__ import annotations

import posixpath
import re
from functools import lru_cache
from pathlib import Path

HREF = re.compile(r'\s(?:href|src)="([^"]*)"')
ID = re.compile(r'\sid="([^"]+)"')


def broken_links(site: Path) -> list[str]:
    site = site.resolve()

    @lru_cache(maxsize=None)
    def ids(target: Path) -> frozenset[str]:
        return frozenset(ID.findall(target.read_text(encoding="utf-8")))

    broken = []
    for page in sorted(site.rglob("*.html")):
        here = page.relative_to(site).parent.as_posix()
        html = page.read_text(encoding="utf-8")
        for href in HREF.findall(html):
            if re.match(r"^[a-z]+:", href) or href.startswith("//"):
                continue  # external schemes are checked elsewhere (no request leaves the site)
            path, _, fragment = href.partition("#")
            path = path.split("?", 1)[0]
            if path:
                # "/x" only appears in 404.html, which MkDocs writes for a site served at its root
                rel = posixpath.normpath(path.lstrip("/") if path.startswith("/") else posixpath.join(here, path))
                if rel.startswith(".."):
                    broken.append(f"{page.relative_to(site)}: {href} leaves the site")
                    continue
                target = site / rel
                if target.is_dir() or path.endswith("/"):
                    target = target / "index.html"
            else:
                target = page
            if not target.exists():
                broken.append(f"{page.relative_to(site)}: {href}")
            elif fragment and target.suffix == ".html" and fragment not in ids(target):
                broken.append(f"{page.relative_to(site)}: {href} (no such anchor)")
    return broken
