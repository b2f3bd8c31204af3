"""The cost of a cold build of N generated notices, against bare MkDocs + Material building the
same Markdown: wall time, peak memory, the seconds of each phase of ours, the Pagefind bundle.

python bench/build_cost.py [N …]   (default 100 1000 10000; RUNS=3 builds of each, in turns)
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

RUNS = int(os.environ.get("RUNS", 3))


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


def main(count: int, runs: int = RUNS) -> dict:
    """Builds of ours and of bare Material, taken in turns (this machine's speed drifts by 10-20 %
    from one minute to the next): the median of each, and the ratio of the medians."""
    work = Path(tempfile.mkdtemp(prefix="vanban-build-"))
    try:
        project = generate(count, work / "project")
        baseline = material_baseline(project, work)
        timings = work / "timings.json"
        ours, bare = [], []
        for _ in range(runs):
            ours.append(measure(project / "mkdocs.yml", work / "site", timings))
            ours[-1]["phases"] = {k: round(v, 1) for k, v in json.loads(timings.read_text()).items()}
            bare.append(measure(baseline, work / "material-site"))
        bundle = work / "site" / "pagefind"
        median = lambda xs: sorted(xs, key=lambda x: x["seconds"])[len(xs) // 2]
        result = {"notices": count, "runs": runs, "vanban": median(ours), "material": median(bare)}
        result["vanban"]["all_seconds"] = [x["seconds"] for x in ours]
        result["material"]["all_seconds"] = [x["seconds"] for x in bare]
        result["vanban"]["pagefind_bundle_mb"] = round(
            sum(p.stat().st_size for p in bundle.rglob("*") if p.is_file()) / 2**20, 1)
        result["ratio"] = round(result["vanban"]["seconds"] / result["material"]["seconds"], 2)
        # The first builds go into empty folders; the others over their last site, which MkDocs
        # empties and ours writes over (hooks/output.py). Shown apart: a new archive's first build
        # is the first kind; `make build` and `make serve` the second (vanban.publish starts from
        # the live site's files).
        result["first_build_ratio"] = round(ours[0]["seconds"] / bare[0]["seconds"], 2)
        return result
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    for n in [int(a) for a in sys.argv[1:]] or [100, 1000, 10000]:
        print(json.dumps(main(n), ensure_ascii=False), flush=True)
