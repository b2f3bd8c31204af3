"""``mkdocs build`` writes over the last site (hooks/output.py): unchanged files are left as they
are, and the folder ends as a build into an empty one would leave it, whatever the last build or
a person left there."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import copy_project


def _build(project: Path, site: Path, **env) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "VANBAN_PARALLEL_MIN": "1", **env}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"),
                             "-d", str(site)], capture_output=True, text=True, cwd=project, env=env)
    assert result.returncode == 0, result.stderr


def _files(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*"))
            if p.is_file() and not p.relative_to(site).parts[0].startswith(".")}


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    return copy_project(tmp_path_factory.mktemp("output"))


@pytest.mark.parametrize("cores", ["1", "0"], ids=["one core", "two cores"])
def test_a_build_over_an_old_site_leaves_what_a_build_into_an_empty_folder_does(project, tmp_path, cores):
    empty = tmp_path / "empty"
    _build(project, empty, VANBAN_CLEAN="1")
    site = tmp_path / "site"
    _build(project, site, VANBAN_ONE_CORE=cores)
    assert _files(site) == _files(empty)

    kept = site / "thang" / "index.html"
    before = kept.stat()
    notice = next((site / "van-ban").iterdir())
    (site / "van-ban" / "da-xoa").mkdir()
    (site / "van-ban" / "da-xoa" / "index.html").write_text("một văn bản đã xóa")
    (site / "pagefind" / "fragment" / "vi_cu.pf_fragment").write_bytes(b"old")
    (site / "index.html").write_text("sửa tay")
    shutil.rmtree(site / "gioi-thieu")
    (site / "gioi-thieu").write_text("a file where a folder goes")
    (site / "404.html").unlink()
    (site / "404.html").mkdir()
    (site / "404.html" / "x").write_text("a folder where a file goes")
    (site / ".git").mkdir()
    (site / ".git" / "HEAD").write_text("kept, as MkDocs keeps dot files")
    (site / ".htaccess").write_text("kept")

    _build(project, site, VANBAN_ONE_CORE=cores)
    assert _files(site) == _files(empty)
    assert not (site / "van-ban" / "da-xoa").exists() and (notice / "index.html").exists()
    assert (site / ".git" / "HEAD").exists() and (site / ".htaccess").exists()
    after = kept.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)  # not written again


def test_without_the_hook_mkdocs_empties_the_folder(project, tmp_path):
    site = tmp_path / "site"
    _build(project, site, VANBAN_CLEAN="1")
    (site / "cu.html").write_text("old")
    _build(project, site, VANBAN_CLEAN="1")
    assert not (site / "cu.html").exists() and (site / "thang" / "index.html").exists()


def test_make_build_starts_from_links_to_the_live_site_and_never_writes_into_it(tmp_path, good_notice):
    """`make build` builds into a fresh folder (vanban.machine.publish) filled with hard links to site/:
    an unchanged page keeps its file, a changed one is written as a new file."""
    from conftest import make_archive
    from test_build import _make_build, _tree

    project = copy_project(tmp_path / "p", notices=False)
    make_archive(project, {"notices/2025/2025-11-06-a.md": good_notice})
    assert _make_build(project).returncode == 0
    site = project / "site"
    before = _tree(site)
    home, guide = site / "index.html", site / "huong-dan-dong-gop" / "index.html"
    os.link(home, tmp_path / "home-as-published")
    guide_inode = guide.stat().st_ino
    (project / "notices/2025/2025-11-07-b.md").write_text(good_notice.replace("2025-11-06", "2025-11-07"),
                                                         encoding="utf-8")
    result = _make_build(project)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "home-as-published").read_bytes() == before["index.html"]  # never written into
    assert "2025-11-07-b" in home.read_text(encoding="utf-8")
    assert guide.stat().st_ino == guide_inode
    empty = tmp_path / "empty"
    _build(project, empty, VANBAN_CLEAN="1")
    assert _files(site) == _files(empty)


def test_a_page_is_rendered_as_by_its_own_markdown_instance(tmp_path):
    """hooks/one_markdown.py reuses one Markdown instance per process: a link reference defined
    on one page must not resolve on the next, as it would if the instance were not reset."""
    project = copy_project(tmp_path / "project", notices=False)
    (project / "notices").mkdir()
    shutil.copy(Path(__file__).parents[1] / "notices" / "units.yml", project / "notices" / "units.yml")
    (project / "docs" / "vb-a.md").write_text("# A\n\nXem [Hướng dẫn][hd].\n\n[hd]: gioi-thieu.md\n", encoding="utf-8")
    (project / "docs" / "vb-b.md").write_text("# B\n\nChưa định nghĩa: [Hướng dẫn][hd].\n", encoding="utf-8")
    reused, fresh = tmp_path / "reused", tmp_path / "fresh"
    _build(project, reused, VANBAN_ONE_CORE="1")
    _build(project, fresh, VANBAN_CLEAN="1")
    assert "Chưa định nghĩa: [Hướng dẫn][hd]." in (reused / "vb-b" / "index.html").read_text(encoding="utf-8")
    assert 'href="../gioi-thieu/"' in (reused / "vb-a" / "index.html").read_text(encoding="utf-8")
    assert _files(reused) == _files(fresh)
