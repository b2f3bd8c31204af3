import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def make_archive(tmp: Path, files: dict[str, str], units: bool = True) -> Path:
    """A tiny project in ``tmp``: notices/units.yml from tests/data plus the given files."""
    if units:
        (tmp / "notices").mkdir(parents=True, exist_ok=True)
        shutil.copy(DATA / "units.yml", tmp / "notices" / "units.yml")
    for rel, text in files.items():
        path = tmp / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return tmp


@pytest.fixture
def good_notice() -> str:
    return (DATA / "good.md").read_text(encoding="utf-8")


def mkdocs_build(project: Path, site: Path, *extra: str):
    """Run the real ``mkdocs build --strict`` of ``project`` into ``site``."""
    import subprocess
    import sys

    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(site), *extra],
        capture_output=True, text=True, cwd=project,
    )


def copy_project(dest: Path, notices: bool = True) -> Path:
    """The project's config, docs and theme (and, by default, its sample notices) in ``dest``."""
    (dest / "src").mkdir(parents=True, exist_ok=True)  # watched by mkdocs.yml; the package is installed
    for name in ("mkdocs.yml", "docs", "hooks", "theme_overrides"):
        src = ROOT / name
        (shutil.copytree if src.is_dir() else shutil.copy)(src, dest / name)
    if notices:
        shutil.copytree(ROOT / "notices", dest / "notices")
    return dest


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory) -> Path:
    """The sample archive built once for the whole session."""
    site = tmp_path_factory.mktemp("site")
    result = mkdocs_build(ROOT, site)
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture(scope="session")
def serve():
    """Serve built sites over HTTP on localhost; returns a function site_dir -> base URL."""
    import functools
    import http.server
    import threading

    servers = []

    def start(site: Path) -> str:
        handler = functools.partial(_QuietHandler, directory=str(site))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}"

    yield start
    for server in servers:
        server.shutdown()


class _QuietHandler(__import__("http.server").server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


CHROMIUM = "/usr/bin/chromium"
# Without these flags Chromium tries to reach Google's services at start.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright (the browser tests need it: .ci/run installs it)."""
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), "install Debian's chromium: apt-get install -y chromium"
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()
