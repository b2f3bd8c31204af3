"""MkDocs makes a new Markdown instance, with every extension of ``mkdocs.yml``, for each page
(``Page.render``): 0.2 ms a page, as much as a short page's conversion. Here a build keeps one
per process and resets it between pages, as Python-Markdown means ``reset()`` to be used (and as
``vanban.site.render`` does); MkDocs registers its own processors of the page on it again each time,
under the same names. The HTML is the same (``tests/test_output.py`` compares the sites).

``VANBAN_CLEAN=1`` leaves MkDocs' own way, as for ``hooks/output.py``.

Relies on these MkDocs internals (``missing_internals()`` checks them; when one is missing or
changed, a build says so in one INFO line each and keeps MkDocs' own way): the module global
``mkdocs.structure.pages.markdown``, through which ``Page.render`` makes its instance, as
``markdown.Markdown(extensions=config['markdown_extensions'],
extension_configs=config['mdx_configs'] or {})``: the same two objects for every page of a build
(with no extension configured, ``or {}`` makes a new dict for each page, and the hook a new
instance for each, as MkDocs does); and the processors ``Page.render`` adds to the instance
(``_RawHTMLPreprocessor``, ``_ExtractAnchorsTreeprocessor``, ``_RelativePathTreeprocessor``,
``_ExtractTitleTreeprocessor``, each through its ``_register``) being registered under fixed
names, so that the next page's replace the last page's instead of piling up.
"""

from __future__ import annotations

import ast
import logging
import os
import types

import markdown
from mkdocs.structure import pages as mkdocs_pages

from vanban.machine import introspect

log = logging.getLogger("mkdocs.hooks.vanban.one_markdown")
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
    missing = [] if os.environ.get("VANBAN_CLEAN") == "1" else missing_internals()
    for sentence in missing:  # INFO: a WARNING would fail --strict, and the build goes on
        log.info(sentence)
    if os.environ.get("VANBAN_CLEAN") == "1" or missing:
        mkdocs_pages.markdown = markdown
    else:  # what Page.render calls markdown.Markdown; anything else is the real module's
        reusing = types.ModuleType("markdown")
        reusing.__dict__.update(markdown.__dict__)
        reusing.Markdown = _markdown
        mkdocs_pages.markdown = reusing


def missing_internals(mkdocs_package=None) -> list[str]:
    """One sentence for each MkDocs internal this hook relies on (the module docstring lists them)
    that the installed MkDocs lacks or has changed; [] when all are as the hook expects.
    ``mkdocs_package`` (a module or its name, e.g. ``"properdocs"``) is checked instead of the
    package this hook's ``mkdocs`` imports resolved to."""
    package = introspect.package_of(mkdocs_package, mkdocs_pages)
    n, label = package.__name__, introspect.label(package)
    pages = introspect.module(package, "structure.pages")
    missing = introspect.Sentences("hooks/one_markdown.py", label,
                                   "a build makes a new Markdown instance for each page, as MkDocs does.")
    need = missing.need

    need(isinstance(getattr(pages, "markdown", None), types.ModuleType),
         f"the module global {n}.structure.pages.markdown (Python-Markdown, as Page.render sees it)")
    render = getattr(getattr(pages, "Page", None), "render", None)
    calls = introspect.calls(render, "markdown.Markdown") if render is not None else []
    need(calls, f"{n}.structure.pages.Page.render making its instance with markdown.Markdown(...)", "no longer does")
    for call in calls:
        given = {k.arg: ast.unparse(k.value) for k in call.keywords if k.arg}
        need(not call.args and set(given) == {"extensions", "extension_configs"}
             and all(value.startswith("config") for value in given.values()),
             f"{n}.structure.pages.Page.render calling markdown.Markdown(extensions=config[...], "
             "extension_configs=config[...])", f"calls differently ({ast.unparse(call)})")
    unnamed = []
    for owner in [render] + [vars(c)["_register"] for c in vars(pages).values() if isinstance(c, type)
                             and c.__module__ == pages.__name__ and "_register" in vars(c)]:
        for call in introspect.calls(owner, None) if owner is not None else []:
            if isinstance(call.func, ast.Attribute) and call.func.attr == "register":
                name = call.args[1] if len(call.args) > 1 else next(
                    (k.value for k in call.keywords if k.arg == "name"), None)
                if not (isinstance(name, ast.Constant) and isinstance(name.value, str)):
                    unnamed.append(ast.unparse(call))
    need(not unnamed, f"the processors {n}.structure.pages.Page.render adds being registered under fixed names",
         f"registers otherwise ({'; '.join(unnamed)})")
    return missing


