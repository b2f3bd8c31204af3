"""Make an archive of N notices from the sample ones, for benchmarks.

python bench/generate.py N DEST  ->  DEST/ holds mkdocs.yml, docs/, hooks/, theme_overrides/
and notices/ with N notices (the sample bodies, with new numbers, dates and stems, and a line of
their own).
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def generate(count: int, dest: Path) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    for name in ("mkdocs.yml", "docs", "hooks", "theme_overrides"):
        src, out = ROOT / name, dest / name
        if out.exists():
            shutil.rmtree(out) if out.is_dir() else out.unlink()
        (shutil.copytree if src.is_dir() else shutil.copy)(src, out)
    (dest / "src").mkdir(exist_ok=True)
    notices = dest / "notices"
    if notices.exists():
        shutil.rmtree(notices)
    notices.mkdir()
    for registry in ("units.yml", "directives.yml"):
        shutil.copy(ROOT / "notices" / registry, notices / registry)
    templates = sorted((ROOT / "notices").rglob("*.md"))
    start = dt.date(2019, 1, 1)
    for i in range(count):
        text = templates[i % len(templates)].read_text(encoding="utf-8")
        date = start + dt.timedelta(days=(i * 2557) // max(count, 1))  # spread over seven years
        number = re.search(r"^number: (.+)$", text, re.M).group(1)
        number = re.sub(r"^\d+", str(1000 + i), number)  # unique (number, date)
        slug = re.sub(r"^\d{4}-\d{2}-\d{2}-", "", templates[i % len(templates)].stem)
        text = re.sub(r"^number: .+$", f"number: {number}", text, count=1, flags=re.M)
        text = re.sub(r"^date: .+$", f"date: {date.isoformat()}", text, count=1, flags=re.M)
        # Each body its own: a cache keyed by a body's text would otherwise hide its cost.
        text = text.rstrip("\n") + f"\n\nLưu hồ sơ số {i + 1}/{date.year}, Văn phòng Đảng ủy.\n"
        path = notices / str(date.year) / f"{date.isoformat()}-{slug}-{i}.md"
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return dest


if __name__ == "__main__":
    generate(int(sys.argv[1]), Path(sys.argv[2]))
