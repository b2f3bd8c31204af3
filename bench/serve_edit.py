"""Live preview at N notices: seconds from saving an edited notice until `mkdocs serve --dirty`
(make serve) shows the new body on its page and the new title on its month page.

python bench/serve_edit.py [N]   (default 1000)
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from generate import generate


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _until(url: str, needle: bytes, deadline: float) -> float:
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=60) as r:
                if needle in r.read():
                    return time.monotonic()
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.05)
    raise SystemExit(f"{url} never showed {needle!r}")


def main(count: int, edits: int = 3) -> dict:
    work = Path(tempfile.mkdtemp(prefix="vanban-serve-"))
    port = _port()
    base = f"http://127.0.0.1:{port}"
    try:
        project = generate(count, work / "project")
        started = time.monotonic()
        server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dirty", "-a", f"127.0.0.1:{port}"],
                                  cwd=project, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                  env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
        try:
            first = _until(base + "/", b"</html>", started + 600) - started
            files = sorted((project / "notices").rglob("*.md"))
            timings = []
            for k in range(edits):
                path = files[len(files) // 2 + k * 7]
                text = path.read_text(encoding="utf-8")
                title = next(line for line in text.splitlines() if line.startswith("title: "))
                mark = f"sửa lần {k}"
                text = text.replace(title, f"{title} ({mark})", 1) + f"\nĐoạn bổ sung {mark}.\n"
                month = text.split("\ndate: ")[1][:7]
                time.sleep(1.5)  # the watcher settles after the previous build
                saved = time.monotonic()
                path.write_text(text, encoding="utf-8")
                deadline = saved + 120
                page = _until(f"{base}/van-ban/{path.stem}/", f"Đoạn bổ sung {mark}".encode(), deadline) - saved
                listing = _until(f"{base}/thang/{month}/", f"({mark})".encode(), deadline) - saved
                timings.append({"notice_page_s": round(page, 2), "month_page_s": round(listing, 2)})
        finally:
            server.terminate()
            server.wait(10)
        return {"notices": count, "first_build_s": round(first, 1), "edits": timings}
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    print(json.dumps(main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000), ensure_ascii=False))
