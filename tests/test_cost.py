"""Bounded cost for any input within the file limits: no regex backtracks super-linearly on a
long line, and `vanban check` of a hostile 1 MB notice ends in seconds and modest memory."""

import importlib
import pkgutil
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

import vanban
from conftest import DATA, make_archive
from vanban.archive.sections import UnitMatcher
from vanban.lang.citations import FINDERS
from vanban.reading.registry import load_registry

LENGTH = 10_000
# What a line can repeat: spaces, markup, numbering, pieces of numbers, dates and issuers.
UNITS = [" ", "\t", "#", "# ", "a", "A", "1", "1.", "1-", "1/", "-", "–", "/", "A/", "A-", "Đ", "[", "]", "](",
         "(", ")", "[x](", "*", "**", "_", "`", "<", "<a ", "{:", ".", ";", ", ", "\u00a0", "II.", "a)", "1)",
         "hoà ", "uỷ ", "ngày ", "ngày 1/1/2025 ", "của ", "của Ban ", "Ban Bí thư ", "Chỉ thị ", "số ",
         "Chỉ thị số ", "1 - A/", "1/A-", "1 A/B ", "50-CT/TW ", "15 – NQ/TW", "12/TB-MTTQ-BTT ",
         "30/2020/NĐ-CP ", "Ban Xây dựng Đảng, ", "Đảng ủy ", "x://", "www."]


def _lines():
    for unit in UNITS:
        body = unit * (LENGTH // len(unit))
        yield body
        yield body + "!"              # a failure at the very end makes a backtracking regex retry
        yield "# " + body + "x"
        yield "1" + body + "\n" + body


def _patterns():
    for info in pkgutil.walk_packages(vanban.__path__, "vanban."):  # every module of every subpackage
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if isinstance(value, re.Pattern):
                yield f"{info.name.rsplit('.', 1)[-1]}.{name}", value
    for finder in FINDERS:
        yield f"citations.{type(finder).__name__}", finder.pattern
    with tempfile.TemporaryDirectory() as tmp:  # the unit names of the test archive
        (Path(tmp) / "notices").mkdir()
        shutil.copy(DATA / "units.yml", Path(tmp) / "notices" / "units.yml")
        yield "sections.UnitMatcher", UnitMatcher(load_registry(Path(tmp)).units.values()).pattern


PATTERNS = list(_patterns())
LINES = list(_lines())


# Patterns the code only matches at a given position (a tail after a citation, a piece of an
# issuer): tried there, at many positions, not searched for from every character.
ANCHORED = {"citations._DATE", "citations._OF", "citations._PIECE", "citations._TYPE_AHEAD", "citations._SPACES"}


def _try(name: str, pattern: re.Pattern, line: str) -> None:
    if isinstance(pattern.pattern, bytes):
        line = line.encode("utf-8")
    if name in ANCHORED:
        for pos in range(0, len(line), 97):
            pattern.match(line, pos)
        return
    pattern.search(line)
    pattern.match(line)
    pattern.fullmatch(line)
    for _ in pattern.finditer(line):
        pass


@pytest.mark.parametrize("name, pattern", PATTERNS, ids=[n for n, _ in PATTERNS])
def test_no_regex_backtracks_on_a_long_line(name, pattern):
    worst, worst_line = 0.0, ""
    for line in LINES:
        start = time.perf_counter()
        _try(name, pattern, line)
        spent = time.perf_counter() - start
        if spent > worst:
            worst, worst_line = spent, line
    # Linear work on 10,000 characters takes milliseconds; a quadratic pattern takes seconds.
    assert worst < 0.5, f"{name} took {worst:.2f} s on {worst_line[:40]!r}…"


def test_every_module_pattern_is_tried():
    names = {n for n, _ in PATTERNS}
    assert {"sections.HEADING", "sections.NUMBERING", "records._LINK", "citations.PartyNumber",
            "citations._PIECE", "text._OLD_TONE", "sections.UnitMatcher", "notice._SO"} <= names


# --- whole files: `vanban check` in a process of its own, its peak memory measured ----------

HEAD = """---
number: 15-TB/ĐU
title: Kết luận hội nghị giao ban tháng 11/2025
date: 2025-11-06
issuer: dang-uy
signer:
  name: Trần Văn Điệp
  position: Chánh Văn phòng
---

"""
MB = 990_000


def _body(piece: str) -> str:
    return (piece * (MB // len(piece.encode("utf-8"))))[: MB // 2]


HOSTILE = {
    "citations-on-one-line": _body("Chỉ thị 50-CT/TW ngày 23/7/2025 của Ban Bí thư, "),
    "50000-citations-on-one-line": _body("50-CT/TW; "),
    "heading-then-tabs": "# " + "\t" * 900_000 + "x\n",
    "brackets": _body("[") + "\n" + _body("]("),
    "nested-quotes-and-lists": _body("> - "),
    "emphasis": _body("*_"),
    "raw-html": _body("<div>"),
    "numbered-headings": "".join(f"## {i}. Ban Xây dựng Đảng\n\n- Nhiệm vụ {i}.\n\n" for i in range(15_000)),
    "one-long-word": _body("a"),
    "headings-without-blank-lines": "# x\n" * 240_000,
    "deep-list": "".join("  " * i + "- x\n" for i in range(900)),
    "deep-blocks": '<div markdown="1">\n' * 5_000 + "x\n" + "</div>\n" * 5_000,
    "deep-admonitions": "".join("    " * i + "!!! note\n" for i in range(600)),
    "unclosed-links-in-one-paragraph": "[a](" * 1_999,
}

PROBE = """
import resource, sys
from vanban.tools.cli import main
code = main(["check"])
print("maxrss_kb", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)
sys.exit(code)
"""


@pytest.mark.parametrize("name", list(HOSTILE))
def test_check_of_a_hostile_notice_is_quick_and_small(name, tmp_path):
    text = HEAD + HOSTILE[name]
    assert len(text.encode("utf-8")) <= 1_000_000
    make_archive(tmp_path, {"notices/2025/2025-11-06-giao-ban.md": text})
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", PROBE], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    spent = time.perf_counter() - start
    assert result.returncode in (0, 1), result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    rss_mb = int(re.search(r"maxrss_kb (\d+)", result.stderr).group(1)) / 1024
    assert rss_mb < 400, f"{name}: {rss_mb:.0f} MB"
    assert spent < 60, f"{name}: {spent:.1f} s"


def test_alias_bomb_is_refused_at_once(tmp_path):
    bomb = "".join(f"l{i}: &l{i} [" + ",".join([f"*l{i - 1}"] * 9 if i else ['"lol"'] * 9) + "]\n" for i in range(9))
    text = HEAD.replace("signer:", bomb + "signer:")
    assert len(bomb) < 600
    make_archive(tmp_path, {"notices/2025/2025-11-06-giao-ban.md": text})
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", PROBE], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert time.perf_counter() - start < 30
    assert result.returncode == 1
    assert result.stdout.splitlines()[0] == ("notices/2025/2025-11-06-giao-ban.md:6: không dùng neo/bí danh YAML "
                                             "'&l0'; hãy viết đầy đủ giá trị (nếu đó là chữ, đặt trong dấu nháy kép)")
