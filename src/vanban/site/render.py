"""Markdown to HTML outside MkDocs, with the extensions mkdocs.yml names (a test keeps them equal).

``vanban check`` renders a body to see what the sanitiser will remove and which links
MkDocs will refuse; unit pages quote a notice's section as the same sanitised HTML.
"""

from __future__ import annotations

import markdown

from vanban.site import sanitize
from vanban.lang.text import heading_id

EXTENSIONS = ["tables", "attr_list", "md_in_html", "admonition", "toc"]
CONFIGS = {
    "tables": {"use_align_attribute": True},  # align="…", not style="…", which the sanitiser drops
    "toc": {"permalink": True, "permalink_title": "Liên kết đến mục này", "slugify": heading_id},
}

_renderers: dict[tuple, markdown.Markdown] = {}


def _renderer(toc: bool = True, raw_html: bool = True) -> markdown.Markdown:
    key = (toc, raw_html)
    if key not in _renderers:
        names = [e for e in EXTENSIONS if toc or e != "toc"]
        md = markdown.Markdown(extensions=names, extension_configs={k: v for k, v in CONFIGS.items() if k in names})
        if not raw_html:
            md.postprocessors.deregister("raw_html")  # raw HTML stays a placeholder
        _renderers[key] = md
    return _renderers[key].reset()


def body_html(text: str, raw_html: bool = True) -> str:
    """The body as MkDocs renders it, before sanitising; without raw HTML, what MkDocs
    checks the links of (it never looks inside raw HTML)."""
    return _renderer(raw_html=raw_html).convert(text)


def quote_html(text: str, rebase: sanitize.Rebase) -> str:
    """A section quoted on another page: sanitised, without ids (they belong to the notice's page)."""
    return sanitize.clean(_renderer(toc=False).convert(text), rebase=rebase, keep_ids=False)
