"""Mojibake detector: Vietnamese typed in TCVN3 or VNI, or UTF-8 encoded twice, and read as
Unicode, against real Vietnamese and the other things a notice holds.

Positives are real sentences put through encode_as, as a clerk would paste them; every row
of NEGATIVES is text that must pass. The reason of a row is its test id.
"""

import time
import unicodedata

import pytest

from vanban.lang.mojibake import DOUBLE_UTF8, TCVN3, VNI, detect, encode_as

KINDS = [TCVN3, VNI, DOUBLE_UTF8]

SENTENCES = [
    "Đảng ủy xã Tân Lập tổ chức hội nghị giao ban tháng 11/2025",
    "Ban Chấp hành Đảng bộ",
    "Chỉ thị 50-CT/TW ngày 23/7/2025 của Ban Bí thư về tiếp tục đổi mới sinh hoạt chi bộ",
    "Thông báo kết luận của Thường trực Đảng ủy về công tác chuẩn bị đại hội",
    "Ủy ban Mặt trận Tổ quốc Việt Nam xã tổ chức lễ kỷ niệm ngày thành lập",
    "Quyết định về việc khen thưởng các tập thể và cá nhân có thành tích xuất sắc",
    "Hội Liên hiệp Phụ nữ phát động phong trào thi đua yêu nước năm 2026",
    "Kế hoạch triển khai thực hiện Nghị quyết số 57-NQ/TW của Bộ Chính trị",
    "Đoàn Thanh niên Cộng sản Hồ Chí Minh hướng dẫn kết nạp đoàn viên mới",
    "Các đồng chí Bí thư chi bộ chịu trách nhiệm quán triệt đến toàn thể đảng viên",
    "Hội Cựu chiến binh báo cáo sơ kết sáu tháng đầu năm và phương hướng nhiệm vụ",
    "Ủy ban Kiểm tra Đảng ủy thông báo kết quả giám sát chuyên đề năm 2025",
    "Đề nghị các chi bộ trực thuộc nghiêm túc thực hiện, báo cáo kết quả trước ngày 15/12/2025.",
]

TITLES = [
    "Kết luận hội nghị",
    "Quy chế làm việc",
    "Thông báo kết quả giám sát",
    "Nghị quyết Đại hội Đảng bộ",
    "Chương trình công tác năm 2026",
    "KẾT LUẬN HỘI NGHỊ",
    "THÔNG BÁO KẾT QUẢ ĐẠI HỘI",
]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("text", SENTENCES + TITLES)
def test_encoded_sentence_and_title(text, kind):
    mojibake = encode_as(text, kind)
    found = detect(mojibake)
    assert found is not None and found[:2] == (kind, 1)
    assert found[2] in mojibake
    assert detect(text) is None


@pytest.mark.parametrize("kind", KINDS)
def test_encoded_paragraph(kind):
    paragraph = " ".join(s.rstrip(".") + "." for s in SENTENCES)
    found = detect(encode_as(paragraph, kind))
    assert found is not None and found[:2] == (kind, 1)


@pytest.mark.parametrize("kind", KINDS)
def test_encoded_notice_from_its_title(kind):
    found = detect(encode_as(NOTICE, kind))
    assert found is not None and found[:2] == (kind, 2)


ISSUE_EXAMPLES = [
    # (text, expected, reason)
    ("KÕt luËn héi nghÞ", (TCVN3, 1, "KÕt"), "TCVN3 Ket luan hoi nghi"),
    ("Ban ChÊp hµnh", (TCVN3, 1, "ChÊp"), "TCVN3 Ban Chap hanh"),
    ("Keát luaän hoäi nghò", (VNI, 1, "Keát"), "VNI Ket luan hoi nghi"),
    ("Káº¿t luáº\xadn há»™i nghá»‹", (DOUBLE_UTF8, 1, "Káº¿t"), "double UTF-8 Ket luan hoi nghi"),
    ("Äáº£ng á»§y", (DOUBLE_UTF8, 1, "Äáº£ng"), "double UTF-8 Dang uy, the undefined 0x90 dropped"),
    ("Ä\x90áº£ng á»§y", (DOUBLE_UTF8, 1, "Ä\x90áº£ng"), "double UTF-8 Dang uy, 0x90 kept as Latin-1"),
]


@pytest.mark.parametrize("text, expected", [r[:2] for r in ISSUE_EXAMPLES], ids=[r[2] for r in ISSUE_EXAMPLES])
def test_issue_examples(text, expected):
    assert detect(text) == expected


ENCODED = [
    # (Vietnamese, encoding, what a clerk sees)
    ("Kết luận hội nghị", TCVN3, "KÕt luËn héi nghÞ"),
    ("Ban Chấp hành", TCVN3, "Ban ChÊp hµnh"),
    ("Kết luận hội nghị", VNI, "Keát luaän hoäi nghò"),
    ("Kết luận hội nghị", DOUBLE_UTF8, "Káº¿t luáº\xadn há»™i nghá»‹"),
    ("Đảng ủy", DOUBLE_UTF8, "Ä\x90áº£ng á»§y"),
    # Letters checked against Unikey's tables; TCVN3 fonts have no toned capitals.
    ("ư Ư ơ Ơ đ Đ ă Ă â ê ô", TCVN3, "\xad ¦ ¬ ¥ ® § ¨ ¡ © ª «"),
    ("ỹ ỵ ý ữ ì Ấ ấ Ỵ", TCVN3, "ü þ ý ÷ × Ê Ê þ"),
    ("ư Ư ơ Ơ đ Đ ô Ô ă Â", VNI, "ö Ö ô Ô ñ Ñ oâ OÂ aê AÂ"),
    ("ỵ Ỵ ĩ ỉ ị ặ Ặ ữ", VNI, "î Î ó æ ò aë AË öõ"),
    ("à Đ", DOUBLE_UTF8, "Ã\xa0 Ä\x90"),
    ("Không có dấu", TCVN3, "Kh«ng cã dÊu"),
    ("ASCII only 15-TB/DU", VNI, "ASCII only 15-TB/DU"),
]


@pytest.mark.parametrize("text, kind, expected", ENCODED)
def test_encode_as(text, kind, expected):
    assert encode_as(text, kind) == expected


VOWELS = [unicodedata.normalize("NFC", v + m) for v in "aăâeêioôơuưy" for m in ("", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323")]


@pytest.mark.parametrize("kind", KINDS)
def test_every_letter_has_its_own_code(kind):
    letters = VOWELS + ["đ"] + ([v.upper() for v in VOWELS] + ["Đ"] if kind != TCVN3 else [])
    codes = [encode_as(letter, kind) for letter in letters]
    assert len(set(codes)) == len(letters)


def test_unknown_encoding():
    with pytest.raises(ValueError):
        encode_as("Kết luận", "VISCII")


FRONT = '---\ntitle: "Thông báo kết luận hội nghị"\nnumber: 15-TB/ĐU\ndate: 2025-11-06\n---\n\n'

POSITIVES = [
    # (text, (kind, line), reason)
    (FRONT + "# Thông báo kết luận hội nghị\n\n" + encode_as(SENTENCES[3] + "\n\n" + SENTENCES[9], TCVN3),
     (TCVN3, 9), "genuine front matter and heading, TCVN3 body"),
    (FRONT + "Nội dung chính:\n\n- " + encode_as(SENTENCES[0], VNI) + "\n- " + encode_as(SENTENCES[1], VNI),
     (VNI, 9), "VNI body in a Markdown list"),
    ("Dòng một đúng.\nDòng hai đúng.\n" + encode_as(SENTENCES[2], DOUBLE_UTF8),
     (DOUBLE_UTF8, 3), "double UTF-8 from line 3"),
    ('---\ntitle: "' + encode_as("Kết luận hội nghị", TCVN3) + '"\n---\n\n' + SENTENCES[4],
     (TCVN3, 2), "TCVN3 title in genuine front matter"),
    ("| Số | Nội dung |\n|---|---|\n| 1 | " + encode_as("Báo cáo kết quả thực hiện", VNI) + " |",
     (VNI, 3), "VNI in a Markdown table cell"),
    (encode_as("Quy định", TCVN3), (TCVN3, 1), "short title whose only accented word is mojibake"),
    ("¢ÊP B¡¾C", (TCVN3, 1), "TCVN3 capitals written as capital plus small toned code"),
    (SENTENCES[0].encode("utf-8").decode("latin-1"), (DOUBLE_UTF8, 1), "UTF-8 read as Latin-1"),
    (encode_as(SENTENCES[4], DOUBLE_UTF8).replace("\xa0", " "), (DOUBLE_UTF8, 1),
     "double UTF-8 whose no-break spaces became spaces"),
    ("“" + encode_as("Đảng ủy", VNI) + "” " + encode_as("chỉ đạo", VNI), (VNI, 1), "VNI words in quotes"),
    (encode_as("Hội nghị lần thứ", TCVN3) + " Loïc " + encode_as("Ban Thường vụ", TCVN3), (TCVN3, 1),
     "TCVN3 with a foreign name in it"),
]


@pytest.mark.parametrize("text, expected", [r[:2] for r in POSITIVES], ids=[r[2] for r in POSITIVES])
def test_positive(text, expected):
    found = detect(text)
    assert found is not None and found[:2] == expected
    assert found[2] in text.split("\n")[expected[1] - 1]


NOTICE = FRONT + """# Thông báo kết luận của Ban Thường vụ Đảng ủy

**Căn cứ** Quy định số 08-QĐi/TW ngày 25/10/2021 của Ban Chấp hành Trung ương;
Chỉ thị 50-CT/TW ngày 23/7/2025 của Ban Bí thư về tiếp tục đổi mới sinh hoạt chi bộ.

## I. Kết quả

1. Đảng ủy xã Tân Lập tổ chức hội nghị giao ban tháng 11/2025, có 25/27 đồng chí dự (đạt 92,6%).
2. Ủy ban Mặt trận Tổ quốc Việt Nam xã và các đoàn thể phối hợp chặt chẽ.
   - Hội Liên hiệp Phụ nữ: 1.250 hội viên;
   - Đoàn Thanh niên: kết nạp 32 đoàn viên mới.

| Chi bộ | Đảng viên | Xếp loại |
|---|---:|---|
| Thôn Đông | 45 | Hoàn thành tốt nhiệm vụ |
| Thôn Đoài | 38 | Hoàn thành xuất sắc |

> Ghi chú: xem [Hướng dẫn 42-HD/BTCTW](../huong-dan/42-hd-btctw.md).

Nơi nhận:
- Ban Tổ chức Huyện ủy (để b/c),
- Lưu VPĐU.
"""

NEGATIVES = [
    # (text, reason)
    ("", "empty"),
    ("\n\n  \n", "blank lines"),
    (NOTICE, "a whole notice: front matter, headings, lists, a table, a link"),
    ("\n".join(SENTENCES), "the sentences of the positive tests, as written"),
    (" ".join(VOWELS + [v.upper() for v in VOWELS] + ["đ", "Đ"]), "every Vietnamese letter alone"),
    ("Mỹ Tho, Kỳ Sơn, Ỵ, Nguyễn Thị Hường, Trương Mỹ Lan, Lý Thường Kiệt, Vũ Đình Tuấn, Huỳnh Thúc Kháng",
     "names with ỹ Ỵ ơ ư đ"),
    ("hoà bình, uỷ ban, khoẻ mạnh, thuỷ lợi, loà xoà, Thuý Hoà, quý, quỹ, tuỳ", "old tone placement"),
    ("Điều 1. – Giao nhiệm vụ — “Đảng ủy” và ‘chi bộ’ … • № 15 § 3, 25 °C, ½ ngày, ± 5%",
     "document punctuation"),
    ("«Hà Nội» và « Tân Lập »", "guillemets"),
    ("15-TB/ĐU, 57-NQ/TW, 08-QĐi/TW, 123/QĐ-UBND, 20-TB/UBKTĐU, ngày 06/11/2025", "notice numbers"),
    ("The Party Committee of Tan Lap commune held its monthly briefing on 6 November 2025.",
     "English"),
    ("Ông Hans Müller, bà Françoise Dubois và ông José García đến thăm xã Tân Lập.",
     "foreign names in a Vietnamese text"),
    ("Müller", "a foreign name alone"),
    ("François", "another foreign name alone"),
    ("José", "and another"),
    ("Ông Loïc Martin phát biểu. Sau đó ông Loïc trả lời câu hỏi của đại biểu.",
     "a foreign name that decodes as VNI, said twice"),
    ("Bà Zoë và ông Noël tham dự; ông Raphaël vắng mặt.", "names with a diaeresis"),
    ("Khẩu hiệu: « Le café où nous allions était fermé. » Grüße aus München!",
     "French and German quoted"),
    ("Chúc mừng năm mới 🎉🇻🇳 — 👍 Đảng ủy xã 💐", "emoji"),
    ("Ðảng ủy, ÐẢNG BỘ, Ðoàn Thanh niên, Ðo lường, Ðông Anh, ÐU", "Ð (eth) typed for Đ"),
    ("THÔNG BÁO KẾT LUẬN CỦA BAN THƯỜNG VỤ ĐẢNG ỦY VỀ CÔNG TÁC CÁN BỘ", "upper case"),
    ("Các bạn hãy đến Tân Lập vào lúc 7 giờ sáng để nhận giấy mời.", "words with Latin-1 letters only"),
    ("```yaml\nkey: value\nlist: [a, b]\n```\n<div class=\"x\">Tiêu đề</div>\n`code` *nhấn* __mạnh__",
     "code, HTML and emphasis"),
    ("Москва, 北京, Αθήνα, Phnôm Pênh, Viêng Chăn", "other scripts and Vietnamese place names"),
    ("Thông", "one Vietnamese word"),
    ("Ðo lường", "short title typed with eth: Ðo is also TCVN3 for éo"),
    ("Quy chÕ", "TCVN3 for Quy chế that is also a real word, chõ: too little to tell"),
]


@pytest.mark.parametrize("text", [r[0] for r in NEGATIVES], ids=[r[1] for r in NEGATIVES])
def test_negative(text):
    assert detect(text) is None


def test_megabyte_in_well_under_a_second():
    text = "\n\n".join([NOTICE] + SENTENCES)
    text = (text * (1_000_000 // len(text) + 1))[:1_000_000]
    for sample in [text] + [encode_as(text, kind)[:1_000_000] for kind in KINDS]:
        start = time.perf_counter()
        detect(sample)
        assert time.perf_counter() - start < 1.0
