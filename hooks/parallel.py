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
than one core, in a process without other threads, with the MkDocs build functions this was
written for; ``VANBAN_ONE_CORE=1`` turns it off.
"""

from __future__ import annotations

import logging
import multiprocessing
import os

import jinja2
from mkdocs.commands import build as mkdocs_build
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import InclusionLevel
from mkdocs.structure.pages import Page

from vanban.machine import outfiles
from vanban.machine.twocores import Claims, can_fork, fork

log = logging.getLogger("mkdocs.hooks.vanban.parallel")
MIN_PAGES = int(os.environ.get("VANBAN_PARALLEL_MIN", 200))
_SKIP = "vanban-built-by-the-other-process.html"  # an empty template: MkDocs writes nothing
_MAIN, _COPY = Claims.MAIN, Claims.COPY
_state: dict = {}


def on_startup(command, dirty):
    _state["on"] = (command == "build" and not dirty and os.environ.get("VANBAN_ONE_CORE") != "1"
                    and all(hasattr(mkdocs_build, f) for f in ("_build_page", "get_context")))


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
        logger = logging.getLogger("mkdocs")
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
        logging.getLogger("mkdocs.commands.build").addFilter(_NotSkipped())
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
