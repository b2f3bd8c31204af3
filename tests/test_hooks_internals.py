"""The hooks stay adapters: each says which MkDocs internals it relies on (its docstring) and checks
them (``missing_internals()``). Here the check must find them all in the installed MkDocs and in
ProperDocs, the fork that keeps hooks, and must name one that is gone or changed; a build without it
says so in an INFO line (a WARNING would fail --strict) and takes MkDocs' own, slower way."""

import importlib.util
import json
import logging
import subprocess
import sys
from pathlib import Path

import markdown
import mkdocs
import mkdocs.commands.build
import mkdocs.structure.pages
import mkdocs.utils
import properdocs
import pytest
from mkdocs.structure.files import File

from conftest import ROOT

HOOKS = ["parallel", "output", "one_markdown"]  # hooks/archive.py uses MkDocs' documented events only
MKDOCS = f"MkDocs {mkdocs.__version__}"


@pytest.fixture
def load(monkeypatch):
    """Load a hook from its path as MkDocs does (its folder first on sys.path while it runs); what
    a hook puts in MkDocs' place is put back after the test."""
    for owner, name in ((mkdocs.utils, "clean_directory"), (mkdocs.utils, "write_file"), (mkdocs.utils, "copy_file"),
                        (File, "copy_file"), (mkdocs.structure.pages, "markdown")):
        monkeypatch.setattr(owner, name, getattr(owner, name))

    def load(hook: str):
        path = ROOT / "hooks" / f"{hook}.py"
        spec = importlib.util.spec_from_file_location(f"hooks/{hook}.py", path)
        module = importlib.util.module_from_spec(spec)
        sys.path.insert(0, str(path.parent))
        try:
            spec.loader.exec_module(module)
        finally:
            sys.path.remove(str(path.parent))
        return module

    return load


@pytest.mark.parametrize("hook", HOOKS)
def test_each_hook_finds_in_the_installed_mkdocs_every_internal_it_relies_on(load, hook):
    missing = load(hook).missing_internals()
    assert missing == [], "\n".join(missing)


@pytest.mark.parametrize("hook", HOOKS)
def test_each_hook_finds_them_in_properdocs_too(load, hook):
    missing = load(hook).missing_internals(properdocs)
    assert missing == [], "\n".join(missing)


AS_PROPERDOCS = """
import importlib.util, json, os, sys
import properdocs.replacement  # what `properdocs` imports first: from here on mkdocs.* is properdocs.*
path = sys.argv[1]
spec = importlib.util.spec_from_file_location(path, path)
module = importlib.util.module_from_spec(spec)
sys.path.insert(0, os.path.dirname(path))
spec.loader.exec_module(module)
print(json.dumps({"mkdocs": sys.modules["mkdocs"].__name__, "missing": module.missing_internals()}))
"""


@pytest.mark.parametrize("hook", HOOKS)
def test_under_properdocs_a_hook_that_imports_mkdocs_gets_properdocs_and_finds_all_it_needs(hook):
    """ProperDocs keeps no module named mkdocs: `properdocs build` redirects every ``mkdocs.*``
    import to ``properdocs.*`` (properdocs/replacement.py), so the hooks, unchanged, adapt to it."""
    result = subprocess.run([sys.executable, "-c", AS_PROPERDOCS, str(ROOT / "hooks" / f"{hook}.py")],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.splitlines()[-1])
    assert seen["mkdocs"] == "properdocs"
    assert seen["missing"] == [], "\n".join(seen["missing"])


def _build_page_of_another_signature(page, config):
    pass


def _render_with_other_arguments(self, config, files):
    md = markdown.Markdown(extensions=config["markdown_extensions"], tab_length=2)
    self.content = md.convert(self.markdown)


BROKEN = [
    ("parallel", mkdocs.commands.build, "_build_page", None,
     "hooks/parallel.py relies on mkdocs.commands.build._build_page(page, config, doc_files, nav, env, excluded=...), "
     f"which the installed {MKDOCS} no longer has: a build renders on one core."),
    ("parallel", mkdocs.commands.build, "_build_page", _build_page_of_another_signature,
     f"which the installed {MKDOCS} has changed (it is now _build_page(page, config)): a build renders on one core."),
    ("output", mkdocs.utils, "write_file", lambda content: None,
     f"hooks/output.py relies on mkdocs.utils.write_file(content, output_path), which the installed {MKDOCS} has "
     "changed (it is now write_file(content)): a build empties the site folder and writes every file anew"),
    ("output", File, "_content", None, "mkdocs.structure.files.File._content (a generated file's text or bytes)"),
    ("one_markdown", mkdocs.structure.pages, "markdown", None,
     "hooks/one_markdown.py relies on the module global mkdocs.structure.pages.markdown"),
    ("one_markdown", mkdocs.structure.pages.Page, "render", _render_with_other_arguments,
     "calls differently (markdown.Markdown(extensions=config['markdown_extensions'], tab_length=2)): "
     "a build makes a new Markdown instance for each page, as MkDocs does."),
]
IDS = [f"{hook}: {name} {'gone' if new is None else 'changed'}" for hook, _, name, new, _ in BROKEN]


def _break(monkeypatch, owner, name, new):
    if new is None:
        monkeypatch.delattr(owner, name)
    else:
        monkeypatch.setattr(owner, name, new)


@pytest.mark.parametrize("hook, owner, name, new, sentence", BROKEN, ids=IDS)
def test_the_check_names_an_internal_that_is_gone_or_changed(load, monkeypatch, hook, owner, name, new, sentence):
    module = load(hook)
    _break(monkeypatch, owner, name, new)
    missing = module.missing_internals()
    assert [s for s in missing if sentence in s], "\n".join(missing)


def test_parallel_without_its_internals_says_so_and_builds_on_one_core(load, monkeypatch, caplog):
    parallel = load("parallel")
    monkeypatch.delenv("VANBAN_ONE_CORE", raising=False)
    monkeypatch.delattr(mkdocs.commands.build, "_build_page")
    with caplog.at_level(logging.INFO, logger="mkdocs.hooks.vanban.parallel"):
        parallel.on_startup("build", False)
    assert parallel._state["on"] is False
    assert [r.levelname for r in caplog.records] == ["INFO"]
    assert "_build_page" in caplog.records[0].getMessage()


def test_output_without_its_internals_replaces_none_of_them_and_says_so(load, monkeypatch, caplog):
    """Writing over the site with some of MkDocs' writes and not others could write into a live
    site's file: all or none."""
    monkeypatch.delenv("VANBAN_CLEAN", raising=False)
    monkeypatch.setattr(mkdocs.utils, "write_file", lambda content: None)
    theirs = (mkdocs.utils.clean_directory, mkdocs.utils.copy_file, File.copy_file)
    output = load("output")
    assert (mkdocs.utils.clean_directory, mkdocs.utils.copy_file, File.copy_file) == theirs
    with caplog.at_level(logging.INFO, logger="mkdocs.hooks.vanban.output"):
        output.on_startup("build", False)
    assert output._state["on"] is False
    assert [r.levelname for r in caplog.records] == ["INFO"]
    assert "mkdocs.utils.write_file" in caplog.records[0].getMessage()


def test_one_markdown_without_its_internals_leaves_mkdocs_its_markdown_and_says_so(load, monkeypatch, caplog):
    monkeypatch.delenv("VANBAN_CLEAN", raising=False)
    one_markdown = load("one_markdown")
    one_markdown.on_startup("build", False)
    assert mkdocs.structure.pages.markdown is not markdown  # the instance is reused

    monkeypatch.setattr(mkdocs.structure.pages.Page, "render", _render_with_other_arguments)
    with caplog.at_level(logging.INFO, logger="mkdocs.hooks.vanban.one_markdown"):
        one_markdown.on_startup("build", False)
    assert mkdocs.structure.pages.markdown is markdown
    assert [r.levelname for r in caplog.records] == ["INFO"]
    assert "markdown.Markdown" in caplog.records[0].getMessage()


def test_each_hook_says_in_its_docstring_which_internals_it_relies_on(load):
    for hook in HOOKS:
        assert "Relies on these MkDocs internals" in load(hook).__doc__, f"hooks/{hook}.py"
