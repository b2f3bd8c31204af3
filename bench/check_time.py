"""How long `vanban check` of the sample archive takes, as a pre-commit hook runs it (best of 5)."""

import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VANBAN = Path(sys.executable).with_name("vanban")

times = []
for _ in range(5):
    start = time.perf_counter()
    subprocess.run([str(VANBAN), "check"], cwd=ROOT, check=True, capture_output=True)
    times.append(time.perf_counter() - start)
print(f"vanban check of the sample archive: best {min(times):.2f} s, worst {max(times):.2f} s (target: well under 1 s)")
