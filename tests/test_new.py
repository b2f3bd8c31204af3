"""`vanban new`: the next number, answers in any usual form, never overwriting, a file that checks."""

import datetime as dt
import sys

import pytest

from conftest import make_archive
from vanban.tools.cli import main

UNITS = """\
dang-uy:
  name: Đảng ủy xã Tân Lập
  code: ĐU
  aliases: [Đảng ủy, ĐU]
mttq:
  name: Ủy ban Mặt trận Tổ quốc Việt Nam xã Tân Lập
  code: MTTQ
  aliases: [UBMTTQ, MTTQ]
doan-thanh-nien:
  name: Đoàn Thanh niên Cộng sản Hồ Chí Minh xã Tân Lập
  code: ĐTN
  parent: mttq
  aliases: [Đoàn Thanh niên]
hoi-nong-dan:
  name: Hội Nông dân xã Tân Lập
  code: HND
  parent: mttq
ban-xay-dung-dang:
  name: Ban Xây dựng Đảng
  parent: dang-uy
"""

SIGNED = ["--place", "Tân Lập", "--signer-name", "Trần Văn Điệp", "--signer-position", "Chánh Văn phòng",
          "--authority", "T/L Ban Thường vụ"]
CHECK = "Chạy `vanban check {}` để kiểm tra."


def notice(number: str, date: str, issuer: str = "dang-uy") -> tuple[str, str]:
    stem = f"{date}-so-{number.lower().replace('/', '-').replace('đ', 'd')}"
    text = (f"---\nnumber: {number}\ntitle: Văn bản {number}\ndate: {date}\nissuer: {issuer}\nplace: Tân Lập\n"
            "signer:\n  name: Trần Văn Điệp\n  position: Chánh Văn phòng\n---\n\nNội dung.\n")
    return f"notices/{date[:4]}/{stem}.md", text


@pytest.fixture
def archive(tmp_path, monkeypatch):
    """A project in tmp_path holding the given notices; the current folder, and stdin is not a terminal."""
    def make(*notices):
        make_archive(tmp_path, {"notices/units.yml": UNITS, **dict(notices)})
        return tmp_path

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys.stdin, "isatty", lambda: False)
    return make


def run(capsys, *args) -> tuple[int, list[str], list[str]]:
    capsys.readouterr()
    code = main(["new", *args])
    out, err = capsys.readouterr()
    return code, out.splitlines(), err.splitlines()


def test_next_party_number_follows_the_highest_of_the_year(archive, capsys):
    root = archive(notice("14-TB/ĐU", "2025-10-27"), notice("15-TB/ĐU", "2025-11-06"),
                   notice("05-KH/ĐU", "2025-08-15"), notice("21-TB/ĐU", "2024-12-30"),
                   notice("30-TB/ĐTN", "2025-11-01", "doan-thanh-nien"))
    code, out, err = run(capsys, "--type", "thong-bao", "--issuer", "dang-uy", "--date", "2025-11-20",
                         "--title", "Kết luận hội nghị giao ban tháng 11/2025", *SIGNED)
    path = "notices/2025/2025-11-20-ket-luan-hoi-nghi-giao-ban-thang-11.md"
    assert (code, err) == (0, [])
    assert out == ["Số đề xuất: 16-TB/ĐU (sau 15-TB/ĐU ngày 06/11/2025)", f"Đã ghi {path}", CHECK.format(path)]
    text = (root / path).read_text(encoding="utf-8")
    assert text.split("\n", 2)[2] == (
        "number: 16-TB/ĐU\n"
        "title: Kết luận hội nghị giao ban tháng 11/2025\n"
        "date: 2025-11-20\n"
        "issuer: dang-uy\n"
        "type: thong-bao\n"
        "place: Tân Lập\n"
        "signer:\n"
        "  name: Trần Văn Điệp\n"
        "  position: Chánh Văn phòng\n"
        "  authority: T/L Ban Thường vụ\n"
        "---\n\n(Nội dung văn bản)\n")
    assert text.startswith("---\n# yaml-language-server: $schema=")
    assert main(["check", path]) == 0


def test_next_state_number_keeps_the_shape_of_the_latest(archive, capsys):
    archive(notice("12/TB-MTTQ-BTT", "2025-12-12", "mttq"), notice("05/KH-MTTQ-BTT", "2025-10-14", "mttq"))
    code, out, _ = run(capsys, "--type", "thong-bao", "--issuer", "mttq", "--date", "2025-12-20",
                       "--title", "Kết quả Quỹ Vì người nghèo", *SIGNED[:-2], "--authority", "TM. Ban Thường trực")
    path = "notices/2025/2025-12-20-ket-qua-quy-vi-nguoi-ngheo.md"
    assert code == 0
    assert out == ["Số đề xuất: 13/TB-MTTQ-BTT (sau 12/TB-MTTQ-BTT ngày 12/12/2025)", f"Đã ghi {path}",
                   CHECK.format(path)]
    assert main(["check", path]) == 0


@pytest.mark.parametrize("numbers, expected", [
    (["05-TB/ĐU"], "06-TB/ĐU (sau 05-TB/ĐU ngày 01/03/2025)"),
    (["09-TB/ĐU"], "10-TB/ĐU (sau 09-TB/ĐU ngày 01/03/2025)"),
    (["09/2025/TB-MTTQ"], "10/2025/TB-MTTQ (sau 09/2025/TB-MTTQ ngày 01/03/2025)"),
])
def test_leading_zeros_and_years_are_kept(archive, capsys, numbers, expected):
    issuer = "mttq" if "MTTQ" in numbers[0] else "dang-uy"
    archive(*(notice(n, "2025-03-01", issuer) for n in numbers))
    _, out, _ = run(capsys, "--type", "TB", "--issuer", issuer, "--date", "2025-04-01", "--title", "X")
    assert out[0] == f"Số đề xuất: {expected}"


def test_highest_number_wins_over_the_latest_date(archive, capsys):
    archive(notice("20-TB/ĐU", "2025-05-01"), notice("19-TB/ĐU", "2025-06-01"))
    _, out, _ = run(capsys, "--type", "TB", "--issuer", "dang-uy", "--date", "2025-07-01", "--title", "X")
    assert out[0] == "Số đề xuất: 21-TB/ĐU (sau 20-TB/ĐU ngày 01/05/2025)"


@pytest.mark.parametrize("issuer, date, notices, expected", [
    # numbering restarts with the year; the style and symbol come from the issuer's latest number
    ("dang-uy", "2026-01-05", [("15-TB/ĐU", "2025-11-06")],
     "1-TB/ĐU (Thông báo đầu tiên năm 2026; ký hiệu theo 15-TB/ĐU ngày 06/11/2025)"),
    ("dang-uy", "2025-11-20", [("05-KH/ĐU", "2025-08-15")],
     "1-TB/ĐU (Thông báo đầu tiên năm 2025; ký hiệu theo 05-KH/ĐU ngày 15/08/2025)"),
    ("dang-uy", "2025-11-20", [("05-KH/ĐU", "2025-08-15"), ("02-KH/ĐU", "2026-01-10")],
     "1-TB/ĐU (Thông báo đầu tiên năm 2025; ký hiệu theo 05-KH/ĐU ngày 15/08/2025)"),
    ("mttq", "2025-11-20", [("05/KH-MTTQ-BTT", "2025-10-14")],
     "1/TB-MTTQ-BTT (Thông báo đầu tiên năm 2025; ký hiệu theo 05/KH-MTTQ-BTT ngày 14/10/2025)"),
    # nothing in the archive: the unit's code, in the style of its kind of body
    ("dang-uy", "2025-11-20", [], "1-TB/ĐU (Thông báo đầu tiên năm 2025; ký hiệu theo mã ĐU của đơn vị trong "
                                  "notices/units.yml)"),
    ("mttq", "2025-11-20", [], "1/TB-MTTQ (Thông báo đầu tiên năm 2025; ký hiệu theo mã MTTQ của đơn vị trong "
                               "notices/units.yml)"),
    ("hoi-nong-dan", "2025-11-20", [], "1/TB-HND (Thông báo đầu tiên năm 2025; ký hiệu theo mã HND của đơn vị "
                                       "trong notices/units.yml)"),
    ("doan-thanh-nien", "2025-11-20", [], "1-TB/ĐTN (Thông báo đầu tiên năm 2025; ký hiệu theo mã ĐTN của đơn vị "
                                          "trong notices/units.yml)"),
])
def test_first_number_of_a_year(archive, capsys, issuer, date, notices, expected):
    archive(*(notice(n, d, issuer) for n, d in notices))
    code, out, _ = run(capsys, "--type", "thong-bao", "--issuer", issuer, "--date", date, "--title", "X", *SIGNED)
    assert code == 0
    assert out[0] == f"Số đề xuất: {expected}"
    assert main(["check", out[1].removeprefix("Đã ghi ")]) == 0


def test_without_any_number_or_code_the_number_is_a_gap(archive, capsys):
    archive()
    code, out, _ = run(capsys, "--type", "TB", "--issuer", "ban-xay-dung-dang", "--date", "2025-11-20",
                       "--title", "Kết luận", *SIGNED)
    path = "notices/2025/2025-11-20-ket-luan.md"
    assert code == 0
    assert out == ["Chưa đề xuất được số: đơn vị chưa có văn bản nào trong kho và chưa có mã (code) trong "
                   "notices/units.yml.", f"Đã ghi {path}",
                   "Còn để trống: số và ký hiệu; hãy điền theo bản in của văn bản.", CHECK.format(path)]
    assert main(["check", path]) == 1
    assert capsys.readouterr().out.splitlines() == [
        f"{path}:3: number: chưa điền (số và ký hiệu): hãy ghi theo bản in của văn bản"]


@pytest.mark.parametrize("given", ["thong-bao", "Thông báo", "thông báo", "thong bao", "TB", "tb"])
def test_type_by_slug_name_or_code(archive, capsys, given):
    root = archive(notice("15-TB/ĐU", "2025-11-06"))
    code, out, _ = run(capsys, "--type", given, "--issuer", "dang-uy", "--date", "2025-11-20", "--title", "X")
    assert code == 0
    assert out[0] == "Số đề xuất: 16-TB/ĐU (sau 15-TB/ĐU ngày 06/11/2025)"
    assert "\ntype: thong-bao\n" in (root / "notices/2025/2025-11-20-x.md").read_text(encoding="utf-8")


def test_type_code_of_another_type(archive, capsys):
    archive(notice("05-KH/ĐU", "2025-08-15"))
    code, out, _ = run(capsys, "--type", "KH", "--issuer", "ĐU", "--date", "2025-11-20", "--title", "X")
    assert (code, out[0]) == (0, "Số đề xuất: 06-KH/ĐU (sau 05-KH/ĐU ngày 15/08/2025)")


@pytest.mark.parametrize("given", ["Đảng ủy xã Tân Lập", "Đảng ủy", "Đảng uỷ", "đảng ủy", "ĐU"])
def test_issuer_by_name_or_alias(archive, capsys, given):
    root = archive(notice("15-TB/ĐU", "2025-11-06"))
    code, out, _ = run(capsys, "--type", "TB", "--issuer", given, "--date", "2025-11-20", "--title", "X")
    assert (code, out[0]) == (0, "Số đề xuất: 16-TB/ĐU (sau 15-TB/ĐU ngày 06/11/2025)")
    assert "\nissuer: dang-uy\n" in (root / "notices/2025/2025-11-20-x.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("args, message", [
    (["--type", "TB", "--issuer", "dang-uyy"],
     "vanban new: không có đơn vị 'dang-uyy' trong notices/units.yml; có phải 'dang-uy'?"),
    (["--type", "TB", "--issuer", "Hội Phụ nữ"], "vanban new: không có đơn vị 'Hội Phụ nữ' trong notices/units.yml"),
    (["--type", "giay-moi", "--issuer", "dang-uy"],
     "vanban new: không rõ loại văn bản 'giay-moi' (ví dụ: thong-bao, Thông báo hoặc TB)"),
    (["--type", "TB", "--issuer", "dang-uy", "--date", "31/02/2025"],
     "vanban new: ngày '31/02/2025' không đúng; viết YYYY-MM-DD hoặc dd/mm/yyyy, ví dụ 2025-11-06 hoặc 06/11/2025"),
    (["--type", "TB", "--issuer", "dang-uy", "--number", "16-KH/ĐU"],
     "vanban new: số 16-KH/ĐU không phải số của một Thông báo"),
    (["--type", "TB", "--issuer", "dang-uy", "--number", "số mười sáu"],
     "vanban new: 'số mười sáu' không phải số và ký hiệu văn bản (ví dụ 15-TB/ĐU, 12/TB-MTTQ-BTT)"),
    (["--type", "TB", "--issuer", "dang-uy", "--authority", "Bí thư"],
     "vanban new: thẩm quyền ký 'Bí thư' phải bắt đầu bằng T/M, T/L, K/T, TUQ, Q. (văn bản Đảng) hoặc TM., "
     "KT., TL., TUQ., Q. (Nhà nước), ví dụ 'T/L Ban Thường vụ'"),
])
def test_wrong_option_values_are_usage_errors(archive, capsys, args, message):
    root = archive()
    code, _, err = run(capsys, *args, "--title", "X", *(["--date", "2025-11-20"] if "--date" not in args else []))
    assert (code, err) == (2, [message])
    assert not list((root / "notices").glob("*/*.md"))


@pytest.mark.parametrize("given", ["06/11/2025", "6/11/2025", "2025-11-06"])
def test_date_dd_mm_yyyy_is_converted(archive, capsys, given):
    root = archive()
    code, out, _ = run(capsys, "--type", "TB", "--issuer", "dang-uy", "--date", given, "--title", "Giao ban")
    assert (code, out[1]) == (0, "Đã ghi notices/2025/2025-11-06-giao-ban.md")
    assert "\ndate: 2025-11-06\n" in (root / "notices/2025/2025-11-06-giao-ban.md").read_text(encoding="utf-8")


def test_date_defaults_to_today(archive, capsys):
    archive()
    today = dt.date.today()
    _, out, _ = run(capsys, "--type", "TB", "--issuer", "dang-uy", "--title", "Giao ban")
    assert out[1] == f"Đã ghi notices/{today.year}/{today.isoformat()}-giao-ban.md"


@pytest.mark.parametrize("given, kept", [
    ("Thông báo kết luận hội nghị giao ban", "Kết luận hội nghị giao ban"),
    ("THÔNG BÁO: kết luận hội nghị giao ban", "Kết luận hội nghị giao ban"),
    ("Thông báo về kết quả", "Về kết quả"),
])
def test_title_loses_the_type_name(archive, capsys, given, kept):
    root = archive()
    code, out, _ = run(capsys, "--type", "TB", "--issuer", "dang-uy", "--date", "2025-11-20", "--title", given)
    assert code == 0
    assert out[1] == "Đã bỏ “Thông báo” ở đầu trích yếu: tên loại văn bản không ghi trong trích yếu."
    (path,) = (root / "notices/2025").glob("*.md")
    assert f"\ntitle: {kept}\n" in path.read_text(encoding="utf-8")


def test_title_that_only_starts_like_the_type_name_is_kept(archive, capsys):
    root = archive()
    run(capsys, "--type", "TB", "--issuer", "dang-uy", "--date", "2025-11-20", "--title", "Thông báoxyz")
    assert "\ntitle: Thông báoxyz\n" in (root / "notices/2025/2025-11-20-thong-baoxyz.md").read_text(encoding="utf-8")


def test_never_overwrites(archive, capsys):
    root = archive()
    args = ["--type", "TB", "--issuer", "dang-uy", "--date", "2025-11-20", "--title", "Giao ban"]
    assert run(capsys, *args)[0] == 0
    path = root / "notices/2025/2025-11-20-giao-ban.md"
    path.write_text("đã sửa", encoding="utf-8")
    code, _, err = run(capsys, *args, "--number", "99-TB/ĐU")
    assert (code, err) == (1, ["Đã có tệp notices/2025/2025-11-20-giao-ban.md; vanban new không ghi đè. "
                               "Hãy đổi trích yếu hoặc sửa tệp có sẵn."])
    assert path.read_text(encoding="utf-8") == "đã sửa"


def test_given_number_is_normalised_and_not_proposed(archive, capsys):
    root = archive(notice("15-TB/ĐU", "2025-11-06"))
    code, out, _ = run(capsys, "--type", "TB", "--issuer", "dang-uy", "--date", "2025-11-20", "--title", "X",
                       "--number", "Số 17 – TB/ĐU", *SIGNED)
    assert (code, out[0]) == (0, "Đã ghi notices/2025/2025-11-20-x.md")
    assert "\nnumber: 17-TB/ĐU\n" in (root / "notices/2025/2025-11-20-x.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("args, missing", [
    ([], "loại văn bản (--type), đơn vị ban hành (--issuer), trích yếu (--title)"),
    (["--type", "TB", "--issuer", "dang-uy"], "trích yếu (--title)"),
    (["--title", "X"], "loại văn bản (--type), đơn vị ban hành (--issuer)"),
])
def test_missing_options_without_a_terminal(archive, capsys, args, missing):
    root = archive()
    code, out, err = run(capsys, *args)
    assert (code, out, err) == (2, [], [f"vanban new: thiếu {missing}."])
    assert not (root / "notices/2025").exists()


def test_missing_units_registry(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    code, _, err = run(capsys, "--root", "elsewhere", "--type", "TB", "--issuer", "dang-uy", "--title", "X")
    assert (code, err) == (2, ["vanban new: không đọc được danh sách đơn vị elsewhere/notices/units.yml; "
                               "hãy chạy lệnh trong thư mục của kho hoặc dùng --root."])


def test_root_option_from_another_folder(archive, capsys, monkeypatch):
    root = archive(notice("15-TB/ĐU", "2025-11-06"))
    monkeypatch.chdir(root / "notices")  # the path is shown from the current folder
    code, out, _ = run(capsys, "--root", str(root), "--type", "TB", "--issuer", "dang-uy", "--date", "2025-11-20",
                       "--title", "X")
    assert (code, out[1]) == (0, "Đã ghi 2025/2025-11-20-x.md")


def answers(monkeypatch, *replies):
    """A terminal on stdin: each prompt is recorded and answered in turn."""
    prompts, replies = [], list(replies)

    def fake_input(prompt=""):
        prompts.append(prompt)
        if not replies:
            raise EOFError
        return replies.pop(0)

    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    monkeypatch.setattr("builtins.input", fake_input)
    return prompts


def test_interactive_prompts(archive, capsys, monkeypatch):
    root = archive(notice("15-TB/ĐU", "2025-11-06"))
    prompts = answers(monkeypatch, "thông báo", "Đảng ủy", "06/11/2025x", "20/11/2025", "", "",
                      "Thông báo kết luận giao ban", "", "Trần Văn Điệp", "Chánh Văn phòng", "Bí thư",
                      "T/L Ban Thường vụ")
    code, out, err = run(capsys)
    path = "notices/2025/2025-11-20-ket-luan-giao-ban.md"
    assert (code, err) == (0, [])
    assert prompts == ["Loại văn bản: ", "Đơn vị ban hành: ", f"Ngày ban hành [{dt.date.today().isoformat()}]: ",
                       f"Ngày ban hành [{dt.date.today().isoformat()}]: ", "Số và ký hiệu [16-TB/ĐU]: ",
                       "Trích yếu: ", "Trích yếu: ", "Địa danh [Tân Lập]: ", "Họ tên người ký: ",
                       "Chức vụ người ký: ", "Thẩm quyền ký (T/M, T/L, K/T…; để trống nếu không có): ",
                       "Thẩm quyền ký (T/M, T/L, K/T…; để trống nếu không có): "]
    assert out[:2] == ["Các loại văn bản:", "  nghi-quyet: Nghị quyết (NQ)"]
    assert "  quy-dinh: Quy định (QĐ, QĐi, QyĐ)" in out
    units = out.index("Các đơn vị:")
    assert out[units:] == [
        "Các đơn vị:",
        "  dang-uy: Đảng ủy xã Tân Lập",
        "  mttq: Ủy ban Mặt trận Tổ quốc Việt Nam xã Tân Lập",
        "  doan-thanh-nien: Đoàn Thanh niên Cộng sản Hồ Chí Minh xã Tân Lập",
        "  hoi-nong-dan: Hội Nông dân xã Tân Lập",
        "  ban-xay-dung-dang: Ban Xây dựng Đảng",
        "ngày '06/11/2025x' không đúng; viết YYYY-MM-DD hoặc dd/mm/yyyy, ví dụ 2025-11-06 hoặc 06/11/2025",
        "Số đề xuất: 16-TB/ĐU (sau 15-TB/ĐU ngày 06/11/2025)",
        "cần trích yếu của văn bản (không kể tên loại văn bản)",
        "Đã bỏ “Thông báo” ở đầu trích yếu: tên loại văn bản không ghi trong trích yếu.",
        "thẩm quyền ký 'Bí thư' phải bắt đầu bằng T/M, T/L, K/T, TUQ, Q. (văn bản Đảng) hoặc TM., KT., TL., TUQ., "
        "Q. (Nhà nước), ví dụ 'T/L Ban Thường vụ'",
        f"Đã ghi {path}",
        CHECK.format(path),
    ]
    text = (root / path).read_text(encoding="utf-8")
    assert "\nnumber: 16-TB/ĐU\ntitle: Kết luận giao ban\ndate: 2025-11-20\nissuer: dang-uy\n" in text
    assert "\nplace: Tân Lập\n" in text and "\n  authority: T/L Ban Thường vụ\n" in text
    assert main(["check", path]) == 0


def test_interactive_asks_only_for_what_is_missing(archive, capsys, monkeypatch):
    archive(notice("15-TB/ĐU", "2025-11-06"))
    prompts = answers(monkeypatch, "17-TB/ĐU", "", "", "")
    code, out, _ = run(capsys, "--type", "TB", "--issuer", "dang-uy", "--date", "2025-11-20", "--title", "X",
                       "--place", "Tân Lập")
    path = "notices/2025/2025-11-20-x.md"
    assert code == 0
    assert prompts == ["Số và ký hiệu [16-TB/ĐU]: ", "Họ tên người ký: ", "Chức vụ người ký: ",
                       "Thẩm quyền ký (T/M, T/L, K/T…; để trống nếu không có): "]
    assert out == ["Số đề xuất: 16-TB/ĐU (sau 15-TB/ĐU ngày 06/11/2025)", f"Đã ghi {path}",
                   "Còn để trống: họ tên người ký, chức vụ người ký; hãy điền theo bản in của văn bản.",
                   CHECK.format(path)]
    # the gaps, and only them, are what check reports
    assert main(["check", path]) == 1
    assert capsys.readouterr().out.splitlines() == [
        f"{path}:10: signer.name: chưa điền (họ tên người ký): hãy ghi theo bản in của văn bản",
        f"{path}:11: signer.position: chưa điền (chức vụ người ký): hãy ghi theo bản in của văn bản",
    ]


def test_interactive_end_of_input_cancels(archive, capsys, monkeypatch):
    root = archive()
    answers(monkeypatch, "TB")
    code, _, err = run(capsys)
    assert (code, err) == (1, ["", "Đã hủy, chưa ghi tệp nào."])
    assert not (root / "notices/2025").exists()
