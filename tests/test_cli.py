"""`vanban cite` as SPEC §5 prints it."""

import json
import subprocess
import sys
import unicodedata


def cite(text: str) -> list[dict]:
    out = subprocess.run([sys.executable, "-m", "vanban.tools.cli", "cite"], input=text, capture_output=True,
                         text=True, check=True).stdout
    return [json.loads(line) for line in out.splitlines()]


def test_cite_prints_one_json_object_per_citation():
    text = "thực hiện nghiêm Chỉ thị 50-CT/TW ngày 23/7/2025 của Ban Bí thư và Hướng dẫn số 42-HD/BTCTW."
    found = cite(text)
    assert [(c["number"], c["type"], c["date"], c["issuer"]) for c in found] == [
        ("50-CT/TW", "chi-thi", "2025-07-23", "Ban Bí thư"),
        ("42-HD/BTCTW", "huong-dan", None, None),
    ]
    assert text[found[0]["start"]:found[0]["end"]] == "Chỉ thị 50-CT/TW ngày 23/7/2025 của Ban Bí thư"


def test_cite_offsets_are_into_the_nfc_text_of_nfd_input():
    text = "Theo Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị."
    (c,) = cite(unicodedata.normalize("NFD", text))
    assert text[c["start"]:c["end"]] == "Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị"
    assert c["number"] == "57-NQ/TW"


def test_cite_normalises_typed_variants():
    assert [c["number"] for c in cite("Nghị quyết 15 – NQ/TW và Quyết định 84 QĐ/TWĐTN")] == ["15-NQ/TW", "84-QĐ/TWĐTN"]


def test_cite_prints_nothing_for_dates_alone():
    assert cite("Sáng ngày 05/11/2025, tổng kết tháng 11/2025.") == []
