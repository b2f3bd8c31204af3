"""Markdown to HTML outside MkDocs, with the extensions mkdocs.yml names (a test keeps them equal).

``vanban check`` renders a body to see what the sanitiser will remove and which links
MkDocs will refuse; unit pages quote a notice's section as the same sanitised HTML.
"""

from __future__ import annotations

import markdown

from . import sanitize
from .text import heading_id

EXTENSIONS = ["tables", "attr_list", "md_in_html", "admonition", "toc"]
CONFIGS = {
    "tables": {"use_align_attribute": True},  # align="…", not style="…", which the sanitiser drops
    "toc": {"permalink": True, "slugify": heading_id},
}

_renderers: dict[bool, markdown.Markdown] = {}


def _renderer(toc: bool) -> markdown.Markdown:
    if toc not in _renderers:
        names = [e for e in EXTENSIONS if toc or e != "toc"]
        _renderers[toc] = markdown.Markdown(extensions=names,
                                            extension_configs={k: v for k, v in CONFIGS.items() if k in names})
    return _renderers[toc].reset()


def body_html(text: str) -> str:
    """The body as MkDocs renders it, before sanitising."""
    return _renderer(True).convert(text)


def quote_html(text: str, rebase: sanitize.Rebase) -> str:
    """A section quoted on another page: sanitised, without ids (they belong to the notice's page)."""
    return sanitize.clean(_renderer(False).convert(text), rebase=rebase, keep_ids=False)
