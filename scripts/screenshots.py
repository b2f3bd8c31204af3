"""Screenshots for the README, taken from a real build of the sample archive: the home page, a
notice, a unit page, a listing on a 360 px phone and the first printed page of a notice.

python scripts/screenshots.py [out_dir]   (default: screenshots/; needs Chromium, and pdftoppm
from poppler-utils for the printed page)
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
NOTICE = "/van-ban/2025-11-06-giao-ban-thang-11/"
DESKTOP = {"home": "/", "notice": NOTICE, "unit": "/don-vi/ban-xay-dung-dang/"}
PHONE = {"phone-month": "/thang/2025-11/", "phone-notice": NOTICE}


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "--strict", "-d", str(site)], cwd=ROOT,
                       check=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}"
        chromium = shutil.which("chromium")
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 820})
            for name, path in DESKTOP.items():
                page.goto(base + path)
                page.screenshot(path=out / f"{name}.png")
            phone = browser.new_page(viewport={"width": 360, "height": 740}, is_mobile=True, device_scale_factor=1)
            for name, path in PHONE.items():
                phone.goto(base + path)
                phone.screenshot(path=out / f"{name}.png")
            page.goto(base + NOTICE)
            pdf = Path(tmp) / "notice.pdf"
            pdf.write_bytes(page.pdf(prefer_css_page_size=True))
            browser.close()
        server.shutdown()
        if shutil.which("pdftoppm"):
            subprocess.run(["pdftoppm", "-png", "-r", "70", "-f", "1", "-l", "1", "-singlefile", str(pdf),
                            str(out / "print")], check=True)
        else:
            print("pdftoppm not found (apt-get install poppler-utils): the printed page was not rendered")
    for png in sorted(out.glob("*.png")):
        print(f"{png.relative_to(ROOT) if png.is_relative_to(ROOT) else png}: {png.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "screenshots")
