"""`mkdocs serve` builds the search index too, and rebuilds it when a notice is added."""

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

from conftest import copy_project, make_archive


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, seconds: float = 60) -> bytes:
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                return r.read()
        except (urllib.error.URLError, ConnectionError):
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


def test_serve_writes_the_index_and_rebuilds_it(tmp_path, good_notice):
    project = copy_project(tmp_path / "p", notices=False)
    make_archive(project, {"notices/2025/2025-11-06-a.md": good_notice})
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
                              cwd=project, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        first = wait_for(base + "/pagefind/pagefind-entry.json")
        assert b'"vi"' in first
        make_archive(project, {"notices/2025/2025-11-07-b.md": good_notice.replace("2025-11-06", "2025-11-07")
                                                                         .replace("15-TB/ĐU", "16-TB/ĐU")})
        assert b"16-TB/" in wait_for(base + "/van-ban/2025-11-07-b/")
        deadline = time.monotonic() + 30
        while wait_for(base + "/pagefind/pagefind-entry.json") == first:  # the index was written anew
            assert time.monotonic() < deadline
            time.sleep(0.3)
    finally:
        server.terminate()
        server.wait(10)
