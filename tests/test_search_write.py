"""A build's search index is written by the forked copy that made it, into the site it is told
of, while the last pages render (the build then waits for nothing to write): the same bytes as a
thread writes, and what an older build left in pagefind/ is removed all the same."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent

SCRIPT = """
import sys, time
from pathlib import Path
from vanban.machine import indexing
from vanban.archive.core import build_archive

archive = build_archive(Path(sys.argv[1]))
told, untold, threaded = (Path(a) for a in sys.argv[2:5])
(told / "pagefind").mkdir(parents=True)
(told / "pagefind/fragment-of-an-older-build.pf_fragment").write_bytes(b"old")
indexer = indexing.Indexer(archive, forked=True)
indexer.write_when_ready(told)
entry = told / "pagefind/pagefind-entry.json"
for _ in range(600):
    if entry.exists():
        break
    time.sleep(0.1)
print("written before write():", entry.exists())
indexer.write(told)
indexing.Indexer(archive, forked=True).write(untold)  # never told: the bundle comes back
indexing.write_index(archive, threaded)
"""


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.skipif(not hasattr(os, "sched_getaffinity") or len(os.sched_getaffinity(0)) < 2,
                    reason="a build forks only with a second core")
def test_the_forked_copy_writes_the_index_where_it_is_told(tmp_path):
    sites = [tmp_path / name for name in ("told", "untold", "threaded")]
    done = subprocess.run([sys.executable, "-c", SCRIPT, str(ROOT), *map(str, sites)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "written before write(): True" in done.stdout
    told, untold, threaded = (_tree(site / "pagefind") for site in sites)
    assert "fragment-of-an-older-build.pf_fragment" not in told
    assert "pagefind-entry.json" in told and len(told) > 10
    assert told == untold == threaded
