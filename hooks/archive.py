"""MkDocs hooks: thin glue between MkDocs events and the ``vanban`` package.

MkDocs loads this module once per ``mkdocs serve``, so nothing survives a rebuild
except through ``_build``, which ``on_config`` replaces every time.

Relies on these MkDocs internals (not checked at startup, unlike the other hooks):
``build()`` empties the site folder (``utils.clean_directory``) before ``on_files``, where the
search bundle is told where to write; ``Page()`` dates a page by ``SOURCE_DATE_EPOCH`` (set in
``on_config``) unless its ``update_date`` is set, as ``on_env`` does for every notice page, and
``utils.get_build_timestamp`` dates ``sitemap.xml.gz`` by the newest ``update_date``; under
``serve --dirty``, ``_populate_page``, ``_build_page`` and ``File.copy_file`` skip a file whose
``is_modified()`` is false, which ``_skip_unchanged`` replaces on each ``File`` instance, and a
page's ``file.abs_dest_path`` is its folder's ``index.html`` (a deleted page's folder is removed);
``config.theme.dirs`` lists ``custom_dir`` first, then the theme (``theme/…`` names
``dirs[1:]``); MkDocs warns of a dirty build through ``mkdocs.commands.build``'s logger, with
"'dirty' build" in the message (``_NotDirtyWarning`` filters it on that logger itself, which
ProperDocs names ``properdocs.commands.build``).
"""

from __future__ import annotations

import calendar
import gc
import hashlib
import json
import logging
import os
import resource
import shutil
import threading
import time
from pathlib import Path

import jinja2
from mkdocs.commands import build as mkdocs_build
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, InclusionLevel

from vanban.archive import facets
from vanban.machine import indexing, steps
from vanban.reading.load import InternalError
from vanban.search import records
from vanban.site import exports, pages, sanitize, urls

log = logging.getLogger("mkdocs.hooks.vanban")
_build: dict = {}
_HUBS = set(urls.HUBS)
_CALLER_EPOCH = os.environ.get("SOURCE_DATE_EPOCH")  # read before on_config sets it
# Kept across the rebuilds of one `mkdocs serve` (the module is loaded once per serve).
_serve: dict = {"on": False, "last_good": None}
# Each notice page's sanitised HTML, by stem: unit pages quote their sections from it. Under
# `mkdocs serve --dirty` a notice page not rendered again keeps the HTML of its last build.
_notice_html: dict[str, str] = {}
# With VANBAN_TIMINGS=<file>, the seconds each phase of a build took go there (make bench).
_times: dict = {}


def _lap(phase: str, since: float) -> float:
    now = time.perf_counter()
    _times[phase] = _times.get(phase, 0.0) + now - since
    _times[f"{phase}: peak MB"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    return now


def on_startup(command, dirty):
    _serve["on"] = command == "serve"
    if command == "build":
        # A build is one short process, and what it keeps (the archive, every page) only grows:
        # Python's full collections went over all of it again and again (24 times, 3 s of MkDocs'
        # process at 10,000 notices, more in the forked copies) to free almost nothing, and the
        # peak memory is the same without them. Young garbage is still collected.
        gc.set_threshold(*gc.get_threshold()[:2], 1_000_000_000)
    _serve["last_good"] = None
    # `mkdocs serve --dirty` (make serve): after an edit only the pages whose content or context
    # changed are rendered again, from an archive re-read only where files changed.
    _serve["dirty"] = _serve["on"] and dirty
    _serve["server"] = steps.Server() if _serve["on"] else None
    _serve["built"] = {}      # src_uri -> (fingerprint, output path) of each generated page built
    _serve["indexer"] = None
    _serve["search parts"] = {}  # Pagefind's parts, kept for the next rebuild (search.bundle)
    _serve["lock"] = threading.Lock()
    _notice_html.clear()
    if _serve["dirty"]:
        mkdocs_build.log.addFilter(_NotDirtyWarning())


class _NotDirtyWarning(logging.Filter):
    """MkDocs warns, in English, that a dirty build may be inaccurate: ours checks what changed."""

    def filter(self, record):
        return "'dirty' build" not in record.getMessage()


def on_config(config):
    _build.clear()
    _times.clear()
    started = time.perf_counter()
    root = Path(config.config_file_path).parent
    try:
        archive = _serve["server"].checked(root) if _serve["on"] else steps.checked(root)
    except InternalError as e:
        raise PluginError(f"Lỗi nội bộ của vanban khi đọc {e}. Trang không được dựng lại; hãy báo lỗi này "
                          "cho người quản trị kho.") from None
    errors = [p for p in archive.problems if not p.warning]
    for problem in archive.problems:
        # INFO, not WARNING: --strict would turn a warning into a failed build.
        (log.info if problem.warning else log.error)(str(problem))
    if errors and not _serve["on"]:
        raise PluginError(f"Có {len(errors)} lỗi trong notices/: trang không được dựng lại. "
                          "Sửa các lỗi (vanban check liệt kê chúng) rồi dựng lại.")
    if errors:
        # While serving, a broken notice must not freeze the browser: the last good archive
        # (or, before any, what is valid) is served, every page listing the problems.
        _build["problems"] = [str(p) for p in errors]
        archive = _serve["last_good"] or archive
        log.error(f"Có {len(errors)} lỗi: trang đang xem giữ như lần dựng đúng gần nhất, "
                  "mỗi trang hiện danh sách lỗi cho đến khi sửa xong.")
    else:
        _serve["last_good"] = archive
    _build["archive"] = archive
    if not _serve["on"]:
        # Pagefind works on while the pages render; a build has no thread yet, so it may fork
        _build["search"] = indexing.Indexer(archive, forked=True)
    # MkDocs dates the sitemap (<lastmod>, and the gzip header of sitemap.xml.gz) by the day of
    # the build unless SOURCE_DATE_EPOCH is set: date it by the newest notice instead, so that
    # a rebuild of the same archive gives the same bytes. A caller's own value wins.
    newest = max((n.date for n in archive.notices), default=None)
    os.environ["SOURCE_DATE_EPOCH"] = _CALLER_EPOCH or str(calendar.timegm(newest.timetuple()) if newest else 0)
    _lap("validation", started)
    return config


def on_files(files, config):
    started = time.perf_counter()
    if not _serve["on"]:  # MkDocs empties the site folder (VANBAN_CLEAN=1) before on_files
        _build["search"].write_when_ready(Path(config.site_dir))
    archive = _build["archive"]
    _build["slots"], _build["quotes"] = {}, {}
    generated = []
    for page in pages.all_pages(archive, _serve["server"].notice_markdown if _serve["on"] else None):
        if files.get_file_from_path(page.src_uri):
            continue  # a hand-written page wins over a generated one
        if page.slots:
            _build["slots"][page.src_uri] = page.slots
        if page.quotes:
            _build["quotes"][page.src_uri] = page.quotes
        inclusion = InclusionLevel.INCLUDED if page.src_uri in _HUBS else InclusionLevel.NOT_IN_NAV
        file = File.generated(config, page.src_uri, content=page.content, inclusion=inclusion)
        files.append(file)
        generated.append((file, page))
    if _serve["dirty"]:
        _skip_unchanged(files, generated, config)
    if not config.site_url:
        log.info("site_url chưa khai báo trong mkdocs.yml: các nguồn tin (feed.xml) và catalog.json dùng "
                 "đường dẫn tương đối, sitemap.xml dùng đường dẫn từ gốc trang.")
    started = _lap("generated pages", started)
    for path, content in exports.files(archive, config.site_url or None).items():
        files.append(File.generated(config, path, content=content))
    files.append(File.generated(config, "assets/javascripts/vn-codes.js", content=records.codes_js()))
    _lap("exports", started)
    _build["pages_from"] = time.perf_counter()
    return files


def _skip_unchanged(files, generated, config):
    """Mark the generated pages whose output would be the same bytes as last time as not
    modified, so that a dirty build neither renders nor writes them; remove the pages that are
    gone. A page's output depends on its Markdown, its slots, the notice's view for a notice, the
    problems banner, the theme's files and the config: all go into its fingerprint."""
    archive = _build["archive"]
    _build["views"] = {}
    theme = Path(config.theme.custom_dir or ".")
    common = hashlib.blake2b(json.dumps([
        str(config.config_file_path), os.stat(config.config_file_path).st_mtime_ns,
        sorted((str(p), p.stat().st_mtime_ns) for p in theme.rglob("*") if p.is_file()) if theme.is_dir() else [],
        _build.get("problems", []), config.site_url,
    ]).encode())
    built, now = _serve["built"], {}
    markdown = {page.src_uri: page.content for _, page in generated}
    for file, page in generated:
        digest = common.copy()
        digest.update(page.content.encode())
        digest.update(json.dumps(page.slots, sort_keys=True).encode())
        for stem, anchor, _ in page.quotes.values():  # a quote is cut from its notice's page
            digest.update(f"{anchor}\0{markdown.get(urls.NOTICE.format(stem=stem), '')}".encode())
        notice = archive.by_stem.get(Path(file.src_uri).stem)
        if notice and file.src_uri == pages.notice_uri(notice):
            view = _build["views"][notice.stem] = pages.notice_view(archive, notice)
            digest.update(repr(view).encode())  # compared only within this process
        fingerprint = digest.hexdigest()
        if built.get(file.src_uri, (None,))[0] == fingerprint:
            file.is_modified = lambda: False
        now[file.src_uri] = (fingerprint, file.abs_dest_path)
    for src_uri, (_, dest) in built.items():
        if src_uri not in now and not files.get_file_from_path(src_uri):
            shutil.rmtree(Path(dest).parent, ignore_errors=True)  # a deleted page, with its feed
    _serve["built"] = now
    for file in files.documentation_pages():
        if file.src_uri not in now:
            file.is_modified = lambda: True  # hand-written pages show the archive too (home, search)


def on_env(env, config, files):
    """Every notice page is dated by its notice (the sitemap's lastmod), built this time or not.
    Material's navigation, tabs and footer are rendered once per folder for the pages outside the
    nav (theme_overrides/partials/ call vb_once; "theme/…" names the theme's own template)."""
    for file in files.documentation_pages():
        if file.page is not None:
            notice = _notice_of(file.page)
            if notice:
                file.page.update_date = notice.date.isoformat()
    below = jinja2.FileSystemLoader(config.theme.dirs[1:])  # the theme under theme_overrides
    env.loader = jinja2.ChoiceLoader([env.loader, jinja2.PrefixLoader({"theme": below})])
    env.globals["vb_once"] = _once_per_folder({})
    return env


def _once_per_folder(cache: dict):
    @jinja2.pass_context
    def once(context, name, caller):
        """What ``caller`` renders, kept for the pages outside the nav in one folder (every
        notice, every unit…): none of the nav's items is active there, there is no previous or
        next page, and a relative link to a page above the folder is the same from each. Not
        for a page of the nav, at the top, or with nav pages below it."""
        page, nav = context.get("page"), context.get("nav")
        url = getattr(page, "url", "")
        if (nav is None or url.count("/") < 2 or (page.meta or {}).get("hide")
                or any(p.url.startswith(url) for p in nav.pages)):
            return caller()
        key = (name, url.rsplit("/", 2)[0])
        if key not in cache:
            cache[key] = caller()
        return cache[key]
    return once


def on_page_markdown(markdown, page, config, files):
    if page.file.src_uri == urls.HOME:
        return markdown.rstrip("\n") + "\n\n" + pages.home_listing(_build["archive"])
    return markdown


def on_page_content(html, page, config, files):
    """A notice's body is sanitised after Markdown, and kept for the pages that quote it; every
    page's toc titles become plain text (Material prints them raw); slots are filled. For a page
    read by hooks/parallel.py's copy this was done there (``vb_copy``)."""
    notice = _notice_of(page)
    if getattr(page, "vb_copy", None) == "read":
        if notice:
            _notice_html[notice.stem] = html
        return html
    _clean_toc(page.toc)
    if notice:
        html = _notice_html[notice.stem] = sanitize.clean(html)
        return html
    return pages.fill_slots(html, _build["slots"].get(page.file.src_uri, {}))


def _clean_toc(items):
    for item in items:
        item.title = sanitize.text(item.title)
        _clean_toc(item.children)


def _notice_of(page):
    notice = _build["archive"].by_stem.get(Path(page.file.src_uri).stem)
    return notice if notice and page.file.src_uri == pages.notice_uri(notice) else None


def on_page_context(context, page, config, nav):
    if context.get("vb_written_elsewhere"):  # hooks/parallel.py: the other process writes this page
        return context
    src = page.file.src_uri
    quotes = _build["quotes"].get(src)
    if quotes:  # cut from the notices' pages: here every page has been read
        page.content = pages.fill_quotes(page.content, src, quotes, _notice_html.get)
    notice = _notice_of(page)
    if notice:
        context["notice"] = _build.get("views", {}).get(notice.stem) or pages.notice_view(_build["archive"], notice)
    context["vb_problems"] = _build.get("problems", [])
    context["vb_feed"] = urls.feed_of(page.file.src_uri)
    context["vb_exports"] = {"register": urls.REGISTER, "feed": urls.FEED}
    if page.file.src_uri == urls.SEARCH:
        context["vb_labels"] = facets.filter_labels(_build["archive"])
        context["vb_filters"] = [f for f in facets.FACETS if f.filter]
    return context


def on_post_build(config):
    started = _lap("pages (Markdown, templates)", _build["pages_from"])
    if _serve["on"]:  # the pages first, then the index: an edit shows sooner
        _write_index_later(indexing.Indexer(_build["archive"], kept=_serve["search parts"],
                                            text_of=_serve["server"].plain_text), Path(config.site_dir))
    else:
        _build["search"].write(Path(config.site_dir))
    _lap("search index", started)
    if os.environ.get("VANBAN_TIMINGS"):
        Path(os.environ["VANBAN_TIMINGS"]).write_text(json.dumps(_times), encoding="utf-8")


def _write_index_later(indexer, site_dir: Path):
    """While serving, the pages show as soon as they are built; the search index follows when
    Pagefind is done, unless a newer build has started its own."""
    _serve["indexer"] = indexer

    def finish():
        try:
            indexer.wait()
            with _serve["lock"]:
                if _serve["indexer"] is indexer:
                    indexer.write(site_dir)
        except Exception as e:  # the preview goes on; the next build tries again
            log.error(f"Không tạo được chỉ mục tìm kiếm: {e}")

    threading.Thread(target=finish, name="vanban-search-write", daemon=True).start()
