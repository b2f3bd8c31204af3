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

import ast
import importlib
import inspect
import logging
import os
import sys
import textwrap

from mkdocs import utils
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

from vanban.machine import outfiles

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
    package = _package(mkdocs_package)
    n, label = package.__name__, _label(package)
    mkdocs_utils = _module(package, "utils")
    build = _module(package, "commands.build")
    files = _module(package, "structure.files")
    missing: list[str] = []

    def need(ok, what: str, problem: str = "no longer has") -> None:
        if not ok:
            missing.append(f"hooks/output.py relies on {what}, which the installed {label} {problem}: "
                           "a build empties the site folder and writes every file anew, as MkDocs does.")

    file_class, files_class = getattr(files, "File", None), getattr(files, "Files", None)
    for name, args, where, caller in (("clean_directory", ("directory",), build, "build()"),
                                      ("write_file", ("content", "output_path"), build, f"{n}.commands.build"),
                                      ("copy_file", ("source_path", "output_path"), file_class, "File.copy_file")):
        theirs = _original(mkdocs_utils, name)
        need(theirs and _binds(theirs, *args), f"{n}.utils.{name}({', '.join(args)})",
             "no longer has" if theirs is None else f"has changed (it is now {name}{_signature(theirs)})")
        calls = _calls(where, f"utils.{name}") if where is not None else []
        need(calls and not _calls(where, name), f"{caller} calling {n}.utils.{name} as utils.{name}(...)",
             "no longer does")
        need(all(_accepts(_OURS[name], call) for call in calls),
             f"{caller} calling utils.{name}({', '.join(args)})", "calls with other arguments")
    copy = _original(file_class, "copy_file")
    need(copy and _binds(copy, "file", False), f"{n}.structure.files.File.copy_file(self, dirty=False)")
    calls = _calls(getattr(files_class, "copy_static_files", None), "file.copy_file")
    need(calls and all(_accepts(_file_copy, call, "file") for call in calls),
         f"{n}.structure.files.Files.copy_static_files calling file.copy_file(dirty)", "changed")
    need(hasattr(file_class, "_content") and copy and "_content" in _names(copy),
         f"{n}.structure.files.File._content (a generated file's text or bytes)")
    theme_template = getattr(build, "_build_theme_template", None)
    need(_has_text(theme_template, "sitemap.xml") and _calls(theme_template, "open")
         and _calls(theme_template, "gzip.GzipFile"),
         f"{n}.commands.build._build_theme_template writing sitemap.xml.gz itself, with open()", "changed")
    return missing


def _original(owner, name: str):
    """MkDocs' own ``owner.name``, also once this hook has put its own in its place."""
    value = getattr(owner, name, None)
    return next((_MKDOCS[key] for key, ours in _OURS.items() if value is ours), value)


# -- reading MkDocs' code, for missing_internals (each hook has its own: hooks/ is no package) --

def _package(mkdocs_package):
    """The package to check: the one this hook's ``mkdocs`` imports resolved to (ProperDocs
    redirects them to itself) unless one, or its name, is given."""
    if mkdocs_package is None:
        return sys.modules[utils.__name__.partition(".")[0]]
    return importlib.import_module(mkdocs_package) if isinstance(mkdocs_package, str) else mkdocs_package


def _label(package) -> str:
    name = {"mkdocs": "MkDocs", "properdocs": "ProperDocs"}.get(package.__name__, package.__name__)
    return f"{name} {getattr(package, '__version__', '')}".strip()


def _module(package, name: str):
    try:
        return importlib.import_module(f"{package.__name__}.{name}")
    except ImportError:
        return None


_trees: dict = {}


def _tree(obj):
    """The syntax tree of ``obj``'s source (a function, class or module), or None."""
    key = id(obj)
    if key not in _trees:
        try:
            _trees[key] = (obj, ast.parse(textwrap.dedent(inspect.getsource(obj))))
        except (OSError, TypeError, SyntaxError):
            _trees[key] = (obj, None)
    return _trees[key][1]


def _calls(obj, name: str) -> list[ast.Call]:
    """The calls in ``obj``'s source to ``name`` as written there (``"utils.write_file"``)."""
    tree = _tree(obj)
    return [] if tree is None else [node for node in ast.walk(tree)
                                    if isinstance(node, ast.Call) and ast.unparse(node.func) == name]


def _names(obj) -> set[str]:
    tree = _tree(obj)
    return set() if tree is None else {node.attr for node in ast.walk(tree) if isinstance(node, ast.Attribute)}


def _has_text(obj, text: str) -> bool:
    tree = _tree(obj) if obj is not None else None
    return tree is not None and any(isinstance(node, ast.Constant) and isinstance(node.value, str)
                                    and text in node.value for node in ast.walk(tree))


def _binds(func, *args, **kwargs) -> bool:
    try:
        inspect.signature(func).bind(*args, **kwargs)
        return True
    except (TypeError, ValueError):  # not callable, no signature, or other parameters
        return False


def _accepts(func, call: ast.Call, *before) -> bool:
    """Whether ``func`` takes the arguments of ``call`` as written (after ``before``, e.g. self)."""
    return _binds(func, *before, *call.args, **{k.arg: k.value for k in call.keywords if k.arg})


def _signature(func) -> str:
    try:
        return str(inspect.signature(func))
    except (TypeError, ValueError):
        return "(?)"


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
