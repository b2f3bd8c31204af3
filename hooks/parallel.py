"""MkDocs renders one page at a time; this hook lends a large ``mkdocs build`` the second core.

MkDocs first reads every page (Markdown to HTML), then writes every page (templates). At the start
of each of the two loops the build forks: the copy takes pages from the end of the list while
MkDocs goes on from the start, each claiming a page before working on it, so they meet where the
work balances. A page the copy read comes back through a pipe (HTML, toc, title, anchors, log
records) and MkDocs goes on with it as if it had rendered it. A page the copy wrote is skipped by
MkDocs (an empty template). The site is the same bytes either way (``tests/test_parallel.py``).

The ``on_page_content`` hooks of a page the copy reads run in both processes, and the page says
where: ``page.vb_copy`` is "reading" in the copy and "read" in MkDocs' process, where they run
again on the copy's result, in the pages' order. A hook does its work once, in the copy when it
can (the copy's work is not MkDocs' to wait for), in MkDocs' process when it needs what other
pages left there.

Only for ``mkdocs build`` of at least ``MIN_PAGES`` pages (``VANBAN_PARALLEL_MIN`` if set) on more
than one core, in a process without other threads, with the MkDocs internals below;
``VANBAN_ONE_CORE=1`` turns it off.

Relies on these MkDocs internals (``missing_internals()`` checks them; when one is missing or
changed, a build says so in one INFO line each and renders on one core): ``build()`` reads every
page with ``mkdocs.commands.build._populate_page`` between the ``on_nav`` and ``on_env`` events,
then writes every page with ``_build_page``; ``_populate_page`` runs ``on_pre_page``,
``page.read_source(config)``, ``on_page_markdown``, ``page.render(config, files)`` and
``on_page_content`` and sets ``config._current_page`` (the copy does the same in ``_read``; a page
the copy read gets its own ``read_source`` and ``render`` on the instance); ``Page.render`` sets
``content``, ``toc``, ``_title_from_render``, ``present_anchor_ids`` and ``links_to_anchors``,
which the copy sends back; ``Page(None, file, config)`` for a page outside the nav; the copy calls
``_build_page(page, config, doc_files, nav, env, excluded=...)``, which picks the template from
``page.meta["template"]`` and writes nothing for an empty output, logging "Generated empty output"
(filtered out here); MkDocs logs through ``mkdocs.commands.build.log``, under the logger named after
its package (ProperDocs: "properdocs"), which the copy captures along with "mkdocs" (the hooks');
``Files.documentation_pages(inclusion=...)`` and ``InclusionLevel.is_included``.
"""

from __future__ import annotations

import ast
import logging
import multiprocessing
import os

import jinja2
from mkdocs.commands import build as mkdocs_build
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import InclusionLevel
from mkdocs.structure.pages import Page

from vanban.machine import introspect, outfiles
from vanban.machine.twocores import Claims, can_fork, fork

log = logging.getLogger("mkdocs.hooks.vanban.parallel")
MIN_PAGES = int(os.environ.get("VANBAN_PARALLEL_MIN", 200))
_SKIP = "vanban-built-by-the-other-process.html"  # an empty template: MkDocs writes nothing
_MAIN, _COPY = Claims.MAIN, Claims.COPY
_state: dict = {}


def on_startup(command, dirty):
    _state["on"] = command == "build" and not dirty and os.environ.get("VANBAN_ONE_CORE") != "1"
    if _state["on"]:
        missing = missing_internals()
        for sentence in missing:  # INFO: a WARNING would fail --strict, and the build goes on
            log.info(sentence)
        _state["on"] = not missing


def missing_internals(mkdocs_package=None) -> list[str]:
    """One sentence for each MkDocs internal this hook relies on (the module docstring lists them)
    that the installed MkDocs lacks or has changed; [] when all are as the hook expects.
    ``mkdocs_package`` (a module or its name, e.g. ``"properdocs"``) is checked instead of the
    package this hook's ``mkdocs`` imports resolved to."""
    package = introspect.package_of(mkdocs_package, mkdocs_build)
    n, label = package.__name__, introspect.label(package)
    build = introspect.module(package, "commands.build")
    pages = introspect.module(package, "structure.pages")
    files = introspect.module(package, "structure.files")
    missing = introspect.Sentences("hooks/parallel.py", label,
                                   "a build renders on one core.")
    need = missing.need

    populate, build_page = getattr(build, "_populate_page", None), getattr(build, "_build_page", None)
    need(populate, f"{n}.commands.build._populate_page(page, config, files, dirty)")
    if populate:
        events = {c.func.attr for c in introspect.calls(populate, None) if ast.unparse(c.func).startswith("config.plugins.on_")}
        need(events == {"on_pre_page", "on_page_markdown", "on_page_content"},
             f"{n}.commands.build._populate_page running on_pre_page, on_page_markdown and on_page_content "
             "(the copy runs those)", f"changed (it runs {', '.join(sorted(events)) or 'no event'})")
        need(introspect.calls(populate, "page.read_source") and introspect.calls(populate, "page.render")
             and "_current_page" in introspect.names(populate),
             f"{n}.commands.build._populate_page calling page.read_source(config) and page.render(config, "
             "files) on the page and setting config._current_page", "changed")
    need(build_page, f"{n}.commands.build._build_page(page, config, doc_files, nav, env, excluded=...)")
    if build_page:
        need(introspect.binds(build_page, "page", "config", "doc_files", "nav", "env", excluded=False),
             f"{n}.commands.build._build_page(page, config, doc_files, nav, env, excluded=...)",
             f"has changed (it is now _build_page{introspect.signature(build_page)})")
        need(any(c.args and ast.unparse(c.args[0]) == "'template'" for c in introspect.calls(build_page, "page.meta.get")),
             f"{n}.commands.build._build_page taking the template from page.meta['template']", "changed")
        need(introspect.has_text(build_page, "Generated empty output"),
             f"{n}.commands.build._build_page writing nothing for an empty output and logging "
             "'Generated empty output'", "changed")
    order = [introspect.first_line(getattr(build, "build", None), name) for name in
             ("config.plugins.on_nav", "_populate_page", "config.plugins.on_env", "_build_page")]
    need(None not in order and order == sorted(order),
         f"{n}.commands.build.build() reading every page (_populate_page) between on_nav and on_env, "
         "then writing every page (_build_page)", "changed")
    need(isinstance(getattr(build, "log", None), logging.Logger), f"the logger {n}.commands.build.log")
    page_class = getattr(pages, "Page", None)
    need(page_class and introspect.binds(page_class, None, "file", "config"), f"{n}.structure.pages.Page(title, file, config)")
    need(page_class and introspect.binds(getattr(page_class, "read_source", None), "page", "config"),
         f"{n}.structure.pages.Page.read_source(config)")
    render = getattr(page_class, "render", None)
    need(render and introspect.binds(render, "page", "config", "files"), f"{n}.structure.pages.Page.render(config, files)")
    if render:
        sent = {"content", "toc", "_title_from_render", "present_anchor_ids", "links_to_anchors"}
        kept = introspect.assigned_to_self(render)
        need(kept == sent, f"{n}.structure.pages.Page.render setting {', '.join(sorted(sent))} "
             "(what the copy sends back)", f"changed (it sets {', '.join(sorted(kept)) or 'nothing'})")
    files_class, level = getattr(files, "Files", None), getattr(files, "InclusionLevel", None)
    need(files_class and introspect.binds(getattr(files_class, "documentation_pages", None), "files", inclusion=None)
         and hasattr(level, "is_included"),
         f"{n}.structure.files.Files.documentation_pages(inclusion=InclusionLevel.is_included)")
    return missing


def on_config(config):
    for key in ("reading", "writing", "read by the copy"):
        _state.pop(key, None)
    return config


class _Loop:
    """One of MkDocs' two loops over the pages, shared with a forked copy of the build."""

    def __init__(self, files, work):
        self.files = list(files)
        self.index = {f.src_uri: i for i, f in enumerate(self.files)}
        self.claims = Claims(len(self.files))
        self.reader, writer = multiprocessing.get_context("fork").Pipe(duplex=False)
        self.pid = fork()
        if self.pid == 0:
            self.reader.close()
            _run_copy(self, work, writer)
        writer.close()
        self.results: dict[int, dict] = {}

    def mine(self, file) -> bool:
        i = self.index.get(file.src_uri)
        return i is None or self.claims.claim(i, _MAIN)

    def receive(self, until: int | None = None) -> None:
        """Take what the copy has sent; with ``until``, wait for that page (or the copy's end)."""
        while -1 not in self.results and (until is not None and until not in self.results
                                          or self.reader.poll()):
            try:
                i, result = self.reader.recv()
            except EOFError:  # the copy ended without its last message
                self.results[-1] = {"error": "tiến trình phụ dừng giữa chừng"}
                break
            self.results[i] = result
        if until is not None and until not in self.results:
            self.results[until] = {"error": "tiến trình phụ dừng trước trang này"}

    def finish(self) -> int:
        """Wait for the copy to end; show what it logged, raise what went wrong there. Returns
        how many pages it took."""
        self.receive(until=-1)  # -1: the copy's last message
        os.waitpid(self.pid, 0)
        end = self.results.pop(-1)
        _replay(end.get("logs", []))
        outfiles.written.update(end.get("written", ()))  # the files it wrote, kept by hooks/output.py
        failed = [(i, r["error"]) for i, r in sorted(self.results.items()) if "error" in r]
        if "error" in end or failed:
            i, error = failed[0] if failed else (None, end["error"])
            where = f" trang '{self.files[i].src_uri}'" if i is not None else ""
            raise PluginError(f"Lỗi nội bộ khi dựng song song{where}: {error}")
        return sum(1 for owner in self.claims.owners if owner == _COPY)


def _run_copy(loop: _Loop, work, pipe) -> None:
    """The forked copy: claim pages from the end, do ``work`` on each, send the results; then
    leave without running this process' exit handlers (they belong to MkDocs' process)."""
    status = 0
    try:
        captured = _Capture()
        # MkDocs' loggers are under its package's name ("properdocs" for ProperDocs), the hooks' under
        # "mkdocs": every record of the copy goes to MkDocs' process, which shows and counts it.
        for name in {"mkdocs", mkdocs_build.log.name.partition(".")[0]}:
            logger = logging.getLogger(name)
            logger.handlers, logger.propagate = [captured], False
        _state["in_copy"] = True
        for i in range(len(loop.files) - 1, -1, -1):
            if not loop.claims.claim(i, _COPY):
                continue
            try:
                result = work(loop.files[i]) or {}
            except Exception as e:
                result = {"error": f"{type(e).__name__}: {e}"}
            result["logs"] = captured.take()
            pipe.send((i, result))
            if "error" in result:
                break
        pipe.send((-1, {"logs": captured.take(), "written": sorted(outfiles.written)}))
    except BaseException as e:  # the pipe itself failed: MkDocs' process reports the copy's end
        status = 1
        try:
            pipe.send((-1, {"error": f"{type(e).__name__}: {e}"}))
        except BaseException:
            pass
    finally:
        pipe.close()
        os._exit(status)


class _Capture(logging.Handler):
    def __init__(self):
        super().__init__()
        self.records = []

    def emit(self, record):
        record.msg, record.args, record.exc_info = record.getMessage(), None, None  # picklable
        self.records.append(record)

    def take(self) -> list:
        records, self.records = self.records, []
        return records


def _replay(records) -> None:
    for record in records:
        logging.getLogger(record.name).handle(record)


# -- the first loop: reading (Markdown to HTML) --

@event_priority(-100)  # last: every page object of the nav exists
def on_nav(nav, config, files):
    _state["nav"] = nav
    pages = files.documentation_pages(inclusion=InclusionLevel.is_included)
    if _state.get("on") and len(pages) >= MIN_PAGES and can_fork():
        _state["reading"] = _Loop(pages, lambda f: _read(f, config, files))
    return nav


def _read(file, config, files) -> dict:
    """What MkDocs' reading of one page gives (``_populate_page``)."""
    if file.page is None:
        Page(None, file, config)  # as MkDocs does for a page that is not in the nav
    page = file.page
    config._current_page = page
    page = config.plugins.on_pre_page(page, config=config, files=files)
    page.read_source(config)
    page.markdown = config.plugins.on_page_markdown(page.markdown, page=page, config=config, files=files)
    page.render(config, files)
    page.vb_copy = "reading"
    page.content = config.plugins.on_page_content(page.content, page=page, config=config, files=files)
    links = {f.src_uri: anchors for f, anchors in (page.links_to_anchors or {}).items()}
    return {"markdown": page.markdown, "content": page.content, "toc": page.toc,
            "title": page._title_from_render, "anchors": page.present_anchor_ids,
            "links": links if page.links_to_anchors is not None else None}


@event_priority(100)
def on_pre_page(page, config, files):
    loop = _state.get("reading")
    if loop and not _state.get("in_copy"):
        loop.receive()  # keep the pipe flowing
        if not loop.mine(page.file):
            _use_copy(page, loop, loop.index[page.file.src_uri], files)
    return page


def _use_copy(page, loop: _Loop, i: int, files) -> None:
    """MkDocs reads this page as usual (its front matter), every hook's ``on_page_markdown`` sees it
    empty (they ran in the copy, on its text), and its rendering is the copy's, which its
    ``on_page_content`` hooks see as read elsewhere (``vb_copy``)."""
    def read_source(config):
        Page.read_source(page, config)
        page.markdown = ""

    def render(config, files_):
        loop.receive(until=i)
        result = loop.results.pop(i)
        _replay(result.get("logs", []))
        if "error" in result:
            raise PluginError(f"Lỗi nội bộ khi đọc trang '{page.file.src_uri}': {result['error']}")
        page.markdown, page.content, page.toc = result["markdown"], result["content"], result["toc"]
        page._title_from_render, page.present_anchor_ids = result["title"], result["anchors"]
        page.vb_copy = "read"
        if result["links"] is not None:
            page.links_to_anchors = {files.get_file_from_path(uri): a for uri, a in result["links"].items()}

    page.read_source, page.render = read_source, render


# -- the second loop: writing (templates) --

@event_priority(-100)  # last: the environment as every other hook left it
def on_env(env, config, files):
    loop = _state.pop("reading", None)
    if loop:
        _state["read by the copy"] = loop.finish()
    pages = files.documentation_pages(inclusion=InclusionLevel.is_included)
    if _state.get("on") and len(pages) >= MIN_PAGES and can_fork():
        env.loader = jinja2.ChoiceLoader([jinja2.DictLoader({_SKIP: ""}), env.loader])
        mkdocs_build.log.addFilter(_NotSkipped())  # "mkdocs.commands.build", or ProperDocs' own
        nav = _state["nav"]
        loop = _state["writing"] = _Loop(
            pages, lambda f: mkdocs_build._build_page(f.page, config, pages, nav, env,
                                                      excluded=f.inclusion.is_excluded()))
        _claim_next(loop, -1)
    return env


def _claim_next(loop: _Loop, i: int) -> None:
    """MkDocs picks a page's template before any hook sees it: claim the next page now."""
    if i + 1 < len(loop.files):
        file = loop.files[i + 1]
        if not loop.mine(file):
            file.page.meta = {**file.page.meta, "template": _SKIP}


@event_priority(100)
def on_page_context(context, page, config, nav):
    """A page the other process writes gets an empty template; hooks may skip their work on it."""
    if _state.get("writing") and page.meta.get("template") == _SKIP:
        context["vb_written_elsewhere"] = True
    return context


class _NotSkipped(logging.Filter):
    """MkDocs notes each page it wrote empty: here, the pages the other process wrote."""

    def filter(self, record):
        return not ("Generated empty output" in record.getMessage() and _state.get("writing"))


@event_priority(-100)
def on_post_page(output, page, config):
    loop = _state.get("writing")
    if loop and not _state.get("in_copy"):
        loop.receive()
        i = loop.index.get(page.file.src_uri)
        if i is not None:
            _claim_next(loop, i)
    return output


@event_priority(100)  # first: the pages are all written before any other hook looks at the site
def on_post_build(config):
    loop = _state.pop("writing", None)
    if loop:
        loop.receive(until=-1)
        for _, result in sorted(loop.results.items()):
            _replay(result.pop("logs", []))
        written = loop.finish()
        log.debug(f"Dựng song song: tiến trình phụ đọc {_state.get('read by the copy', 0)} trang, "
                  f"ghi {written} trang.")
