"""The contributor guide's examples are true: each example file, checked, prints exactly what the
guide says it prints (docs/huong-dan-dong-gop.md, "<!-- ví dụ: … -->" then "<!-- kết quả -->")."""

import re
import shutil

import pytest

from conftest import ROOT
from vanban.tools.cli import main

GUIDE = (ROOT / "docs/huong-dan-dong-gop.md").read_text(encoding="utf-8")
EXAMPLE = re.compile(r"<!-- ví dụ: (?P<path>\S+) -->\n```markdown\n(?P<file>.*?)```\n<!-- kết quả(?P<none>: không có lỗi)? -->\n"
                     r"(?:```text\n(?P<out>.*?)```\n)?", re.S)
EXAMPLES = [(m["path"], m["file"], "" if m["none"] else m["out"]) for m in EXAMPLE.finditer(GUIDE)]


def test_the_guide_has_its_examples():
    assert len(EXAMPLES) >= 9
    assert GUIDE.count("<!-- ví dụ:") == len(EXAMPLES)


@pytest.mark.parametrize("path, text, expected", EXAMPLES, ids=[p for p, _, _ in EXAMPLES])
def test_each_example_prints_what_the_guide_says(path, text, expected, tmp_path, monkeypatch, capsys):
    (tmp_path / "notices").mkdir()
    shutil.copy(ROOT / "notices/units.yml", tmp_path / "notices/units.yml")
    target = tmp_path / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code = main(["check", path])
    out = capsys.readouterr().out
    assert out == expected
    errors = [line for line in out.splitlines() if ": cảnh báo: " not in line]
    assert code == (1 if errors else 0)
