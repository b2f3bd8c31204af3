"""`vanban import`: Word and plain-text notices as offices type them, made into notice files."""

import datetime as dt
from pathlib import Path

import pytest
import yaml
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH

from conftest import DATA, ROOT, make_archive
from vanban.lang import mojibake
from vanban.tools.cli import main
from vanban.tools.importers.names import normal_case

CENTRE = WD_ALIGN_PARAGRAPH.CENTER
SEED = DATA / "import" / "thong-bao-ket-luan-giao-ban-2025-11.md"
ARCHIVED = ROOT / "notices" / "2025" / "2025-11-06-giao-ban-thang-11.md"


# --- building Word files as offices lay them out ---------------------------------------


def paragraph(container, *parts, align=None, style=None, into=None):
    """A paragraph of runs: "text", or ("text", "b"/"i"/"bi") for bold and italic."""
    p = into if into is not None else container.add_paragraph(style=style)
    for part in parts:
        text, fmt = (part, "") if isinstance(part, str) else part
        run = p.add_run(text)
        run.bold = True if "b" in fmt else None
        run.italic = True if "i" in fmt else None
    if align is not None:
        p.alignment = align
    return p


def fill(cell, lines, align=None):
    """One paragraph per line in a table cell (its first, empty paragraph used first)."""
    for i, parts in enumerate(lines):
        parts = parts if isinstance(parts, tuple) else (parts,)
        paragraph(cell, *parts, align=align, into=cell.paragraphs[0] if i == 0 else None)


def two_columns(doc, left, right, left_align=None):
    """The borderless 2-column table of a header or of "Nơi nhận" and the signature."""
    table = doc.add_table(rows=1, cols=2)  # the template's plain table style has no borders
    cells = table.rows[0].cells
    fill(cells[0], left, left_align)
    fill(cells[1], right, CENTRE)


def party_docx(path: Path, heading_a="a) Thời hạn thực hiện") -> Path:
    doc = Document()
    two_columns(doc, ["ĐẢNG BỘ TỈNH PHÚ THỌ", (("ĐẢNG ỦY XÃ TÂN LẬP", "b"),), "*", "Số 15-TB/ĐU"],
                [(("ĐẢNG CỘNG SẢN VIỆT NAM", "b"),), (("Tân Lập, ngày 06 tháng 11 năm 2025", "i"),)], CENTRE)
    paragraph(doc, ("THÔNG BÁO", "b"), align=CENTRE)
    paragraph(doc, ("kết luận hội nghị giao ban khối Đảng, MTTQ và", "b"), align=CENTRE)
    paragraph(doc, ("các tổ chức chính trị - xã hội tháng 11/2025", "b"), align=CENTRE)
    paragraph(doc, "-----", align=CENTRE)
    paragraph(doc, "Sáng ngày 05/11/2025, Thường trực Đảng ủy tổ chức hội nghị giao ban tháng 11/2025.")
    paragraph(doc, "Đồng chí Trần Văn Vy - Bí thư Đảng ủy, Chủ tịch HĐND xã - chủ trì hội nghị.")
    paragraph(doc, ("I. ĐÁNH GIÁ HOẠT ĐỘNG THÁNG 10", "b"))
    paragraph(doc, "Các cơ quan đã hoàn thành ", ("tốt", "b"), " các nhiệm vụ, ", ("đúng hạn", "i"), " (*).")
    paragraph(doc, ("II. NHIỆM VỤ TRỌNG TÂM THÁNG 11", "b"))
    paragraph(doc, ("1. Ban Xây dựng Đảng", "b"))
    paragraph(doc, "- Thực hiện nghiêm Chỉ thị 50-CT/TW ngày 23/7/2025 của Ban Bí thư.")
    paragraph(doc, "+ Rà soát hồ sơ đảng viên;")
    paragraph(doc, "2. Các chi bộ rà soát, báo cáo kết quả thực hiện trước ngày 30/11/2025 về Văn phòng Đảng ủy.")
    paragraph(doc, (heading_a, "b"))
    paragraph(doc, "Nộp báo cáo trước ngày 25/11/2025.", style="List Bullet")  # Word's own bullet
    paragraph(doc, "Trên đây là Thông báo kết luận của đồng chí Bí thư Đảng ủy./.")
    two_columns(doc, [(("Nơi nhận:", "bi"),), "- TT Đảng ủy,", "- Các chi bộ trực thuộc,\n- Lưu VPĐU."],
                [(("T/L BAN THƯỜNG VỤ", "b"),), (("CHÁNH VĂN PHÒNG", "b"),), (("(Đã ký)", "i"),), "",
                 (("Trần Văn Điệp", "b"),)])
    doc.save(path)
    return path


PARTY_FIELDS = {
    "number": "15-TB/ĐU",
    "title": "Kết luận hội nghị giao ban khối Đảng, MTTQ và các tổ chức chính trị - xã hội tháng 11/2025",
    "date": dt.date(2025, 11, 6),
    "issuer": "dang-uy",
    "place": "Tân Lập",
    "signer": {"name": "Trần Văn Điệp", "position": "Chánh Văn phòng", "authority": "T/L Ban Thường vụ"},
    "recipients": ["TT Đảng ủy", "Các chi bộ trực thuộc", "Lưu VPĐU"],
    "meeting": {"date": dt.date(2025, 11, 5), "chair": "Trần Văn Vy"},
}

PARTY_BODY = """\
Sáng ngày 05/11/2025, Thường trực Đảng ủy tổ chức hội nghị giao ban tháng 11/2025.

Đồng chí Trần Văn Vy - Bí thư Đảng ủy, Chủ tịch HĐND xã - chủ trì hội nghị.

## I. ĐÁNH GIÁ HOẠT ĐỘNG THÁNG 10

Các cơ quan đã hoàn thành **tốt** các nhiệm vụ, *đúng hạn* (\\*).

## II. NHIỆM VỤ TRỌNG TÂM THÁNG 11

### 1. Ban Xây dựng Đảng

- Thực hiện nghiêm Chỉ thị 50-CT/TW ngày 23/7/2025 của Ban Bí thư.

    - Rà soát hồ sơ đảng viên;

2\\. Các chi bộ rà soát, báo cáo kết quả thực hiện trước ngày 30/11/2025 về Văn phòng Đảng ủy.

#### a) Thời hạn thực hiện

- Nộp báo cáo trước ngày 25/11/2025.

Trên đây là Thông báo kết luận của đồng chí Bí thư Đảng ủy./.
"""


def state_docx(path: Path) -> Path:
    """MTTQ in the State style; its header table has one row per line, as many offices make it."""
    doc = Document()
    rows = [("ỦY BAN MTTQ VIỆT NAM", ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "b")),
            ("XÃ TÂN LẬP", ("Độc lập - Tự do - Hạnh phúc", "b")),
            (("BAN THƯỜNG TRỰC", "b"), ""),
            ("Số: 12/TB-MTTQ-BTT", ("Tân Lập, ngày 14 tháng 10 năm 2025", "i"))]
    table = doc.add_table(rows=len(rows), cols=2)
    for row, (left, right) in zip(table.rows, rows):
        paragraph(None, left, align=CENTRE, into=row.cells[0].paragraphs[0])
        paragraph(None, right, align=CENTRE, into=row.cells[1].paragraphs[0])
    paragraph(doc, ("THÔNG BÁO", "b"), align=CENTRE)
    paragraph(doc, ("V/v tổ chức Ngày hội Đại đoàn kết toàn dân tộc", "b"), align=CENTRE)
    paragraph(doc, ("năm 2025", "b"), align=CENTRE)
    paragraph(doc, "Thực hiện Kế hoạch của Ủy ban MTTQ Việt Nam tỉnh, Ban Thường trực thông báo như sau:")
    paragraph(doc, ("1. Thời gian, địa điểm", "b"))
    paragraph(doc, "- Thời gian: ", ("từ ngày 10/11 đến ngày 18/11/2025", "b"), ";")
    paragraph(doc, "- Địa điểm: nhà văn hóa các khu dân cư.")
    paragraph(doc, ("2. Tổ chức thực hiện", "b"))
    paragraph(doc, "Ban công tác Mặt trận các khu dân cư xây dựng kế hoạch cụ thể.")
    two_columns(doc, [(("Nơi nhận:", "bi"),), "- Thường trực Đảng ủy;", "- Các khu dân cư;", "- Lưu: VT."],
                [(("TM. BAN THƯỜNG TRỰC", "b"),), (("CHỦ TỊCH", "b"),), "", "", (("Nguyễn Thị Hoa", "b"),)])
    doc.save(path)
    return path


STATE_FIELDS = {
    "number": "12/TB-MTTQ-BTT",
    "title": "V/v tổ chức Ngày hội Đại đoàn kết toàn dân tộc năm 2025",
    "date": dt.date(2025, 10, 14),
    "issuer": "mttq",
    "place": "Tân Lập",
    "signer": {"name": "Nguyễn Thị Hoa", "position": "Chủ tịch", "authority": "TM. Ban Thường trực"},
    "recipients": ["Thường trực Đảng ủy", "Các khu dân cư", "Lưu: VT"],
}

STATE_BODY = """\
Thực hiện Kế hoạch của Ủy ban MTTQ Việt Nam tỉnh, Ban Thường trực thông báo như sau:

### 1. Thời gian, địa điểm

- Thời gian: **từ ngày 10/11 đến ngày 18/11/2025**;

- Địa điểm: nhà văn hóa các khu dân cư.

### 2. Tổ chức thực hiện

Ban công tác Mặt trận các khu dân cư xây dựng kế hoạch cụ thể.
"""


# --- helpers ----------------------------------------------------------------------------


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A tiny archive (tests/data/units.yml) as the current folder; inputs lie outside it."""
    root = make_archive(tmp_path / "kho", {})
    (tmp_path / "in").mkdir()
    monkeypatch.chdir(root)
    return root


def run_import(capsys, *args) -> tuple[int, list[str], str]:
    code = main(["import", *map(str, args)])
    captured = capsys.readouterr()
    return code, captured.out.splitlines(), captured.err


def read_written(path: Path) -> tuple[dict, str]:
    text = path.read_text(encoding="utf-8")
    _, head, body = text.split("---\n", 2)
    return yaml.safe_load(head), body.lstrip("\n")


def check(capsys, path) -> tuple[int, list[str]]:
    code = main(["check", str(path)])
    return code, capsys.readouterr().out.splitlines()


def written_files(root: Path) -> list[Path]:
    return sorted(p for p in (root / "notices").rglob("*.md"))


# --- Word --------------------------------------------------------------------------------


def test_party_docx_fills_every_field_and_writes_the_body_as_markdown(project, capsys):
    source = party_docx(project.parent / "in" / "tb-15.docx")
    code, out, err = run_import(capsys, source)
    path = "notices/2025/2025-11-06-ket-luan-hoi-nghi-giao-ban-khoi-dang.md"
    assert (code, err) == (0, "")
    assert out == [f"Đã ghi {path}", f"Chạy `vanban check {path}` để kiểm tra."]
    fields, body = read_written(project / path)
    assert fields == PARTY_FIELDS  # no type: 15-TB/ĐU already says thong-bao
    assert body == PARTY_BODY
    assert check(capsys, path) == (0, [])


def test_state_docx_with_one_row_per_header_line(project, capsys):
    source = state_docx(project.parent / "in" / "tb-12.docx")
    code, out, _ = run_import(capsys, source)
    path = "notices/2025/2025-10-14-v-v-to-chuc-ngay-hoi-dai-doan.md"
    assert code == 0
    assert out == [f"Đã ghi {path}", f"Chạy `vanban check {path}` để kiểm tra."]
    fields, body = read_written(project / path)
    assert fields == STATE_FIELDS
    assert body == STATE_BODY
    assert check(capsys, path) == (0, [])


def test_an_issuer_not_in_units_yml_is_a_gap_holding_its_printed_name(project, capsys):
    source = project.parent / "in" / "other.docx"
    party_docx(source)
    doc = Document(source)
    doc.tables[0].rows[0].cells[0].paragraphs[1].runs[0].text = "ĐẢNG ỦY XÃ HÒA BÌNH"
    doc.save(source)
    code, out, _ = run_import(capsys, source)
    assert code == 0
    assert out[1] == ("Không tìm thấy: đơn vị ban hành (issuer) — “ĐẢNG ỦY XÃ HÒA BÌNH” không có trong "
                      "notices/units.yml; hãy điền mã đơn vị (id) hoặc thêm đơn vị vào units.yml")
    (path,) = written_files(project)
    fields, _ = read_written(path)
    assert fields["issuer"] == "?? ĐẢNG ỦY XÃ HÒA BÌNH"  # not dang-uy, though its number says ĐU
    code, problems = check(capsys, path)
    assert code == 1 and [p.split(": ")[1] for p in problems] == ["issuer"]


def test_cong_van_takes_its_summary_from_v_v_under_the_number(project, capsys):
    doc = Document()
    table = doc.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    fill(left, [(("ĐẢNG BỘ TỈNH PHÚ THỌ\nĐẢNG UỶ XÃ TÂN LẬP", "b"),), "*", "Số 123-CV/ĐU",
                (("V/v tăng cường công tác phòng chống lụt bão", "i"),)], CENTRE)
    fill(right, [(("ĐẢNG CỘNG SẢN VIỆT NAM", "b"),), (("Tân Lập, ngày 20 tháng 9 năm 2025", "i"),)])
    paragraph(doc, "Kính gửi: Các chi bộ trực thuộc.")
    paragraph(doc, "1.Chủ động rà soát các điểm xung yếu.")
    paragraph(doc, "Nơi nhận:\n- Như trên,\n- Lưu VPĐU.")
    paragraph(doc, ("T/M BAN THƯỜNG VỤ\nPHÓ BÍ THƯ", "b"))
    paragraph(doc, "NGUYỄN VĂN AN")
    doc.save(project.parent / "in" / "cv.docx")
    assert run_import(capsys, project.parent / "in" / "cv.docx")[0] == 0
    (path,) = written_files(project)
    fields, body = read_written(path)
    assert fields == {
        "number": "123-CV/ĐU", "title": "V/v tăng cường công tác phòng chống lụt bão", "date": dt.date(2025, 9, 20),
        "issuer": "dang-uy", "place": "Tân Lập",
        "signer": {"name": "Nguyễn Văn An", "position": "Phó Bí thư", "authority": "T/M Ban Thường vụ"},
        "recipients": ["Như trên", "Lưu VPĐU"],
    }
    assert body == "Kính gửi: Các chi bộ trực thuộc.\n\n1.Chủ động rà soát các điểm xung yếu.\n"
    assert check(capsys, path) == (0, [])


def test_word_numbering_and_soft_line_breaks(tmp_path):
    from vanban.tools.importers import word

    doc = Document()
    doc.add_paragraph("Một", style="List Number")
    doc.add_paragraph("Hai", style="List Number")
    doc.add_paragraph("Ý", style="List Bullet")
    paragraph(doc, "- dòng một,\n- dòng hai.")
    doc.save(tmp_path / "n.docx")
    assert [b.text for b in word.read(tmp_path / "n.docx")] == ["1. Một", "2. Hai", "- Ý", "- dòng một,",
                                                                "- dòng hai."]


# --- the seed: plain text without header ------------------------------------------------


def test_seed_gives_the_archived_notice_with_gaps_for_number_and_date(project, capsys):
    code, out, _ = run_import(capsys, SEED)
    today = dt.date.today()
    path = f"notices/{today.year}/{today.isoformat()}-ket-luan-hoi-nghi-giao-ban-khoi-dang.md"
    assert code == 0
    assert out == [
        f"Đã ghi {path}",
        "Không tìm thấy: số và ký hiệu (number) — hãy điền theo bản in",
        "Không tìm thấy: ngày ban hành (date) — hãy điền theo bản in",
        "Suy ra: đơn vị ban hành (issuer) là dang-uy, theo “Lưu VPĐU” — hãy đối chiếu bản in",
        "Suy ra: nơi ban hành (place) là Tân Lập, theo tên đơn vị — hãy đối chiếu bản in",
        "Tên tệp tạm lấy ngày hôm nay; khi điền ngày ban hành, hãy đổi tên tệp (và thư mục năm) cho khớp.",
        f"Chạy `vanban check {path}` để kiểm tra.",
    ]
    fields, body = read_written(project / path)
    archived, archived_body = read_written(ARCHIVED)
    for key in ("title", "issuer", "type", "place", "signer", "recipients", "meeting"):
        assert fields[key] == archived[key], key
    assert fields["number"] == "?? số và ký hiệu"
    assert fields["date"] == "?? ngày ban hành"
    assert set(fields) == {"number", "title", "date", "issuer", "type", "place", "signer", "recipients",
                           "meeting"}
    assert body == archived_body
    code, problems = check(capsys, path)
    assert code == 1
    assert [p.split(": ")[1] for p in problems] == ["number", "date"]


def test_seed_pasted_as_plain_text_without_blank_lines_reads_the_same(project, capsys):
    squeezed = "\n".join(line.rstrip() for line in SEED.read_text(encoding="utf-8").splitlines() if line.strip())
    source = project.parent / "in" / "seed.txt"
    source.write_text(squeezed, encoding="utf-8")
    assert run_import(capsys, source)[0] == 0
    (path,) = written_files(project)
    fields, body = read_written(path)
    archived, archived_body = read_written(ARCHIVED)
    assert {k: fields[k] for k in ("title", "issuer", "place", "signer", "recipients", "meeting")} == \
        {k: archived[k] for k in ("title", "issuer", "place", "signer", "recipients", "meeting")}
    assert body == archived_body


def test_never_overwrites(project, capsys):
    source = party_docx(project.parent / "in" / "tb.docx")
    first = "notices/2025/2025-11-06-ket-luan-hoi-nghi-giao-ban-khoi-dang.md"
    assert run_import(capsys, source)[0] == 0
    (project / first).write_text("sửa tay", encoding="utf-8")
    code, out, _ = run_import(capsys, source)
    second = first.replace(".md", "-2.md")
    assert code == 0
    assert out[0] == f"Đã ghi {second} (đã có {first}, không ghi đè)"
    assert (project / first).read_text(encoding="utf-8") == "sửa tay"
    assert run_import(capsys, source)[1][0].startswith(f"Đã ghi {first.replace('.md', '-3.md')}")


def test_plain_text_with_tab_columns(project, capsys):
    source = project.parent / "in" / "tb.txt"
    source.write_text(
        "\ufeffĐẢNG BỘ TỈNH PHÚ THỌ\tĐẢNG CỘNG SẢN VIỆT NAM\r\nĐẢNG UỶ XÃ TÂN LẬP\r\n*\r\n"
        "Số 15-TB/ĐU\tTân Lập, ngày 06 tháng 11 năm 2025\r\n\r\nTHÔNG BÁO\r\n"
        "Kết luận hội nghị giao ban tháng 11/2025\r\n"
        "Sáng ngày 05/11/2025, Thường trực Đảng ủy tổ chức hội nghị giao ban.\r\n"
        "I. ĐÁNH GIÁ\r\nCác cơ quan hoàn thành nhiệm vụ.\r\n1. Ban Xây dựng Đảng\r\n-Thực hiện tốt.\r\n"
        "+ Rà soát.\r\nTrên đây là Thông báo./.\r\n"
        "Nơi nhận:\t\tT/L BAN THƯỜNG VỤ\r\n- TT Đảng ủy,\t\tCHÁNH VĂN PHÒNG\r\n- Lưu VPĐU.\r\n\r\n"
        "\t\tTrần Văn Điệp\r\n", encoding="utf-8")
    code, out, _ = run_import(capsys, source)
    assert code == 0
    (path,) = written_files(project)
    fields, body = read_written(path)
    assert fields == {
        "number": "15-TB/ĐU", "title": "Kết luận hội nghị giao ban tháng 11/2025", "date": dt.date(2025, 11, 6),
        "issuer": "dang-uy", "place": "Tân Lập",
        "signer": {"name": "Trần Văn Điệp", "position": "Chánh Văn phòng", "authority": "T/L Ban Thường vụ"},
        "recipients": ["TT Đảng ủy", "Lưu VPĐU"], "meeting": {"date": dt.date(2025, 11, 5)},
    }
    assert body == ("Sáng ngày 05/11/2025, Thường trực Đảng ủy tổ chức hội nghị giao ban.\n\n## I. ĐÁNH GIÁ\n\n"
                    "Các cơ quan hoàn thành nhiệm vụ.\n\n### 1. Ban Xây dựng Đảng\n\n- Thực hiện tốt.\n\n"
                    "    - Rà soát.\n\nTrên đây là Thông báo./.\n")
    assert check(capsys, path) == (0, [])


def test_windows_1258_text_is_read_and_said_so(project, capsys):
    from vanban.lang.text import clean

    text = ("ĐẢNG ỦY XÃ TÂN LẬP\nSố 15-TB/ĐU\nTân Lập, ngày 06 tháng 11 năm 2025\nTHÔNG BÁO\n"
            "Kết luận hội nghị giao ban\nCác chi bộ thực hiện nghiêm túc.\nNơi nhận:\n- Lưu VPĐU.\n"
            "T/L BAN THƯỜNG VỤ\nCHÁNH VĂN PHÒNG\nTrần Văn Điệp\n")
    source = project.parent / "in" / "tb.txt"
    source.write_bytes(_cp1258(text))
    code, out, _ = run_import(capsys, source)
    assert code == 0
    assert out[1] == "Tệp không phải UTF-8: đã đọc theo bảng mã Windows-1258 (cp1258); hãy đối chiếu dấu với bản in."
    (path,) = written_files(project)
    fields, body = read_written(path)
    assert (fields["title"], fields["issuer"], fields["signer"]["name"]) == (
        "Kết luận hội nghị giao ban", "dang-uy", "Trần Văn Điệp")
    assert body == clean("Các chi bộ thực hiện nghiêm túc.\n")


def _cp1258(text: str) -> bytes:
    """Windows-1258 as Word saves it: a base letter (ê, ơ, ă …) then the tone as a combining mark."""
    import unicodedata

    tones = "\u0300\u0301\u0303\u0309\u0323"
    out = b""
    for ch in text:
        decomposed = unicodedata.normalize("NFD", ch)
        tone = "".join(c for c in decomposed if c in tones)
        base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in tones))
        out += base.encode("cp1258") + tone.encode("cp1258")
    return out


# --- refused inputs ---------------------------------------------------------------------


def test_tcvn3_text_is_refused_naming_the_encoding(project, capsys):
    source = project.parent / "in" / "cu.txt"
    source.write_text(mojibake.encode_as("2025\nKết luận hội nghị giao ban tháng 11", "TCVN3"), encoding="utf-8")
    code, out, err = run_import(capsys, source)
    assert (code, out) == (1, [])
    assert err == (f"{source}: dòng 2: Văn bản gõ bằng bảng mã TCVN3 ('KÕt'); "
                   "hãy chuyển sang Unicode bằng Unikey rồi nhập lại\n")
    assert written_files(project) == []


def test_tcvn3_bytes_are_refused_too(project, capsys):
    source = project.parent / "in" / "cu.txt"
    typed = mojibake.encode_as("Kết luận hội nghị giao ban tháng 11", "TCVN3")
    source.write_bytes(typed.encode("cp1252"))
    code, _, err = run_import(capsys, source)
    assert code == 1
    assert err == f"{source}: dòng 1: Văn bản gõ bằng bảng mã TCVN3 ('KÕt'); hãy chuyển sang Unicode bằng Unikey rồi nhập lại\n"


def test_tcvn3_in_a_word_file_is_refused(project, capsys):
    source = project.parent / "in" / "cu.docx"
    doc = Document()
    paragraph(doc, mojibake.encode_as("Kết luận hội nghị giao ban", "TCVN3"))
    doc.save(source)
    assert run_import(capsys, source) == (1, [], (
        f"{source}: đoạn 1: Văn bản gõ bằng bảng mã TCVN3 ('KÕt'); hãy chuyển sang Unicode bằng Unikey rồi nhập lại\n"))


def test_pdf_is_refused(project, capsys):
    source = project.parent / "in" / "tb.pdf"
    source.write_bytes(b"%PDF-1.4\n")
    assert run_import(capsys, source) == (1, [], (
        f"{source}: không nhập được tệp PDF; hãy dùng tệp Word (.docx) gốc của văn bản, "
        "hoặc chép nội dung sang tệp .txt (UTF-8)\n"))


@pytest.mark.parametrize("content", [b"not a zip at all", b"PK\x03\x04broken"], ids=["text", "cut-zip"])
def test_broken_docx_is_refused(project, capsys, content):
    source = project.parent / "in" / "tb.docx"
    source.write_bytes(content)
    code, out, err = run_import(capsys, source)
    assert (code, out) == (1, [])
    assert err.startswith(f"{source}: tệp .docx bị hỏng hoặc không phải tệp Word thật (")
    assert err.endswith("); hãy mở bằng Word rồi lưu lại thành .docx (Word Document)\n")
    assert written_files(project) == []


def test_docx_without_document_part_is_refused(project, capsys):
    import zipfile

    source = project.parent / "in" / "tb.docx"
    with zipfile.ZipFile(source, "w") as z:
        z.writestr("hello.txt", "xin chào")
    assert run_import(capsys, source)[0] == 1


def test_missing_file_and_bad_root_are_usage_errors(project, capsys):
    assert run_import(capsys, "khong-co.docx") == (2, [], "khong-co.docx: không có tệp này\n")
    source = party_docx(project.parent / "in" / "tb.docx")
    assert run_import(capsys, source, "--root", "khong-co")[0] == 2


def test_root_is_found_from_a_subfolder(project, capsys, monkeypatch):
    monkeypatch.chdir(project / "notices")
    source = party_docx(project.parent / "in" / "tb.docx")
    code, out, _ = run_import(capsys, source)
    assert code == 0
    assert out[0] == "Đã ghi 2025/2025-11-06-ket-luan-hoi-nghi-giao-ban-khoi-dang.md"
    assert len(written_files(project)) == 1


# --- names out of capitals --------------------------------------------------------------


@pytest.mark.parametrize("printed, normal", [
    ("BAN THƯỜNG VỤ", "Ban Thường vụ"),
    ("CHÁNH VĂN PHÒNG", "Chánh Văn phòng"),
    ("BAN THƯỜNG TRỰC", "Ban Thường trực"),
    ("PHÓ BÍ THƯ", "Phó Bí thư"),
    ("ĐẢNG UỶ", "Đảng uỷ"),  # the old tone placement stays as printed
    ("CHỦ TỊCH UBND XÃ TÂN LẬP", "Chủ tịch UBND xã Tân Lập"),
    ("ỦY BAN NHÂN DÂN", "Ủy ban nhân dân"),
    ("TRƯỞNG BAN XÂY DỰNG ĐẢNG", "Trưởng Ban Xây dựng Đảng"),
    ("PHÓ TRƯỞNG BAN", "Phó Trưởng ban"),
    ("BÍ THƯ TỈNH UỶ", "Bí thư Tỉnh uỷ"),
])
def test_normal_case(printed, normal):
    assert normal_case(printed) == normal
