"""`vanban check`: every validation rule has a bad input and its exact message (tests/data/bad)."""

import shutil
import unicodedata

import pytest

from conftest import DATA, make_archive
from vanban.archive.core import build_archive
from vanban.tools.cli import main

BAD = sorted(p for p in (DATA / "bad").iterdir() if p.is_dir())


def run_check(capsys, *args) -> tuple[int, str]:
    code = main(["check", *args])
    return code, capsys.readouterr().out


@pytest.mark.parametrize("case", BAD, ids=[p.name for p in BAD])
def test_bad_input_is_reported_exactly(case, tmp_path, monkeypatch, capsys):
    expected = case / "expected.txt"
    assert expected.exists(), f"{case.name}: write the exact expected output to {expected}"
    project = tmp_path / "p"
    shutil.copytree(case, project, ignore=shutil.ignore_patterns("expected.txt"))
    if not (project / "notices" / "units.yml").exists():
        shutil.copy(DATA / "units.yml", project / "notices" / "units.yml")
    monkeypatch.chdir(project)
    code, out = run_check(capsys)
    assert out == expected.read_text(encoding="utf-8")
    assert code == 1


def test_good_notice_passes(tmp_path, monkeypatch, capsys, good_notice):
    make_archive(tmp_path, {"notices/2025/2025-11-06-giao-ban.md": good_notice})
    monkeypatch.chdir(tmp_path)
    code, out = run_check(capsys)
    assert (code, out) == (0, "")


def test_symlink_is_refused(tmp_path, monkeypatch, capsys, good_notice):
    make_archive(tmp_path, {"elsewhere/2025-11-06-giao-ban.md": good_notice})
    (tmp_path / "notices" / "2025").mkdir()
    (tmp_path / "notices/2025/2025-11-06-giao-ban.md").symlink_to(tmp_path / "elsewhere/2025-11-06-giao-ban.md")
    monkeypatch.chdir(tmp_path)
    code, out = run_check(capsys)
    assert out == ("notices/2025/2025-11-06-giao-ban.md:1: là liên kết tượng trưng (symlink); "
                   "văn bản phải là tệp thật nằm trong notices/\n")
    assert code == 1


def test_file_over_one_megabyte_is_refused(tmp_path, monkeypatch, capsys, good_notice):
    big = good_notice + ("- Nhiệm vụ.\n" * 100_000)
    make_archive(tmp_path, {"notices/2025/2025-11-06-giao-ban.md": big})
    monkeypatch.chdir(tmp_path)
    code, out = run_check(capsys)
    size = len(big.encode("utf-8"))
    shown = f"{size:,}".replace(",", ".")
    assert out == f"notices/2025/2025-11-06-giao-ban.md:1: tệp nặng {shown} byte; mỗi văn bản tối đa 1 MB\n"
    assert code == 1


def test_not_utf8_is_refused_with_its_line(tmp_path, monkeypatch, capsys, good_notice):
    make_archive(tmp_path, {})
    path = tmp_path / "notices/2025/2025-11-06-giao-ban.md"
    path.parent.mkdir(parents=True)
    path.write_bytes(good_notice.encode("utf-8").replace("Kết luận".encode(), b"K\xe9t lu\xe2n"))
    monkeypatch.chdir(tmp_path)
    code, out = run_check(capsys)
    assert out == ("notices/2025/2025-11-06-giao-ban.md:3: không phải chữ UTF-8; "
                   "hãy lưu tệp với bảng mã UTF-8 (Unicode)\n")
    assert code == 1


def test_all_problems_of_all_files_in_one_run_sorted(tmp_path, monkeypatch, capsys, good_notice):
    make_archive(tmp_path, {
        "notices/2025/2025-11-07-b.md": good_notice.replace("issuer: dang-uy", "issuer: dang-u")
                                                  .replace("date: 2025-11-06", "date: 2025-11-07"),
        "notices/2025/2025-11-06-a.md": good_notice.replace("15-TB/ĐU", "15-XX/ĐU").replace("place:", "plase:"),
    })
    monkeypatch.chdir(tmp_path)
    code, out = run_check(capsys)
    assert out.splitlines() == [
        "notices/2025/2025-11-06-a.md:2: number: ký hiệu 'XX' không phải tên viết tắt của loại văn bản nào; "
        "hãy thêm trường 'type:'",
        "notices/2025/2025-11-06-a.md:6: plase: trường không có trong mẫu; có phải là 'place'?",
        "notices/2025/2025-11-07-b.md:5: issuer: không có đơn vị mã 'dang-u' trong notices/units.yml; "
        "có phải là 'dang-uy'?",
    ]
    assert code == 1


def test_check_given_file_reports_only_that_file(tmp_path, monkeypatch, capsys, good_notice):
    make_archive(tmp_path, {
        "notices/2025/2025-11-06-a.md": good_notice,
        "notices/2025/2025-11-07-b.md": good_notice.replace("date: 2025-11-06", "date: 2025-11-07")
                                                  .replace("issuer: dang-uy", "issuer: x"),
    })
    monkeypatch.chdir(tmp_path)
    assert run_check(capsys, "notices/2025/2025-11-06-a.md") == (0, "")
    code, out = run_check(capsys, "notices/2025/2025-11-07-b.md")
    assert code == 1 and out.startswith("notices/2025/2025-11-07-b.md:5: issuer: không có đơn vị mã 'x'")


def test_missing_path_is_a_usage_error(tmp_path, monkeypatch, capsys):
    make_archive(tmp_path, {})
    monkeypatch.chdir(tmp_path)
    assert main(["check", "notices/2025/nope.md"]) == 2
    assert capsys.readouterr().err == "notices/2025/nope.md: không có tệp hoặc thư mục này\n"


def test_bom_crlf_nbsp_nfd_are_normalised_not_refused(tmp_path, good_notice):
    text = unicodedata.normalize("NFD", good_notice).replace("\n", "\r\n").replace("Tân Lập", "Tân\u00a0Lập")
    make_archive(tmp_path, {})
    path = tmp_path / "notices/2025/2025-11-06-giao-ban.md"
    path.parent.mkdir(parents=True)
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    archive = build_archive(tmp_path)
    assert archive.problems == []
    (n,) = archive.notices
    assert n.number == "15-TB/ĐU" and n.place == "Tân Lập"
    assert n.signer.name == "Trần Văn Điệp" and unicodedata.is_normalized("NFC", n.body)
    assert "\r" not in n.body and n.title == "Kết luận hội nghị giao ban tháng 11/2025"


def test_derived_type_and_old_tone_placement(tmp_path, good_notice):
    make_archive(tmp_path, {"notices/2025/2025-11-06-giao-ban.md":
                            good_notice.replace("TT Đảng ủy", "TT Đảng uỷ")})
    (n,) = build_archive(tmp_path).notices
    assert n.type == "thong-bao"
    assert n.recipients == ("TT Đảng uỷ", "Lưu VPĐU")  # spelling of the document kept


def test_missing_units_registry_is_one_problem_not_one_per_notice(tmp_path, monkeypatch, capsys, good_notice):
    make_archive(tmp_path, {"notices/2025/2025-11-06-giao-ban.md": good_notice}, units=False)
    monkeypatch.chdir(tmp_path)
    code, out = run_check(capsys)
    assert out == "notices/units.yml:1: thiếu tệp: cần danh sách đơn vị để dựng trang\n"
    assert code == 1


def test_check_a_draft_outside_notices(tmp_path, monkeypatch, capsys, good_notice):
    make_archive(tmp_path, {"notices/2025/2025-11-06-a.md": good_notice,
                            "drafts/2025-11-07-b.md": good_notice.replace("issuer: dang-uy", "issuer: dang")
                                                                 .replace("date: 2025-11-06", "date: 2025-11-07")})
    monkeypatch.chdir(tmp_path)
    code, out = run_check(capsys, "drafts/2025-11-07-b.md")
    assert out.splitlines() == [
        "drafts/2025-11-07-b.md:4: date: văn bản ngày 2025-11-07 phải nằm trong thư mục notices/2025/, "
        "không phải drafts/",
        "drafts/2025-11-07-b.md:5: issuer: không có đơn vị mã 'dang' trong notices/units.yml; có phải là 'dang-uy'?",
    ]
    assert code == 1


def test_check_one_file_still_reports_a_broken_registry(tmp_path, monkeypatch, capsys, good_notice):
    make_archive(tmp_path, {"notices/2025/2025-11-06-a.md": good_notice})
    with open(tmp_path / "notices/units.yml", "a", encoding="utf-8") as f:
        f.write("mttq:\n  name: Trùng\n")
    monkeypatch.chdir(tmp_path)
    code, out = run_check(capsys, "notices/2025/2025-11-06-a.md")
    assert out == "notices/units.yml:25: mttq: đã ghi ở dòng 16; mỗi mục chỉ được ghi một lần\n" and code == 1


def test_files_that_are_not_notices_are_reported(tmp_path, monkeypatch, capsys, good_notice):
    make_archive(tmp_path, {"notices/2025/2025-11-06-a.md": good_notice,
                            "notices/2025/2025-11-07-b.MD": good_notice,
                            "notices/2025/thong-bao.docx": "PK",
                            "notices/README.md": "Kho văn bản.",
                            "notices/2025/.gitkeep": "",
                            "notices/2025/.#2025-11-06-a.md": "lock file of an editor"})
    monkeypatch.chdir(tmp_path)
    code, out = run_check(capsys)
    message = ("không phải tệp văn bản: mỗi văn bản là một tệp Markdown tên <ngày>-<tên-ngắn>.md "
               "(tệp .docx, .txt thì chuyển bằng vanban import; đổi đuôi .MD thành .md)")
    assert out.splitlines() == ["notices/2025/2025-11-07-b.MD:1: " + message,
                                "notices/2025/thong-bao.docx:1: " + message]
    assert code == 1


def test_symlinked_folder_is_refused_not_skipped(tmp_path, monkeypatch, capsys, good_notice):
    make_archive(tmp_path, {"elsewhere/2025/2025-11-06-giao-ban.md": good_notice})
    (tmp_path / "notices/2025").symlink_to(tmp_path / "elsewhere/2025", target_is_directory=True)
    monkeypatch.chdir(tmp_path)
    code, out = run_check(capsys)
    assert out == ("notices/2025:1: thư mục là liên kết tượng trưng (symlink); các văn bản phải nằm thật trong "
                   "notices/, hãy chép thư mục vào thay cho liên kết\n")
    assert code == 1


def test_cited_number_with_an_unknown_code_is_fine(tmp_path, monkeypatch, capsys, good_notice):
    make_archive(tmp_path, {"notices/2025/2025-11-06-a.md": good_notice.replace(
        "recipients:", "cites:\n  - 24-BS/UBKTTU\nrecipients:")})
    monkeypatch.chdir(tmp_path)
    assert run_check(capsys) == (0, "")
    archive = build_archive(tmp_path)
    assert [u.citation.number for u in archive.citations["2025-11-06-a"]][-1] == "24-BS/UBKTTU"


def test_an_internal_error_names_its_file_and_exits_2(tmp_path, monkeypatch, capsys, good_notice):
    import vanban.reading.notice

    make_archive(tmp_path, {"notices/2025/2025-11-06-a.md": good_notice})
    monkeypatch.chdir(tmp_path)

    def broken(*args):
        raise KeyError("x")

    monkeypatch.setattr(vanban.reading.notice, "parse_notice", broken)
    assert main(["check"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == ("lỗi nội bộ của vanban khi đọc notices/2025/2025-11-06-a.md: KeyError: 'x'. "
                            "Hãy báo lỗi này cho người quản trị kho, kèm tệp nói trên.\n")


def test_a_far_date_is_measured_from_today(tmp_path, monkeypatch, capsys, good_notice):
    import datetime as dt

    soon = dt.date.today() + dt.timedelta(days=300)
    later = dt.date.today() + dt.timedelta(days=400)
    make_archive(tmp_path, {
        f"notices/{d.year}/{d.isoformat()}-a{i}.md": good_notice.replace("2025-11-06", d.isoformat())
        for i, d in enumerate((soon, later))})
    monkeypatch.chdir(tmp_path)
    code, out = run_check(capsys)
    assert out == (f"notices/{later.year}/{later.isoformat()}-a1.md:4: date: {later.isoformat()} là ngày quá xa "
                   "trong tương lai (quá một năm kể từ hôm nay); hãy kiểm tra lại năm\n")


def test_a_body_may_link_to_the_exports(tmp_path, monkeypatch, capsys, good_notice):
    """MkDocs knows the register and the feeds as files, so check must accept links to them."""
    make_archive(tmp_path, {"notices/2025/2025-11-06-a.md": good_notice.replace(
        "- Thực hiện", "- Xem [sổ đăng ký](../so-dang-ky.csv) và [tin](../don-vi/dang-uy/feed.xml).\n- Thực hiện")})
    monkeypatch.chdir(tmp_path)
    assert run_check(capsys) == (0, "")


@pytest.mark.parametrize("written, yaml", [("Số 15-TB/ĐU", "Số 15-TB/ĐU"), ("Số: 15-TB/ĐU", '"Số: 15-TB/ĐU"'),
                                           ("số 15-TB/ĐU", "số 15-TB/ĐU")])
def test_a_number_written_with_so_is_read_without_it_and_the_clerk_is_told(written, yaml, tmp_path, monkeypatch,
                                                                           capsys, good_notice):
    """As printed under the issuer ("Số 15-TB/ĐU"): the number is kept without "Số", with a warning
    that says what was read and how to write it."""
    make_archive(tmp_path, {"notices/2025/2025-11-06-giao-ban.md": good_notice.replace(
        "number: 15-TB/ĐU", f"number: {yaml}")})
    monkeypatch.chdir(tmp_path)
    word = written.split()[0].rstrip(":")
    assert run_check(capsys) == (0, f"notices/2025/2025-11-06-giao-ban.md:2: number: cảnh báo: '{written}': đã bỏ "
                                    f"chữ '{word}' ở đầu và đọc là 15-TB/ĐU; hãy ghi 'number: 15-TB/ĐU'\n")
    assert build_archive(tmp_path).notices[0].number == "15-TB/ĐU"


def test_legacy_encoding_in_the_body_names_no_field(tmp_path, monkeypatch, capsys, good_notice):
    """In front matter the message names the field (tests/data/bad/mojibake-tcvn3); in the body there is none."""
    text = good_notice.rstrip("\n") + "\n\nKÕt luËn cña §¶ng ñy vÒ c«ng t¸c th¸ng 11.\n"
    make_archive(tmp_path, {"notices/2025/2025-11-06-giao-ban.md": text})
    monkeypatch.chdir(tmp_path)
    code, out = run_check(capsys)
    line = text.split("\n").index("KÕt luËn cña §¶ng ñy vÒ c«ng t¸c th¸ng 11.") + 1
    assert (code, out.split(" văn bản có vẻ")[0]) == (1, f"notices/2025/2025-11-06-giao-ban.md:{line}:")
