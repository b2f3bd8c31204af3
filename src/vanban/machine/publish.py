"""Atomic publishing: build into a fresh folder beside ``site/`` and put it in place only when
the whole build, strict mode included, has succeeded. MkDocs itself empties ``site/`` first and
fails at the end, so a broken archive would otherwise leave readers a half-written site. The
fresh folder starts as hard links to the current site, which the build writes over.

Used by ``make build``: ``python -m vanban.machine.publish SITE -- BUILD COMMAND…`` (``-d`` is added).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path


def publish(site: Path, command: list[str]) -> int:
    site = site.absolute()
    site.parent.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(prefix=f".{site.name}-new-", dir=site.parent))
    old = site.with_name(f".{site.name}-old")
    try:
        _link_tree(site, fresh)
        code = subprocess.run([*command, "-d", str(fresh)]).returncode
        if code != 0:
            print(f"Bản dựng không thành công: {site.name}/ được giữ nguyên như trước.", file=sys.stderr)
            return code
        shutil.rmtree(old, ignore_errors=True)
        if site.exists():
            site.rename(old)
        fresh.rename(site)  # two renames: the site is never half old, half new
        print(f"Đã xuất bản vào {site.name}/.", file=sys.stderr)
        return 0
    finally:
        shutil.rmtree(fresh, ignore_errors=True)
        shutil.rmtree(old, ignore_errors=True)


def _link_tree(site: Path, fresh: Path) -> None:
    """Fill ``fresh`` with hard links to the files of ``site``: the build writes over them
    (``vanban.machine.outfiles``), leaving unchanged files as they are and replacing a changed one by a
    new file, so ``site/`` itself is never written to. Without hard links (another file system),
    the build starts from an empty folder."""
    if not site.is_dir():
        return
    try:
        shutil.copytree(site, fresh, symlinks=True, copy_function=os.link, dirs_exist_ok=True)
    except (OSError, shutil.Error):
        shutil.rmtree(fresh, ignore_errors=True)
        fresh.mkdir()


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) < 3 or args[1] != "--":
        print("cách dùng: python -m vanban.machine.publish SITE -- LỆNH DỰNG…", file=sys.stderr)
        return 2
    return publish(Path(args[0]), args[2:])


if __name__ == "__main__":
    sys.exit(main())
