"""``mkdocs build`` writes over the last site instead of emptying the folder first (see
``vanban.machine.outfiles``): MkDocs' writes go through ``outfiles``, and at the end every file this build
did not write is removed, so the folder holds what a build into an empty folder would, byte for
byte (``tests/test_output.py``).

Only for ``mkdocs build`` without ``--dirty``; ``VANBAN_CLEAN=1`` keeps MkDocs' own way. A
``mkdocs serve`` builds into a folder of its own and is left as it is. Registered last in
``mkdocs.yml``: its ``on_post_build`` runs after every other hook has written.

Relies on these MkDocs internals, replaced when this module is loaded:
``mkdocs.utils.clean_directory(directory)``, which ``build()`` calls as ``utils.clean_directory``
before ``on_files``; ``mkdocs.utils.write_file(content, output_path)``, which
``mkdocs.commands.build`` calls as ``utils.write_file`` for every page and template;
``mkdocs.utils.copy_file(source_path, output_path)``, which ``File.copy_file`` calls as
``utils.copy_file``; ``File.copy_file(self, dirty=False)``, which ``Files.copy_static_files``
calls for every other file, and ``File._content``, a generated file's text or bytes;
``_build_theme_template`` writing ``sitemap.xml.gz`` itself, with ``open()``, beside
``sitemap.xml``. Replacing some and not others could write into a live site's file (``make build``
starts from links to it), so ``missing_internals()`` checks them all first: when one is missing or
changed none is replaced, and a build says so in one INFO line each and empties the folder as
MkDocs does.
"""

from __future__ import annotations

import logging
import os

from mkdocs import utils
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

from vanban.machine import introspect, outfiles

log = logging.getLogger("mkdocs.hooks.vanban.output")
_state = {"on": False}
_MKDOCS = {"clean_directory": getattr(utils, "clean_directory", None),
           "write_file": getattr(utils, "write_file", None),
           "copy_file": getattr(utils, "copy_file", None), "File.copy_file": getattr(File, "copy_file", None)}


def on_startup(command, dirty):
    _state["on"] = command == "build" and not dirty and os.environ.get("VANBAN_CLEAN") != "1"
    if _state["on"]:
        for sentence in _MISSING:  # INFO: a WARNING would fail --strict, and the build goes on
            log.info(sentence)
        _state["on"] = not _MISSING


def on_config(config):
    outfiles.written.clear()
    _state["site"] = os.path.normpath(os.path.abspath(config.site_dir))
    if _state["on"]:  # MkDocs writes it with open(), not through utils: never into a live site's file
        outfiles.unshare(os.path.join(config.site_dir, "sitemap.xml.gz"))
    return config


def _clean_directory(directory):
    if _state["on"] and os.path.normpath(os.path.abspath(directory)) == _state["site"]:
        return  # what this build does not write goes at the end, in on_post_build
    _MKDOCS["clean_directory"](directory)


def _write_file(content, output_path):
    if _state["on"]:
        outfiles.write(output_path, content)
    else:
        _MKDOCS["write_file"](content, output_path)


def _copy_file(source_path, output_path):
    if _state["on"]:
        if os.path.isdir(output_path):
            output_path = os.path.join(output_path, os.path.basename(source_path))
        outfiles.copy(source_path, output_path)
    else:
        _MKDOCS["copy_file"](source_path, output_path)


def _file_copy(self, dirty=False):
    content = self._content
    if not _state["on"] or content is None:  # a file of docs/ or the theme: through utils.copy_file
        return _MKDOCS["File.copy_file"](self, dirty)
    outfiles.write(self.abs_dest_path, content.encode("utf-8") if isinstance(content, str) else content)


_OURS = {"clean_directory": _clean_directory, "write_file": _write_file, "copy_file": _copy_file,
         "File.copy_file": _file_copy}


def missing_internals(mkdocs_package=None) -> list[str]:
    """One sentence for each MkDocs internal this hook relies on (the module docstring lists them)
    that the installed MkDocs lacks or has changed; [] when all are as the hook expects.
    ``mkdocs_package`` (a module or its name, e.g. ``"properdocs"``) is checked instead of the
    package this hook's ``mkdocs`` imports resolved to."""
    package = introspect.package_of(mkdocs_package, utils)
    n, label = package.__name__, introspect.label(package)
    mkdocs_utils = introspect.module(package, "utils")
    build = introspect.module(package, "commands.build")
    files = introspect.module(package, "structure.files")
    missing = introspect.Sentences("hooks/output.py", label,
                                   "a build empties the site folder and writes every file anew, as MkDocs does.")
    need = missing.need

    file_class, files_class = getattr(files, "File", None), getattr(files, "Files", None)
    for name, args, where, caller in (("clean_directory", ("directory",), build, "build()"),
                                      ("write_file", ("content", "output_path"), build, f"{n}.commands.build"),
                                      ("copy_file", ("source_path", "output_path"), file_class, "File.copy_file")):
        theirs = _original(mkdocs_utils, name)
        need(theirs and introspect.binds(theirs, *args), f"{n}.utils.{name}({', '.join(args)})",
             "no longer has" if theirs is None else f"has changed (it is now {name}{introspect.signature(theirs)})")
        calls = introspect.calls(where, f"utils.{name}") if where is not None else []
        need(calls and not introspect.calls(where, name), f"{caller} calling {n}.utils.{name} as utils.{name}(...)",
             "no longer does")
        need(all(introspect.accepts(_OURS[name], call) for call in calls),
             f"{caller} calling utils.{name}({', '.join(args)})", "calls with other arguments")
    copy = _original(file_class, "copy_file")
    need(copy and introspect.binds(copy, "file", False), f"{n}.structure.files.File.copy_file(self, dirty=False)")
    calls = introspect.calls(getattr(files_class, "copy_static_files", None), "file.copy_file")
    need(calls and all(introspect.accepts(_file_copy, call, "file") for call in calls),
         f"{n}.structure.files.Files.copy_static_files calling file.copy_file(dirty)", "changed")
    need(hasattr(file_class, "_content") and copy and "_content" in introspect.names(copy),
         f"{n}.structure.files.File._content (a generated file's text or bytes)")
    theme_template = getattr(build, "_build_theme_template", None)
    need(introspect.has_text(theme_template, "sitemap.xml") and introspect.calls(theme_template, "open")
         and introspect.calls(theme_template, "gzip.GzipFile"),
         f"{n}.commands.build._build_theme_template writing sitemap.xml.gz itself, with open()", "changed")
    return missing


def _original(owner, name: str):
    """MkDocs' own ``owner.name``, also once this hook has put its own in its place."""
    value = getattr(owner, name, None)
    return next((_MKDOCS[key] for key, ours in _OURS.items() if value is ours), value)


_MISSING = missing_internals()
if not _MISSING:  # all or none: see the module's docstring
    utils.clean_directory, utils.write_file, utils.copy_file = _clean_directory, _write_file, _copy_file
    File.copy_file = _file_copy


@event_priority(-100)  # last: after every hook that writes into the site
def on_post_build(config):
    if not _state["on"]:
        return
    sitemap = os.path.join(config.site_dir, "sitemap.xml")
    if outfiles.key(sitemap) in outfiles.written:  # MkDocs writes its .gz itself, beside it
        outfiles.written.add(outfiles.key(sitemap + ".gz"))
    outfiles.prune(config.site_dir)
