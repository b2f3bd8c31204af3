"""What a sentence says its text does to a cited document (SPEC §5 ``relation``): a table of office
sentences (tests/data/relations.json), Party and State forms, partial repeals, "tiếp tục thực
hiện", "căn cứ", and plain mentions. A wrong replaces or repeals marks a document out of force on
the public record: none is allowed; of all citations, 95 % must be right."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import DATA
from vanban.lang.citations import find_citations

TABLE = json.loads((DATA / "relations.json").read_text(encoding="utf-8"))
CASES = TABLE["cases"]


def test_the_table_is_large_enough():
    assert len(CASES) >= 40
    assert len({c["why"] for c in CASES}) == len(CASES)
    kinds = {r for c in CASES for r in c["relations"]}
    assert kinds == {"replaces", "repeals", "amends", "implements", "guides", "reports_on", "basis", None}


def test_no_false_replaces_or_repeals_and_95_percent_right():
    right = total = 0
    false_out_of_force, wrong = [], []
    for case in CASES:
        got = [c.relation for c in find_citations(case["text"])]
        want = case["relations"]
        assert len(got) == len(want), (case["text"], got)
        for g, w in zip(got, want):
            total += 1
            right += g == w
            if g != w:
                wrong.append(f"{case['text']!r}: {g} (want {w})")
                if g in ("replaces", "repeals"):
                    false_out_of_force.append(wrong[-1])
    assert not false_out_of_force, "\n".join(false_out_of_force)
    assert right / total >= 0.95, f"{right}/{total} right:\n" + "\n".join(wrong)


@pytest.mark.parametrize("case", CASES, ids=[c["why"] for c in CASES])
def test_each_sentence(case):
    """Row by row, so that a change shows which sentence it moved."""
    assert [c.relation for c in find_citations(case["text"])] == case["relations"]


def test_vanban_cite_prints_the_relation():
    text = "Kế hoạch này thay thế Kế hoạch số 08-KH/ĐU ngày 10/3/2025. Căn cứ Quy định số 24-QĐ/TW;"
    out = subprocess.run([sys.executable, "-m", "vanban.tools.cli", "cite"], input=text, capture_output=True,
                         text=True, check=True).stdout
    rows = [json.loads(line) for line in out.splitlines()]
    assert [(r["number"], r["relation"]) for r in rows] == [("08-KH/ĐU", "replaces"), ("24-QĐ/TW", "basis")]
    assert list(rows[0]) == ["number", "type", "date", "issuer", "relation", "start", "end"]  # SPEC §5's order
