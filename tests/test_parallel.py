"""A large build reads and writes its pages on two cores (hooks/parallel.py), and reads its notices
on two (vanban.machine.twocores): the site and the archive must be the same as on one core, and what the
second process logs must reach MkDocs' own log."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import copy_project, make_archive
from vanban.machine import steps, twocores
from vanban.archive.core import build_archive


def _build(project: Path, site: Path, *extra: str, one_core: bool = False) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "VANBAN_PARALLEL_MIN": "1",
           "VANBAN_ONE_CORE": "1" if one_core else "0"}
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", str(project / "mkdocs.yml"),
                           "-d", str(site), *extra], capture_output=True, text=True, cwd=project, env=env)


def _files(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    return copy_project(tmp_path_factory.mktemp("parallel"))


needs_two_cores = pytest.mark.skipif(not twocores.can_fork(), reason="one core, or not Linux: nothing to share")


@needs_two_cores
def test_a_build_on_two_cores_is_the_same_site_as_on_one(project, tmp_path):
    one = _build(project, tmp_path / "one", "--strict", one_core=True)
    assert one.returncode == 0, one.stderr
    two = _build(project, tmp_path / "two", "--strict", "-v")
    assert two.returncode == 0, two.stderr
    shared = re.search(r"tiến trình phụ đọc (\d+) trang, ghi (\d+) trang", two.stderr)
    assert shared and int(shared[1]) > 0 and int(shared[2]) > 0, two.stderr[-2000:]
    a, b = _files(tmp_path / "one"), _files(tmp_path / "two")
    assert sorted(a) == sorted(b)
    assert [name for name in a if a[name] != b[name]] == []
    assert len([n for n in a if n.endswith("index.html")]) > 60


PROBE = '''import logging, os
log = logging.getLogger("mkdocs.hooks.probe")

def on_page_markdown(markdown, page, config, files):
    if markdown:  # MkDocs' process sees a page read by the other one empty
        log.warning(f"đọc {page.file.src_uri} ở {os.getpid()}")
    return markdown

def on_post_page(output, page, config):
    if output:
        log.warning(f"ghi {page.file.src_uri} ở {os.getpid()}")
    return output
'''


@needs_two_cores
def test_what_the_second_process_logs_is_shown_once_and_counts_for_strict(project, tmp_path):
    """A probe hook warns once per page read and once per page written, naming its process: every
    page's warnings appear exactly once, some from each process, and --strict counts them all."""
    (project / "hooks" / "probe.py").write_text(PROBE, encoding="utf-8")
    config = project / "mkdocs.yml"
    original = config.read_text(encoding="utf-8")
    config.write_text(original.replace("  - hooks/parallel.py", "  - hooks/parallel.py\n  - hooks/probe.py"),
                      encoding="utf-8")
    try:
        result = _build(project, tmp_path / "site", "--strict")
    finally:
        config.write_text(original, encoding="utf-8")
    assert result.returncode == 1
    read = re.findall(r"WARNING +- +đọc (\S+) ở (\d+)", result.stderr)
    written = re.findall(r"WARNING +- +ghi (\S+) ở (\d+)", result.stderr)
    pages = sorted(uri for uri, _ in read)
    assert len(pages) > 60 and len(set(pages)) == len(pages)
    assert sorted(uri for uri, _ in written) == pages
    assert len({pid for _, pid in read}) == 2 and len({pid for _, pid in written}) == 2
    assert f"Aborted with {2 * len(pages)} warnings in strict mode!" in result.stdout + result.stderr


# -- reading the notices on two cores (vanban.machine.twocores, used by load_notices) --


@pytest.fixture
def forks(monkeypatch) -> list:
    """Forking allowed even if this test process has threads of its own (the children here only
    read files); each fork counted."""
    monkeypatch.setattr(twocores, "can_fork", lambda: len(os.sched_getaffinity(0)) > 1)
    done, fork = [], os.fork
    monkeypatch.setattr(os, "fork", lambda: done.append(1) or fork())
    return done


@needs_two_cores
def test_in_two_gives_the_results_in_order_and_raises_the_first_error_here(forks):
    items = list(range(500))
    assert twocores.in_two(items, lambda x: x * x) == [x * x for x in items]

    def fails_in_the_copys_half(x):
        if x in (300, 400):
            raise ValueError(f"hỏng {x}")
        return x

    with pytest.raises(ValueError, match="hỏng 300"):
        twocores.in_two(items, fails_in_the_copys_half)
    assert len(forks) == 2


@needs_two_cores
def test_an_archive_read_on_two_cores_is_the_archive_read_on_one(tmp_path, good_notice, monkeypatch, forks):
    """250 notices, some broken on each half: the same notices, problems and messages either way."""
    files = {}
    for i in range(250):
        text = re.sub(r"^number: \d+", f"number: {100 + i}", good_notice, count=1, flags=re.M)
        if i % 60 == 7:
            text = text.replace("date: ", "date: 31/02/", 1)
        files[f"notices/2025/2025-01-01-thong-bao-{i:03d}.md"] = text
    root = make_archive(tmp_path, files)
    two = build_archive(root, each=steps.two_cores)
    assert len(forks) == 1
    monkeypatch.setattr(twocores, "can_fork", lambda: False)
    one = build_archive(root, each=steps.two_cores)
    assert [str(p) for p in two.problems] == [str(p) for p in one.problems]
    assert len([p for p in one.problems if not p.warning]) >= 4
    assert [(n.stem, n.number, n.title, n.body) for n in two.notices] == \
           [(n.stem, n.number, n.title, n.body) for n in one.notices]
