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
HOW_TO = ("browser tests skipped: no Chromium. Enable them with `.venv/bin/playwright install chromium` "
          "or, as root on Debian, `apt-get install chromium`")


def _quiet(command: list[str], timeout: int) -> bool:
    import subprocess

    try:
        return subprocess.run(command, capture_output=True, timeout=timeout).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


def find_chromium() -> str | None:
    """Debian's Chromium, else Playwright's own (downloaded if it can be), else Debian's
    installed through apt when we are root; None when none can be had."""
    import sys

    from playwright.sync_api import sync_playwright

    if Path(CHROMIUM).exists():
        return CHROMIUM
    with sync_playwright() as p:
        bundled = p.chromium.executable_path
    if Path(bundled).exists() or _quiet([sys.executable, "-m", "playwright", "install", "chromium"], 600):
        if Path(bundled).exists():
            return bundled
    if os.geteuid() == 0 and shutil.which("apt-get"):
        env = ["env", "DEBIAN_FRONTEND=noninteractive"]
        if _quiet([*env, "apt-get", "update", "-qq"], 600) and \
                _quiet([*env, "apt-get", "install", "-y", "-qq", "chromium"], 900):
            return CHROMIUM if Path(CHROMIUM).exists() else None
    return None


@pytest.fixture(scope="session")
def browser():
    """Chromium driven by Playwright. Without one, browser tests are skipped with one line
    saying how to enable them; on CI (CI=true) they fail instead."""
    from playwright.sync_api import sync_playwright

    executable = find_chromium()
    if executable is None:
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(HOW_TO.replace("skipped", "cannot run on CI"))
        pytest.skip(HOW_TO)
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="session")
def sample(serve, sample_site) -> str:
    """The base URL of the sample site, served."""
    return serve(sample_site)


@pytest.fixture
def page(browser):
    """A fresh browser page; a script error on it fails the test."""
    context = browser.new_context()
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(e))
    yield page
    context.close()
    assert errors == []
