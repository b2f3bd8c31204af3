"""MkDocs makes a new Markdown instance, with every extension of ``mkdocs.yml``, for each page
(``Page.render``): 0.2 ms a page, as much as a short page's conversion. Here a build keeps one
per process and resets it between pages, as Python-Markdown means ``reset()`` to be used (and as
``vanban.site.render`` does); MkDocs registers its own processors of the page on it again each time,
under the same names. The HTML is the same (``tests/test_output.py`` compares the sites).

``VANBAN_CLEAN=1`` leaves MkDocs' own way, as for ``hooks/output.py``.
"""

from __future__ import annotations

import os
import types

import markdown
from mkdocs.structure import pages as mkdocs_pages

_kept: dict = {}


def _markdown(extensions, extension_configs) -> markdown.Markdown:
    # A build's config gives the same two objects for every page; a new config (a rebuild of
    # `mkdocs serve`, another build) gives new ones, and a new instance.
    key = (id(extensions), id(extension_configs))
    if _kept.get("key") != key:
        _kept.update(key=key, md=markdown.Markdown(extensions=extensions, extension_configs=extension_configs),
                     holds=(extensions, extension_configs))  # held, so that their ids stay theirs
        return _kept["md"]
    return _kept["md"].reset()


def on_startup(command, dirty):
    _kept.clear()
    if os.environ.get("VANBAN_CLEAN") == "1":
        mkdocs_pages.markdown = markdown
    else:  # what Page.render calls markdown.Markdown; anything else is the real module's
        reusing = types.ModuleType("markdown")
        reusing.__dict__.update(markdown.__dict__)
        reusing.Markdown = _markdown
        mkdocs_pages.markdown = reusing
