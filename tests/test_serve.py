"""`mkdocs serve` builds the search index too, and rebuilds it when a notice is added."""

import contextlib
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from conftest import ROOT, copy_project, make_archive, mkdocs_build


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, seconds: float = 60, until=lambda page: True) -> bytes:
    """The page at ``url`` once it is served and ``until`` holds for it."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                page = r.read()
            if until(page):
                return page
        except (urllib.error.URLError, ConnectionError):
            if time.monotonic() > deadline:
                raise
        assert time.monotonic() < deadline, f"{url} did not change as expected"
        time.sleep(0.3)


@contextlib.contextmanager
def serving_project(project: Path, *args: str):
    """`mkdocs serve` of ``project``: its base URL."""
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}", *args],
                              cwd=project, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(10)


@contextlib.contextmanager
def serving(tmp_path, good_notice, *args):
    """`mkdocs serve` of a project holding one good notice: (project folder, base URL)."""
    project = copy_project(tmp_path / "p", notices=False)
    make_archive(project, {"notices/2025/2025-11-06-a.md": good_notice})
    with serving_project(project, *args) as base:
        yield project, base


def test_serve_writes_the_index_and_rebuilds_it(tmp_path, good_notice):
    with serving(tmp_path, good_notice) as (project, base):
        first = wait_for(base + "/pagefind/pagefind-entry.json")
        assert b'"vi"' in first
        make_archive(project, {"notices/2025/2025-11-07-b.md": good_notice.replace("2025-11-06", "2025-11-07")
                                                                         .replace("15-TB/ĐU", "16-TB/ĐU")})
        assert b"16-TB/" in wait_for(base + "/van-ban/2025-11-07-b/")
        deadline = time.monotonic() + 30
        while wait_for(base + "/pagefind/pagefind-entry.json") == first:  # the index was written anew
            assert time.monotonic() < deadline
            time.sleep(0.3)


@pytest.mark.parametrize("args", [(), ("--dirty",)], ids=["mkdocs-serve", "make-serve"])
def test_a_broken_notice_keeps_the_last_good_site_with_a_banner(tmp_path, good_notice, args):
    with serving(tmp_path, good_notice, *args) as (project, base):
        notice = base + "/van-ban/2025-11-06-a/"
        assert "Kết luận hội nghị giao ban tháng 11/2025" in wait_for(notice).decode()
        broken = good_notice.replace("issuer: dang-uy", "issuer: dang").replace("giao ban tháng 11", "SỬA DỞ")
        (project / "notices/2025/2025-11-06-a.md").write_text(broken, encoding="utf-8")
        problem = ("notices/2025/2025-11-06-a.md:5: issuer: không có đơn vị mã &#39;dang&#39; trong "
                   "notices/units.yml; có phải là &#39;dang-uy&#39;?")
        for url in (notice, base + "/", base + "/thang/"):
            page = wait_for(url, 40, lambda p: b"vb-problems" in p).decode()
            assert problem in page
        page = wait_for(notice).decode()
        assert "Kết luận hội nghị giao ban tháng 11/2025" in page and "SỬA DỞ" not in page  # the last good one
        (project / "notices/2025/2025-11-06-a.md").write_text(
            good_notice.replace("giao ban tháng 11", "giao ban đã sửa"), encoding="utf-8")
        page = wait_for(notice, 40, lambda p: b"vb-problems" not in p).decode()
        assert "giao ban đã sửa" in page


def test_make_serve_on_a_busy_port_says_which_port_to_use(tmp_path):
    venv = ROOT / ".venv"
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(["make", "-s", "-f", str(ROOT / "Makefile"), "-C", str(ROOT), "serve",
                                 f"PORT={port}", f"VENV={venv}", "-o", str(venv / ".installed-stamp")],
                                capture_output=True, text=True, timeout=60)
    assert result.returncode != 0
    assert (f"Cổng {port} đang được dùng (có thể một `make serve` khác đang chạy). "
            f"Chọn cổng khác, ví dụ: make serve PORT={port + 1}") in result.stderr
    assert "Traceback" not in result.stderr


def _fetch(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, b""


LIVERELOAD = re.compile(rb"<script>\s*var livereload = .*?</script>(?=</body>)", re.S)


def test_dirty_serve_after_edits_additions_and_deletions_matches_a_clean_build(tmp_path):
    """`make serve` renders again only what changed (mkdocs serve --dirty): after an edit, an
    added notice and a deleted one, every page it serves is the page a clean build makes."""
    project = copy_project(tmp_path / "p")
    edited = project / "notices/2025/2025-11-06-giao-ban-thang-11.md"
    deleted = project / "notices/2026/2026-01-07-giao-ban-thang-1.md"
    only_citer = project / "notices/2025/2025-12-12-ket-qua-quy-vi-nguoi-ngheo.md"  # of 05-KH/MTTQ-BTT
    before = tmp_path / "before"
    assert mkdocs_build(project, before).returncode == 0
    with serving_project(project, "--dirty") as base:
        wait_for(base + "/")
        text = edited.read_text(encoding="utf-8")
        text = text.replace("tháng 11/2025\n", "tháng 11/2025 (đã sửa)\n", 1) + "\nBổ sung: rà soát lại hồ sơ đảng viên.\n"
        edited.write_text(text, encoding="utf-8")
        wait_for(base + "/thang/2025-11/", until=lambda p: "(đã sửa)".encode() in p)
        wait_for(base + "/van-ban/2025-11-06-giao-ban-thang-11/", until=lambda p: "rà soát lại hồ sơ".encode() in p)
        make_archive(project, {"notices/2025/2025-11-20-bo-sung.md": (
            "---\nnumber: 17-TB/ĐU\ntitle: Bổ sung kết luận giao ban tháng 11/2025\ndate: 2025-11-20\nissuer: dang-uy\n"
            "signer:\n  name: Trần Văn Điệp\n  position: Chánh Văn phòng\n---\n\n"
            "Thực hiện Thông báo số 15-TB/ĐU ngày 06/11/2025 của Đảng ủy.\n")}, units=False)
        wait_for(base + "/van-ban/2025-11-06-giao-ban-thang-11/", until=lambda p: b"2025-11-20-bo-sung" in p)
        deleted.unlink()
        wait_for(base + "/", until=lambda p: b"2026-01-07-giao-ban-thang-1" not in p)
        only_citer.unlink()
        wait_for(base + "/", until=lambda p: b"2025-12-12-ket-qua-quy-vi-nguoi-ngheo" not in p)

        (project / "clean.yml").write_text((project / "mkdocs.yml").read_text(encoding="utf-8")
                                           + f"\nsite_url: {base}/\n", encoding="utf-8")
        clean = tmp_path / "clean"
        result = mkdocs_build(project, clean, "-f", str(project / "clean.yml"))
        assert result.returncode == 0, result.stderr
        # The search index follows the pages when Pagefind is done.
        entry = (clean / "pagefind/pagefind-entry.json").read_bytes()
        wait_for(base + "/pagefind/pagefind-entry.json", until=lambda p: p == entry)
        differ = []
        for url in _urls(clean):
            status, served = _fetch(f"{base}/{url}")
            path = clean / url / "index.html" if url == "" or url.endswith("/") else clean / url
            if status != 200 or LIVERELOAD.sub(b"", served) != path.read_bytes():
                differ.append(url)
        assert differ == []
        # What the deletion took away (the notice's page, a document only it cited, that
        # document's feed) is gone from the served site too.
        gone = [url for url in _urls(before) if url not in set(_urls(clean))]
        assert {"van-ban/2026-01-07-giao-ban-thang-1/", "trich-dan/05-kh-mttq-btt/",
                "trich-dan/05-kh-mttq-btt/feed.xml"} <= set(gone)
        assert [url for url in gone if _fetch(f"{base}/{url}")[0] != 404] == []


def _urls(site: Path) -> list[str]:
    """The URL of every page and file of a built site but its assets and search bundle."""
    out = []
    for path in sorted(site.rglob("*")):
        rel = path.relative_to(site).as_posix()
        if path.is_file() and not rel.startswith(("assets/", "pagefind/")) and not rel.endswith(".gz"):
            out.append(rel[: -len("index.html")] if rel.endswith("index.html") else rel)
    return out


ENGLISH = ("Building documentation", "Cleaning site", "Documentation built", "Watching paths", "Serving on",
           "Detected file changes", "Reloading browsers", "Browser connected", "The following pages")


def test_make_serve_speaks_vietnamese_to_the_clerk(tmp_path, good_notice):
    """What `make serve` prints while a clerk edits a notice: MkDocs' own INFO lines said in
    Vietnamese (hooks/log_vi.py) or left out, so that every INFO line is Vietnamese."""
    project = copy_project(tmp_path / "p", notices=False)
    make_archive(project, {"notices/2025/2025-11-06-a.md": good_notice})
    port, log = free_port(), tmp_path / "serve.log"
    env = {**__import__("os").environ, "NO_MKDOCS_2_WARNING": "1"}  # as the Makefile sets it
    with open(log, "wb") as out:
        server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dirty", "-a", f"127.0.0.1:{port}"],
                                  cwd=project, stdout=out, stderr=subprocess.STDOUT, env=env)
        try:
            base = f"http://127.0.0.1:{port}"
            wait_for(base + "/van-ban/2025-11-06-a/")
            edited = good_notice.replace("giao ban tháng 11", "giao ban tháng mười một")
            (project / "notices/2025/2025-11-06-a.md").write_text(edited, encoding="utf-8")
            wait_for(base + "/van-ban/2025-11-06-a/", until=lambda page: "tháng mười một".encode() in page)
            time.sleep(0.5)
        finally:
            server.terminate()
            server.wait(10)
    text = log.read_text(encoding="utf-8")
    info = [line for line in text.splitlines() if line.startswith("INFO")]
    assert not [line for line in info if any(e in line for e in ENGLISH)], text
    assert not [line for line in info if not re.search("[À-ỹĐđ]", line)], text
    for said in ("Đang dựng trang", "Trang xem thử ở", "Đã dựng xong trong", "Có tệp thay đổi: đang dựng lại"):
        assert said in text, text
