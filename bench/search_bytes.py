"""Bytes and requests a browser spends on the first search on an archive of N notices, the time
until its first results show in Chromium, and the size of the search index, beside the size of
Material's built-in search index for the same notices.

python bench/search_bytes.py [N …]   (default 1000; needs Debian's chromium)
"""

from __future__ import annotations

import functools
import gzip
import http.server
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from generate import generate

QUERY = "sinh hoat chi bo"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def build(project: Path, site: Path, config: str = "mkdocs.yml") -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(project / config), "-d", str(site)],
                   check=True, cwd=project, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    return time.perf_counter() - started


def material_baseline(project: Path, work: Path) -> Path:
    """The same notices as plain pages of a bare Material site with its built-in search."""
    docs = work / "material-docs"
    for md in (project / "notices").rglob("*.md"):
        text = md.read_text(encoding="utf-8")
        front, body = text.split("\n---\n", 1)
        title = next(line[7:] for line in front.splitlines() if line.startswith("title: "))
        out = docs / "van-ban" / f"{md.stem}.md"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(f"# {title}\n\n{body}", encoding="utf-8")
    (docs / "index.md").write_text("# Trang chủ\n", encoding="utf-8")
    # Material's own search, and the Markdown extensions of our mkdocs.yml (tables, toc with
    # permalinks…): what an office would set up to publish the same notices with Material alone.
    (work / "material.yml").write_text(
        "site_name: Material\ndocs_dir: material-docs\ntheme:\n  name: material\n  language: vi\n  font: false\n"
        "plugins:\n  - search\nnot_in_nav: |\n  /van-ban/\n"
        "markdown_extensions:\n  - tables\n  - attr_list\n  - md_in_html\n  - admonition\n"
        "  - toc:\n      permalink: true\n", encoding="utf-8")
    return work / "material.yml"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def first_query_bytes(site: Path) -> dict:
    from playwright.sync_api import sync_playwright

    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    sizes: dict[str, int] = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        page = browser.new_page()
        page.on("response", lambda r: sizes.__setitem__(r.url.replace(base, ""), len(r.body())))
        started = time.perf_counter()
        page.goto(f"{base}/tim-kiem/?q={QUERY.replace(' ', '+')}")
        page.wait_for_selector(".vb-result", timeout=60000)
        to_results = time.perf_counter() - started
        page.wait_for_selector(".vb-search[data-ready]", timeout=30000)
        results = len(page.query_selector_all(".vb-result"))
        browser.close()
    server.shutdown()
    search = {u: n for u, n in sizes.items() if "/pagefind/" in u or "javascripts/search.js" in u or "javascripts/vn.js" in u}
    return {"results_shown": results, "seconds_to_first_results": round(to_results, 2),
            "requests": len(search), "bytes": sum(search.values()),
            "by_kind": _by_kind(search)}


def _by_kind(sizes: dict[str, int]) -> dict[str, int]:
    kinds: dict[str, int] = {}
    for url, n in sizes.items():
        kind = ("fragment" if "/fragment/" in url else "index chunk" if "/index/" in url
                else "filter" if "/filter/" in url else "wasm" if "wasm" in url
                else "meta" if "pf_meta" in url else "script")
        kinds[kind] = kinds.get(kind, 0) + n
    return kinds


def main(count: int) -> dict:
    work = Path(tempfile.mkdtemp(prefix="vanban-bench-"))
    try:
        project = generate(count, work / "project")
        ours = build(project, work / "site")
        ours_query = first_query_bytes(work / "site")
        baseline_cfg = material_baseline(project, work)
        bare = build(work, work / "material-site", baseline_cfg.name)
        index = (work / "material-site" / "search" / "search_index.json").read_bytes()
        workers = sum(p.stat().st_size for p in (work / "material-site" / "assets" / "javascripts" / "workers").glob("search.*.js"))
        pagefind_total = sum(p.stat().st_size for p in (work / "site" / "pagefind").rglob("*") if p.is_file())
        return {
            "notices": count,
            "query": QUERY,
            "vanban": {"build_seconds": round(ours, 2), "first_query": ours_query,
                       "pagefind_bundle_bytes_on_disk": pagefind_total},
            "material": {"build_seconds": round(bare, 2), "search_index_json_bytes": len(index),
                         "search_index_json_gzip_bytes": len(gzip.compress(index)),
                         "search_worker_bytes": workers},
        }
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    for n in [int(a) for a in sys.argv[1:]] or [1000]:
        print(json.dumps(main(n), indent=2, ensure_ascii=False), flush=True)
