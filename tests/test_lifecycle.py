"""Relations and status (SPEC §2, §4): declared in front matter and checked, found in the text,
both directions in catalog.json, and the status they give (replaced, repealed, amended, in force)."""

from __future__ import annotations

import json

import pytest

from conftest import DATA, make_archive
from vanban.archive.core import build_archive
from vanban.archive.relations import status_of
from vanban.site import exports
from vanban.tools.cli import main


def notice(good: str, number: str, date: str, extra: str = "", body: str | None = None) -> str:
    text = good.replace("number: 15-TB/ĐU", f"number: {number}").replace("date: 2025-11-06", f"date: {date}")
    text = text.replace("recipients:", extra + "recipients:") if extra else text
    if body is not None:
        text = text[:text.index("---", 4) + 4] + "\n" + body + "\n"
    return text


def files(good: str, **more: str) -> dict[str, str]:
    """An old plan, a notice citing 50-CT/TW, and ``more`` notices by stem."""
    out = {"notices/2025/2025-03-10-ke-hoach-cu.md": notice(good, "08-KH/ĐU", "2025-03-10", body="Nội dung kế hoạch.")}
    for stem, text in more.items():
        out[f"notices/{stem[:4]}/{stem}.md"] = text
    return out


def check(tmp_path, monkeypatch, capsys, archive_files) -> tuple[int, list[str]]:
    make_archive(tmp_path, archive_files)
    monkeypatch.chdir(tmp_path)
    code = main(["check"])
    return code, capsys.readouterr().out.splitlines()


def test_a_declared_replacement_puts_the_old_plan_out_of_force(tmp_path, good_notice):
    new = notice(good_notice, "12-KH/ĐU", "2025-12-01", "relations:\n  replaces: [08-KH/ĐU]\n")
    root = make_archive(tmp_path, files(good_notice, **{"2025-12-01-ke-hoach-moi": new}))
    archive = build_archive(root)
    assert not [p for p in archive.problems if not p.warning], archive.problems
    status = status_of(archive, "2025-03-10-ke-hoach-cu")
    assert (status.status, [n.stem for n in status.by]) == ("replaced", ["2025-12-01-ke-hoach-moi"])
    assert status_of(archive, "2025-12-01-ke-hoach-moi").status == "in_force"
    catalog = json.loads(exports.catalog(archive))
    by_stem = {r["stem"]: r for r in catalog["notices"]}
    assert by_stem["2025-03-10-ke-hoach-cu"]["relations"] == [
        {"relation": "replaces", "direction": "in", "number": "12-KH/ĐU", "stem": "2025-12-01-ke-hoach-moi",
         "found": "declared"}]
    assert by_stem["2025-12-01-ke-hoach-moi"]["relations"][0] == {
        "relation": "replaces", "direction": "out", "number": "08-KH/ĐU", "stem": "2025-03-10-ke-hoach-cu",
        "found": "declared"}


def test_a_relation_stated_in_the_text_counts_and_is_marked_as_found(tmp_path, good_notice):
    body = ("Kế hoạch này thay thế Kế hoạch số 08-KH/ĐU ngày 10/3/2025 của Ban Thường vụ Đảng ủy.\n\n"
            "Tiếp tục thực hiện nghiêm Chỉ thị số 50-CT/TW ngày 23/7/2025 của Ban Bí thư.")
    new = notice(good_notice, "12-KH/ĐU", "2025-12-01", body=body)
    archive = build_archive(make_archive(tmp_path, files(good_notice, **{"2025-12-01-ke-hoach-moi": new})))
    assert status_of(archive, "2025-03-10-ke-hoach-cu").status == "replaced"
    record = {r["stem"]: r for r in json.loads(exports.catalog(archive))["notices"]}["2025-12-01-ke-hoach-moi"]
    assert [(r["relation"], r["number"], r["found"]) for r in record["relations"]] == [
        ("replaces", "08-KH/ĐU", "text"), ("implements", "50-CT/TW", "text")]
    document = {d["number"]: d for d in json.loads(exports.catalog(archive))["documents"]}["50-CT/TW"]
    assert document["status"] == "in_force" and document["relations"][0]["direction"] == "in"


def test_an_amendment_keeps_the_plan_in_force_but_amended(tmp_path, good_notice):
    fix = notice(good_notice, "13-KH/ĐU", "2025-04-01", body="Đính chính Kế hoạch số 08-KH/ĐU ngày 10/3/2025 như sau:")
    archive = build_archive(make_archive(tmp_path, files(good_notice, **{"2025-04-01-dinh-chinh": fix})))
    assert status_of(archive, "2025-03-10-ke-hoach-cu").status == "amended"


@pytest.mark.parametrize("relations, expected", [
    ("  replaces: [09-KH/ĐU]\n", "relations.replaces: không có văn bản số 09-KH/ĐU trong kho hay trong "
                                 "notices/directives.yml; có phải là 08-KH/ĐU? (văn bản ngoài kho thì thêm vào "
                                 "notices/directives.yml)"),
    ("  amends: [12-KH/ĐU]\n", "relations.amends: '12-KH/ĐU' là chính văn bản này; một văn bản không sửa đổi, "
                               "bổ sung, đính chính chính nó"),
    ("  replaces: [\"08-KH/ĐU@2025-03-11\"]\n", "relations.replaces: không có văn bản số 08-KH/ĐU@2025-03-11 trong "
                                              "kho hay trong notices/directives.yml; có phải là 08-KH/ĐU? (văn bản "
                                              "ngoài kho thì thêm vào notices/directives.yml)"),
    ("  reports_on: [\"05-KH/ĐU@31/12/2025\"]\n", "relations.reports_on.0: '05-KH/ĐU@31/12/2025': ngày sau '@' phải "
                                               "viết YYYY-MM-DD, ví dụ 05-KH/ĐU@2025-07-10"),
    ("  replace: [08-KH/ĐU]\n", "relations.replace: quan hệ không có trong mẫu; có phải là 'replaces'?"),
], ids=["unknown target with did-you-mean", "itself", "wrong date", "date not ISO", "misspelt relation"])
def test_a_wrong_declared_relation_is_an_error_at_its_line(tmp_path, monkeypatch, capsys, good_notice,
                                                           relations, expected):
    new = notice(good_notice, "12-KH/ĐU", "2025-12-01", "relations:\n" + relations)
    code, out = check(tmp_path, monkeypatch, capsys, files(good_notice, **{"2025-12-01-ke-hoach-moi": new}))
    assert (code, out) == (1, [f"notices/2025/2025-12-01-ke-hoach-moi.md:12: {expected}"])


def test_a_target_dated_after_the_notice_is_an_error(tmp_path, monkeypatch, capsys, good_notice):
    early = notice(good_notice, "07-KH/ĐU", "2025-01-05", "relations:\n  replaces: [08-KH/ĐU]\n")
    code, out = check(tmp_path, monkeypatch, capsys, files(good_notice, **{"2025-01-05-som": early}))
    assert code == 1 and out == ["notices/2025/2025-01-05-som.md:12: relations.replaces: '08-KH/ĐU' ngày 10/03/2025, "
                                 "sau văn bản này (05/01/2025); văn bản chỉ tác động đến văn bản ban hành trước nó"]


def test_a_circle_of_replacements_is_an_error(tmp_path, monkeypatch, capsys, good_notice):
    a = notice(good_notice, "20-KH/ĐU", "2025-06-01", "relations:\n  replaces: [21-KH/ĐU]\n")
    b = notice(good_notice, "21-KH/ĐU", "2025-06-01", "relations:\n  replaces: [20-KH/ĐU]\n")
    code, out = check(tmp_path, monkeypatch, capsys, files(good_notice, **{"2025-06-01-a": a, "2025-06-01-b": b}))
    assert code == 1 and len(out) == 2 and all("thay thế nhau thành vòng" in line for line in out), out


def test_secrecy_is_refused_citing_the_law_and_marks_are_read(tmp_path, monkeypatch, capsys, good_notice):
    secret = notice(good_notice, "12-KH/ĐU", "2025-12-01", "secrecy: mật\n")
    code, out = check(tmp_path, monkeypatch, capsys, files(good_notice, **{"2025-12-01-mat": secret}))
    assert code == 1 and "Luật Bảo vệ bí mật nhà nước năm 2018" in out[0] and out[0].split(": ")[1] == "secrecy"
    marked = notice(good_notice, "14-KH/ĐU", "2025-12-02", "circulation: nội bộ\nurgency: hoả tốc\n")
    archive = build_archive(make_archive(tmp_path / "m", files(good_notice, **{"2025-12-02-noi-bo": marked})))
    n = archive.by_stem["2025-12-02-noi-bo"]
    assert (n.circulation, n.urgency) == ("nội bộ", "hỏa tốc")


def test_carries_out_names_a_task_of_an_earlier_notice_of_the_archive(tmp_path, monkeypatch, capsys, good_notice):
    later = notice(good_notice, "12-KH/ĐU", "2025-12-01", "carries_out: [2025-03-10-ke-hoach-cuu/2]\n")
    code, out = check(tmp_path, monkeypatch, capsys, files(good_notice, **{"2025-12-01-ke-hoach-moi": later}))
    assert (code, out) == (1, ["notices/2025/2025-12-01-ke-hoach-moi.md:11: carries_out.0: không có văn bản "
                               "'2025-03-10-ke-hoach-cuu' trong kho; có phải là 2025-03-10-ke-hoach-cu/2?"])
