"""The layout of the package, as the maintainers' map (docs/maintainers.md) draws it: one concern
per subpackage, imports going one way from the tools down to the text, small steps. A newcomer
finds a thing from the folder names; these tests keep it so."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "vanban"
# Lower layers first: a module may import its own subpackage and the layers below it, never above.
LAYERS = ("model", "steps", "lang", "reading", "archive", "site", "search", "machine", "tools")
MAX_TOP_MODULES = 15
MAX_FUNCTION_LINES = 100


def _modules() -> dict[str, Path]:
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


MODULES = _modules()


def _type_checking(tree: ast.Module) -> set[ast.AST]:
    """The imports under ``if TYPE_CHECKING:``: names for annotations, never run."""
    return {n for node in ast.walk(tree) if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING"
            for n in ast.walk(node)}


def _imports(name: str, path: Path) -> set[str]:
    """The vanban modules a module imports, anywhere in it (at call time too), but for annotations."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found, typing_only = set(), _type_checking(tree)
    for node in ast.walk(tree):
        if node in typing_only:
            continue
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("vanban"))
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                up = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(up + ([node.module] if node.module else []))
            if not base.startswith("vanban"):
                continue
            for a in node.names:  # "from vanban.site import urls" imports the module vanban.site.urls
                found.add(f"{base}.{a.name}" if f"{base}.{a.name}" in MODULES else base)
    return {m for m in found if m in MODULES and m != name}


GRAPH = {name: _imports(name, path) for name, path in MODULES.items()}


def _layer(module: str) -> str:
    return module.split(".")[1] if module.count(".") else ""


def test_at_most_fifteen_modules_stand_directly_under_the_package():
    top = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert len(top) <= MAX_TOP_MODULES, top
    assert all(_layer(m) in LAYERS for m in MODULES if m != "vanban"), sorted(
        m for m in MODULES if m != "vanban" and _layer(m) not in LAYERS)


@pytest.mark.parametrize("package", [p.name for p in sorted(PACKAGE.iterdir()) if (p / "__init__.py").exists()])
def test_each_subpackage_says_what_it_owns_and_what_it_may_import(package):
    doc = ast.get_docstring(ast.parse((PACKAGE / package / "__init__.py").read_text(encoding="utf-8")))
    assert doc and len(doc) > 150, f"vanban.{package} has no docstring saying what it owns"
    assert "import" in doc.lower(), f"vanban.{package}'s docstring does not say what it may import"


def test_imports_go_one_way_from_the_tools_down_to_the_text():
    wrong = []
    for module, imported in GRAPH.items():
        if module == "vanban":
            continue
        mine = LAYERS.index(_layer(module))
        for other in imported:
            theirs = _layer(other)
            if theirs and theirs != _layer(module) and LAYERS.index(theirs) > mine:
                wrong.append(f"{module} imports {other}, a layer above it")
    assert not wrong, "\n".join(wrong)


def test_no_module_imports_mkdocs():
    """The hooks adapt vanban to MkDocs; the package itself runs without it (vanban check)."""
    users = []
    for name, path in MODULES.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                names = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
                if any(n.split(".")[0] in ("mkdocs", "properdocs", "material") for n in names):
                    users.append(name)
    assert not users, users


def test_there_is_no_import_cycle():
    cycles, state = [], {}

    def visit(module, trail):
        state[module] = "open"
        for other in sorted(GRAPH[module]):
            if state.get(other) == "open":
                cycles.append(" -> ".join(trail[trail.index(other):] + [other]))
            elif other not in state:
                visit(other, trail + [other])
        state[module] = "done"

    for module in sorted(GRAPH):
        if module not in state:
            visit(module, [module])
    assert not cycles, "\n".join(cycles)


def test_no_function_is_longer_than_a_hundred_lines():
    long = []
    for name, path in MODULES.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                lines = node.end_lineno - node.lineno + 1
                if lines > MAX_FUNCTION_LINES:
                    long.append(f"{name}.{node.name}: {lines} lines")
    assert not long, "\n".join(long)


def test_the_layout_test_sees_the_package():
    """The checks above read the real tree: the known modules and edges are there."""
    assert {"vanban.lang.text", "vanban.reading.notice", "vanban.archive.facets", "vanban.machine.steps"} <= set(MODULES)
    assert "vanban.archive.facets" in GRAPH["vanban.site.urls"]
    assert "vanban.machine.twocores" in GRAPH["vanban.machine.steps"]
