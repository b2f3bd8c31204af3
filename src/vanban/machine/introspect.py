"""Reading another package's code, for the hooks' checks of the MkDocs internals they rely on
(``missing_internals()`` in ``hooks/parallel.py``, ``output.py`` and ``one_markdown.py``).

Nothing here imports MkDocs: each hook passes the package its own ``mkdocs`` resolved to
(ProperDocs redirects ``mkdocs`` imports to itself), or a name, and these functions read that
package's source with ``inspect`` and ``ast``: which calls a function makes, with which
arguments, and whether a function takes the arguments a hook gives it.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import sys
import textwrap


class Sentences(list):
    """What ``missing_internals()`` returns: one sentence per internal the installed package lacks
    or has changed, each saying what the hook then does instead (``consequence``)."""

    def __init__(self, hook: str, label: str, consequence: str):
        super().__init__()
        self.hook, self.label, self.consequence = hook, label, consequence

    def need(self, ok, what: str, problem: str = "no longer has") -> None:
        """Adds the sentence for ``what`` unless ``ok``."""
        if not ok:
            self.append(f"{self.hook} relies on {what}, which the installed {self.label} {problem}: {self.consequence}")


def package_of(given, used) -> object:
    """The package to check: ``given`` (a module or its name) or, when None, the top package of
    the module ``used`` (what the hook's import resolved to)."""
    if given is None:
        return sys.modules[used.__name__.partition(".")[0]]
    return importlib.import_module(given) if isinstance(given, str) else given


def label(package) -> str:
    """"MkDocs 1.6.1", "ProperDocs 1.6.7": how a sentence names the package."""
    name = {"mkdocs": "MkDocs", "properdocs": "ProperDocs"}.get(package.__name__, package.__name__)
    return f"{name} {getattr(package, '__version__', '')}".strip()


def module(package, name: str):
    """``package.name`` imported, or None."""
    try:
        return importlib.import_module(f"{package.__name__}.{name}")
    except ImportError:
        return None


_trees: dict = {}


def tree(obj):
    """The syntax tree of ``obj``'s source (a function, class or module), or None."""
    key = id(obj)
    if key not in _trees:
        try:
            _trees[key] = (obj, ast.parse(textwrap.dedent(inspect.getsource(obj))))
        except (OSError, TypeError, SyntaxError):
            _trees[key] = (obj, None)
    return _trees[key][1]


def calls(obj, name: str | None) -> list[ast.Call]:
    """The calls in ``obj``'s source to ``name`` as written there ("utils.write_file"); every call
    without a name."""
    found = tree(obj) if obj is not None else None
    return [] if found is None else [node for node in ast.walk(found) if isinstance(node, ast.Call)
                                     and (name is None or ast.unparse(node.func) == name)]


def first_line(obj, name: str) -> int | None:
    """The line, in ``obj``'s source, of its first call to ``name``."""
    lines = [c.lineno for c in calls(obj, name)]
    return min(lines) if lines else None


def names(obj) -> set[str]:
    """Every attribute name ``obj``'s source reads or writes."""
    found = tree(obj) if obj is not None else None
    return set() if found is None else {node.attr for node in ast.walk(found) if isinstance(node, ast.Attribute)}


def assigned_to_self(obj) -> set[str]:
    """The attributes ``obj``'s source sets on ``self``."""
    found = tree(obj) if obj is not None else None
    return set() if found is None else {
        node.attr for node in ast.walk(found) if isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store)
        and isinstance(node.value, ast.Name) and node.value.id == "self"}


def has_text(obj, text: str) -> bool:
    """Whether a string constant of ``obj``'s source holds ``text``."""
    found = tree(obj) if obj is not None else None
    return found is not None and any(isinstance(node, ast.Constant) and isinstance(node.value, str)
                                     and text in node.value for node in ast.walk(found))


def binds(func, *args, **kwargs) -> bool:
    """Whether ``func`` takes these arguments."""
    try:
        inspect.signature(func).bind(*args, **kwargs)
        return True
    except (TypeError, ValueError):  # not callable, no signature, or other parameters
        return False


def accepts(func, call: ast.Call, *before) -> bool:
    """Whether ``func`` takes the arguments of ``call`` as written (after ``before``, e.g. self)."""
    return binds(func, *before, *call.args, **{k.arg: k.value for k in call.keywords if k.arg})


def signature(func) -> str:
    try:
        return str(inspect.signature(func))
    except (TypeError, ValueError):
        return "(?)"
