"""The cost of a cold build of N generated notices, against bare MkDocs + Material building the
same Markdown: wall time, peak memory, the seconds of each phase of ours, the Pagefind bundle.

python bench/build_cost.py [N …]   (default 100 1000 10000; cold builds of each, in turns:
RUNS=5 up to 1,000 notices, 3 above; then one rebuild of each)
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from generate import generate
from search_bytes import material_baseline

# Cold builds of each; more of the quick sizes, whose times vary most (a second of noise is 15 %).
RUNS = os.environ.get("RUNS")


def runs_of(count: int) -> int:
    return int(RUNS) if RUNS else 5 if count <= 1000 else 3


def measure(config: Path, site: Path, timings: Path | None = None) -> dict:
    """Wall seconds and peak memory (MB, the largest process: MkDocs or Pagefind) of one build."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if timings:
        env["VANBAN_TIMINGS"] = str(timings)
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site)],
                               cwd=config.parent, env=env)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    if status != 0:
        raise SystemExit(f"build of {config} failed")
    return {"seconds": round(seconds, 1), "peak_mb": round(usage.ru_maxrss / 1024)}


def main(count: int, root: Path, runs: int | None = None) -> dict:
    """Cold builds of ours and of bare Material, each into a new empty folder and taken in turns,
    the order swapped each time (this machine's speed drifts by 10-20 % from one minute to the
    next): the median of each and the ratio of the medians. Then one rebuild of each over its last
    site, as `make build` and `make serve` make them: MkDocs empties the folder and writes every
    file again, ours writes over it (hooks/output.py).

    Nothing is deleted until every size is measured, and the disk is synced before each build:
    this machine's ext4 has no journal, and without one the kernel will not reuse an inode freed in
    the last minute (`recently_deleted`, six minutes while its block is unwritten). A file created
    soon after thousands were deleted costs 0.4 ms instead of 0.04 ms, so a build that follows the
    deletion of another's site pays for it."""
    runs = runs or runs_of(count)
    work = root / str(count)
    project = generate(count, work / "project")
    baseline = material_baseline(project, work)
    timings = work / "timings.json"
    ours, bare = [], []

    def build(config: Path, site: Path, into: list) -> None:
        os.sync()
        into.append(measure(config, site, timings if into is ours else None))
        if into is ours:
            into[-1]["phases"] = {k: round(v, 1) for k, v in json.loads(timings.read_text()).items()}

    for run in range(runs):
        turns = [(project / "mkdocs.yml", work / f"site-{run}", ours), (baseline, work / f"material-site-{run}", bare)]
        for config, site, into in turns[::-1] if run % 2 else turns:
            build(config, site, into)
    rebuilt = {"vanban": [], "material": []}
    build(project / "mkdocs.yml", work / f"site-{runs - 1}", rebuilt["vanban"])
    build(baseline, work / f"material-site-{runs - 1}", rebuilt["material"])
    median = lambda xs: sorted(xs, key=lambda x: x["seconds"])[len(xs) // 2]
    result = {"notices": count, "runs": runs, "vanban": median(ours), "material": median(bare)}
    result["vanban"]["all_seconds"] = [x["seconds"] for x in ours]
    result["material"]["all_seconds"] = [x["seconds"] for x in bare]
    bundle = work / "site-0" / "pagefind"
    result["vanban"]["pagefind_bundle_mb"] = round(
        sum(p.stat().st_size for p in bundle.rglob("*") if p.is_file()) / 2**20, 1)
    result["ratio"] = round(result["vanban"]["seconds"] / result["material"]["seconds"], 2)
    result["rebuild"] = {k: v[0]["seconds"] for k, v in rebuilt.items()}
    result["rebuild_ratio"] = round(result["rebuild"]["vanban"] / result["rebuild"]["material"], 2)
    return result


if __name__ == "__main__":
    root = Path(tempfile.mkdtemp(prefix="vanban-build-"))
    try:
        for n in [int(a) for a in sys.argv[1:]] or [100, 1000, 10000]:
            print(json.dumps(main(n, root), ensure_ascii=False), flush=True)
    finally:
        shutil.rmtree(root, ignore_errors=True)
