"""Citation finder: a table of real-shaped sentences, positives and negatives mixed.

Each row is (text, expected, reason); the reason is the test id. An expected citation
is (number, type, date, issuer) or, with a fifth item, also the text it covers,
text[start:end].
"""

import unicodedata

import pytest

from vanban.lang.citations import find_citations

NBSP = "\u00a0"
ETH = "\u00d0"  # "Ð", typed for "Đ"

CASES = [
    # --- Party shapes (VIETNAMESE-DOCUMENTS.md) ---
    ("Thực hiện Chỉ thị 50-CT/TW.", [("50-CT/TW", "chi-thi", None, None, "Chỉ thị 50-CT/TW")],
     "party CT after its type word"),
    ("theo Hướng dẫn 42-HD/BTCTW", [("42-HD/BTCTW", "huong-dan", None, None, "Hướng dẫn 42-HD/BTCTW")],
     "party HD with a long body"),
    ("quán triệt Nghị quyết số 57-NQ/TW", [("57-NQ/TW", "nghi-quyet", None, None, "Nghị quyết số 57-NQ/TW")],
     "type word and so before the number"),
    ("Quy định số 08-QĐi/TW của Ban Chấp hành Trung ương về",
     [("08-QĐi/TW", "quy-dinh", None, "Ban Chấp hành Trung ương", "Quy định số 08-QĐi/TW của Ban Chấp hành Trung ương")],
     "QĐi with lower-case letter, issuer BCH TW"),
    ("Thông báo số 123-TB/ĐU ngày 06/11/2025",
     [("123-TB/ĐU", "thong-bao", "2025-11-06", None, "Thông báo số 123-TB/ĐU ngày 06/11/2025")],
     "party TB of a commune Dang uy"),
    ("Thông báo 20-TB/UBKTĐU của Ủy ban Kiểm tra Đảng ủy.",
     [("20-TB/UBKTĐU", "thong-bao", None, "Ủy ban Kiểm tra Đảng ủy", "Thông báo 20-TB/UBKTĐU của Ủy ban Kiểm tra Đảng ủy")],
     "UBKTĐU body"),
    ("Chương trình 147-CTHĐ/TU của Tỉnh ủy",
     [("147-CTHĐ/TU", "chuong-trinh", None, "Tỉnh ủy", "Chương trình 147-CTHĐ/TU của Tỉnh ủy")],
     "CTHĐ code"),
    ("Kết luận 24-BS/UBKTTU", [("24-BS/UBKTTU", "ket-luan", None, None)],
     "unknown code BS typed by its word"),
    ("theo 24-BS/UBKTTU", [("24-BS/UBKTTU", None, None, None, "24-BS/UBKTTU")],
     "unknown code BS and no word: type None"),
    ("Quyết định số 367-QĐ/TWĐTN-VP", [("367-QĐ/TWĐTN-VP", "quyet-dinh", None, None, "Quyết định số 367-QĐ/TWĐTN-VP")],
     "two-part party body"),
    ("triển khai 57-NQ/TW trong", [("57-NQ/TW", "nghi-quyet", None, None, "57-NQ/TW")],
     "bare number, type from the code"),
    ("theo 08-QĐi/TW", [("08-QĐi/TW", "quy-dinh", None, None)], "QĐi alone is quy-dinh"),
    ("Công văn số 15-CV/ĐU", [("15-CV/ĐU", "cong-van", None, None, "Công văn số 15-CV/ĐU")], "party CV"),
    ("Kết luận 21-KL/TW", [("21-KL/TW", "ket-luan", None, None)], "party KL"),
    ("Kế hoạch số 03-KH/ĐU", [("03-KH/ĐU", "ke-hoach", None, None)], "party KH"),
    ("Báo cáo 12-BC/ĐU", [("12-BC/ĐU", "bao-cao", None, None)], "party BC"),
    ("Tờ trình 02-TTr/ĐU", [("02-TTr/ĐU", "to-trinh", None, None, "Tờ trình 02-TTr/ĐU")], "party TTr"),
    ("Đề án 01-ĐA/TU", [("01-ĐA/TU", "de-an", None, None)], "party ĐA"),
    ("Quy chế 01-QC/ĐU", [("01-QC/ĐU", "quy-che", None, None)], "party QC"),
    ("Biên bản 05-BB/CB", [("05-BB/CB", "bien-ban", None, None)], "party BB"),
    ("Chương trình 02-CTr/ĐU", [("02-CTr/ĐU", "chuong-trinh", None, None)], "party CTr"),
    # --- State shapes ---
    ("Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ về công tác văn thư",
     [("30/2020/NĐ-CP", "nghi-dinh", "2020-03-05", "Chính phủ",
       "Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ")],
     "state NĐ-CP with date and issuer"),
    ("Quyết định số 15/QĐ-UBND của UBND xã về",
     [("15/QĐ-UBND", "quyet-dinh", None, "UBND xã", "Quyết định số 15/QĐ-UBND của UBND xã")],
     "state QĐ without year"),
    ("Quyết định 12/2025/QĐ-UBND ngày 01/7/2025 của UBND tỉnh",
     [("12/2025/QĐ-UBND", "quyet-dinh", "2025-07-01", "UBND tỉnh")], "state QĐ with year"),
    ("Luật số 72/2025/QH15", [("72/2025/QH15", "luat", None, None, "Luật số 72/2025/QH15")], "law with its word"),
    ("Luật Bầu cử đại biểu Quốc hội và đại biểu Hội đồng nhân dân số 85/2015/QH13 quy định",
     [("85/2015/QH13", "luat", None, None, "85/2015/QH13")], "long law title skipped, luat from QH"),
    ("văn bản số 123/UBND-VP ngày 10/10/2025 của UBND xã",
     [("123/UBND-VP", "cong-van", "2025-10-10", "UBND xã", "văn bản số 123/UBND-VP ngày 10/10/2025 của UBND xã")],
     "cong van after van ban"),
    ("Công văn số 123/UBND-VP", [("123/UBND-VP", "cong-van", None, None, "Công văn số 123/UBND-VP")],
     "cong van after its word"),
    ("văn bản số 15/QĐ-UBND", [("15/QĐ-UBND", "quyet-dinh", None, None, "văn bản số 15/QĐ-UBND")],
     "van ban is generic: the code decides"),
    ("Hướng dẫn số 05/HD-MTTW-BTT của Ban Thường trực Ủy ban Trung ương MTTQ Việt Nam.",
     [("05/HD-MTTW-BTT", "huong-dan", None, "Ban Thường trực Ủy ban Trung ương MTTQ Việt Nam")],
     "MTTQ state style, three-part tail"),
    ("Thông tư 01/2021/TT-BNV của Bộ Nội vụ", [("01/2021/TT-BNV", "thong-tu", None, "Bộ Nội vụ")], "state TT"),
    ("theo 01/2021/TT-BNV", [("01/2021/TT-BNV", "thong-tu", None, None)], "state TT alone is thong-tu"),
    ("Quyết định số 1234/QĐ-TTg của Thủ tướng Chính phủ.",
     [("1234/QĐ-TTg", "quyet-dinh", None, "Thủ tướng Chính phủ")], "TTg body with lower case"),
    ("Số: 12/TB-MTTQ-BTT", [("12/TB-MTTQ-BTT", "thong-bao", None, None, "12/TB-MTTQ-BTT")],
     "Số: prefix left out of number and span"),
    ("Chỉ thị số 05/CT-UBND", [("05/CT-UBND", "chi-thi", None, None)], "state CT"),
    # --- typed variants ---
    ("Nghị quyết 15 - NQ/TW", [("15-NQ/TW", "nghi-quyet", None, None, "Nghị quyết 15 - NQ/TW")], "spaces around hyphen"),
    ("Nghị quyết 15 – NQ/TW", [("15-NQ/TW", "nghi-quyet", None, None, "Nghị quyết 15 – NQ/TW")], "en dash"),
    ("Nghị quyết 15—NQ/TW", [("15-NQ/TW", "nghi-quyet", None, None)], "em dash"),
    ("Quyết định 84 QĐ/TWĐTN", [("84-QĐ/TWĐTN", "quyet-dinh", None, None, "Quyết định 84 QĐ/TWĐTN")], "no hyphen"),
    ("theo 15-NQ / TW", [("15-NQ/TW", "nghi-quyet", None, None, "15-NQ / TW")], "spaces around slash"),
    ("Số 15-TB/ĐU", [("15-TB/ĐU", "thong-bao", None, None, "15-TB/ĐU")], "party Số without colon"),
    (f"Chỉ{NBSP}thị 50{NBSP}-{NBSP}CT/TW", [("50-CT/TW", "chi-thi", None, None, f"Chỉ{NBSP}thị 50{NBSP}-{NBSP}CT/TW")],
     "non-breaking spaces"),
    (f"Quyết định số 15-Q{ETH}/{ETH}U", [("15-QĐ/ĐU", "quyet-dinh", None, None, f"Quyết định số 15-Q{ETH}/{ETH}U")],
     "U+00D0 typed for Đ"),
    (f"Nghị {ETH}ịnh 30/2020/N{ETH}-CP", [("30/2020/NĐ-CP", "nghi-dinh", None, None)], "U+00D0 in word and code"),
    ("Quyết định 15/QĐ - UBND", [("15/QĐ-UBND", "quyet-dinh", None, None, "Quyết định 15/QĐ - UBND")],
     "spaced hyphen in a state number"),
    ("Nghị định 30/2020/NĐ–CP", [("30/2020/NĐ-CP", "nghi-dinh", None, None)], "en dash inside a state number"),
    ("Số:15/QĐ-UBND", [("15/QĐ-UBND", "quyet-dinh", None, None, "15/QĐ-UBND")], "Số: glued"),
    ("(Chỉ thị 50-CT/TW)", [("50-CT/TW", "chi-thi", None, None, "Chỉ thị 50-CT/TW")], "in brackets"),
    # --- dates ---
    ("Chỉ thị 50-CT/TW ngày 23-7-2025", [("50-CT/TW", "chi-thi", "2025-07-23", None, "Chỉ thị 50-CT/TW ngày 23-7-2025")],
     "date with hyphens"),
    ("Chỉ thị 50-CT/TW, ngày 23/07/2025", [("50-CT/TW", "chi-thi", "2025-07-23", None, "Chỉ thị 50-CT/TW, ngày 23/07/2025")],
     "comma before ngay"),
    ("Chỉ thị 50-CT/TW ngày 23 tháng 7 năm 2025 của Ban Bí thư",
     [("50-CT/TW", "chi-thi", "2025-07-23", "Ban Bí thư", "Chỉ thị 50-CT/TW ngày 23 tháng 7 năm 2025 của Ban Bí thư")],
     "date in words"),
    ("Chỉ thị 50-CT/TW ngày 23.7.2025", [("50-CT/TW", "chi-thi", "2025-07-23", None)], "date with dots"),
    ("Chỉ thị 50-CT/TW ngày 23/7/2025.", [("50-CT/TW", "chi-thi", "2025-07-23", None, "Chỉ thị 50-CT/TW ngày 23/7/2025")],
     "full stop after the date"),
    ("Quyết định số 15/QĐ-UBND ngày 31/2/2025 của UBND xã",
     [("15/QĐ-UBND", "quyet-dinh", None, None, "Quyết định số 15/QĐ-UBND")], "impossible date is no date"),
    ("Chỉ thị 50-CT/TW ngày 23/7 của", [("50-CT/TW", "chi-thi", None, None, "Chỉ thị 50-CT/TW")], "date without a year"),
    ("Chỉ thị 50-CT/TW được ban hành ngày 23/7/2025", [("50-CT/TW", "chi-thi", None, None, "Chỉ thị 50-CT/TW")],
     "date not right after the number"),
    ("Chỉ thị 50-CT/TW của Ban Bí thư ngày 23/7/2025 về",
     [("50-CT/TW", "chi-thi", "2025-07-23", "Ban Bí thư", "Chỉ thị 50-CT/TW của Ban Bí thư ngày 23/7/2025")],
     "date after the issuer"),
    ("Quy định 399-QĐ/TW ngày 09/01/2026", [("399-QĐ/TW", "quy-dinh", "2026-01-09", None)], "2026 rules"),
    # --- issuers ---
    ("Nghị quyết 57-NQ/TW của Bộ Chính trị về đột phá",
     [("57-NQ/TW", "nghi-quyet", None, "Bộ Chính trị", "Nghị quyết 57-NQ/TW của Bộ Chính trị")], "issuer ends at về"),
    ("Nghị quyết 57-NQ/TW của Tỉnh ủy và Nghị quyết Đại hội", [("57-NQ/TW", "nghi-quyet", None, "Tỉnh ủy")],
     "issuer ends at và"),
    ("Kế hoạch 03-KH/ĐU của Đảng ủy xã Tân Lập ban hành",
     [("03-KH/ĐU", "ke-hoach", None, "Đảng ủy xã Tân Lập", "Kế hoạch 03-KH/ĐU của Đảng ủy xã Tân Lập")],
     "issuer with a place name, ends at a verb"),
    ("Quyết định 15/QĐ-UBND của UBND tỉnh trong", [("15/QĐ-UBND", "quyet-dinh", None, "UBND tỉnh")], "UBND tỉnh"),
    ("Kết luận 21-KL/TW của Ủy ban Kiểm tra Trung ương nhằm",
     [("21-KL/TW", "ket-luan", None, "Ủy ban Kiểm tra Trung ương")], "UBKT TW ends at nhằm"),
    ("Thông báo 05-TB/TU của Ban Thường vụ Tỉnh ủy, các", [("05-TB/TU", "thong-bao", None, "Ban Thường vụ Tỉnh ủy")],
     "issuer ends at a comma"),
    ("Quyết định 15/QĐ-UBND của Ủy ban nhân dân tỉnh Lào Cai.",
     [("15/QĐ-UBND", "quyet-dinh", None, "Ủy ban nhân dân tỉnh Lào Cai")], "lower-case nhân dân after Ủy ban"),
    ("Chỉ thị 50-CT/TW của các cơ quan", [("50-CT/TW", "chi-thi", None, None, "Chỉ thị 50-CT/TW")],
     "lower-case words after của are no issuer"),
    ("Chỉ thị 50-CT/TW của Ban Bí thư Trung ương Đảng khóa XIII",
     [("50-CT/TW", "chi-thi", None, "Ban Bí thư Trung ương Đảng")], "issuer ends before khóa"),
    ("Kế hoạch 05-KH/TU của Tỉnh ủy tổ chức hội nghị", [("05-KH/TU", "ke-hoach", None, "Tỉnh ủy")],
     "tổ chức as a verb is not part of the issuer"),
    ("Thông tư 26/2025/TT-BGDĐT của Bộ Giáo dục và Đào tạo.",
     [("26/2025/TT-BGDĐT", "thong-tu", None, "Bộ Giáo dục và Đào tạo")], "known name with và inside"),
    ("Chỉ thị 50-CT/TW của Ban Bí thư\r\nTiếp tục", [("50-CT/TW", "chi-thi", None, "Ban Bí thư")],
     "issuer ends at a line break"),
    ("Quy định 22-QĐ/TW của Uỷ ban Kiểm tra Tỉnh uỷ", [("22-QĐ/TW", "quy-dinh", None, "Uỷ ban Kiểm tra Tỉnh uỷ")],
     "old tone placement uỷ"),
    (f"Thông báo 15-TB/ĐU của {ETH}ảng ủy", [("15-TB/ĐU", "thong-bao", None, f"{ETH}ảng ủy")],
     "issuer as written, U+00D0 kept"),
    ("Hướng dẫn số 42-HD/BTCTW của Ban Tổ chức Trung ương Hướng dẫn số 43-HD/BTCTW",
     [("42-HD/BTCTW", "huong-dan", None, "Ban Tổ chức Trung ương"), ("43-HD/BTCTW", "huong-dan", None, None)],
     "issuer ends at the next type word"),
    ("Nghị quyết 57-NQ/TW, ngày 22/12/2024, của Bộ Chính trị",
     [("57-NQ/TW", "nghi-quyet", "2024-12-22", "Bộ Chính trị")], "commas around the date"),
    # --- several in one sentence; the seed notice ---
    ("thực hiện nghiêm Chỉ thị 50-CT/TW ngày 23/7/2025 của Ban Bí thư và Hướng dẫn số 42-HD/BTCTW của BTC Trung ương.",
     [("50-CT/TW", "chi-thi", "2025-07-23", "Ban Bí thư", "Chỉ thị 50-CT/TW ngày 23/7/2025 của Ban Bí thư"),
      ("42-HD/BTCTW", "huong-dan", None, "BTC Trung ương", "Hướng dẫn số 42-HD/BTCTW của BTC Trung ương")],
     "seed: two citations joined by và"),
    ("Tiếp tục tham mưu cho Đảng ủy triển khai có hiệu quả Chỉ thị số 50-CT/TW, ngày 23/7/2025 của Ban Bí thư "
     "“ Về tiếp tục đổi mới và nâng cao chất lượng sinh hoạt chi bộ, trong giai đoạn mới ” và hướng dẫn "
     "42-HD/BTCTW ngày 28/10/2025 của Ban tổ chức Trung ương về việc thực hiện Chỉ thị 50-CT/TW của Ban Bí thư.",
     [("50-CT/TW", "chi-thi", "2025-07-23", "Ban Bí thư", "Chỉ thị số 50-CT/TW, ngày 23/7/2025 của Ban Bí thư"),
      ("42-HD/BTCTW", "huong-dan", "2025-10-28", "Ban tổ chức Trung ương",
       "hướng dẫn 42-HD/BTCTW ngày 28/10/2025 của Ban tổ chức Trung ương"),
      ("50-CT/TW", "chi-thi", None, "Ban Bí thư", "Chỉ thị 50-CT/TW của Ban Bí thư")],
     "seed: quote after the issuer, lower-case hướng dẫn"),
    ("Tham mưu cho Đảng ủy triển khai có hiệu quả Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về đột phá "
     "phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia trong các cơ quan Đảng;",
     [("57-NQ/TW", "nghi-quyet", "2024-12-22", "Bộ Chính trị",
       "Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị")], "seed: NQ 57"),
    ("Kế hoạch 03-KH/ĐU và Quyết định số 15/QĐ-UBND; Luật số 72/2025/QH15",
     [("03-KH/ĐU", "ke-hoach", None, None), ("15/QĐ-UBND", "quyet-dinh", None, None), ("72/2025/QH15", "luat", None, None)],
     "party, state and law in text order"),
    ("Chỉ thị 50-CT/TW, 51-CT/TW", [("50-CT/TW", "chi-thi", None, None), ("51-CT/TW", "chi-thi", None, None, "51-CT/TW")],
     "a list: the second has no word"),
    # --- QĐ / TT ambiguity ---
    ("Quyết định số 97-QĐ/TW", [("97-QĐ/TW", "quyet-dinh", None, None)], "QĐ after Quyết định"),
    ("Quy định số 97-QĐ/TW", [("97-QĐ/TW", "quy-dinh", None, None, "Quy định số 97-QĐ/TW")], "QĐ after Quy định"),
    ("quy định số 97-QĐ/TW", [("97-QĐ/TW", "quy-dinh", None, None)], "type word in lower case"),
    ("theo 97-QĐ/TW", [("97-QĐ/TW", "quyet-dinh", None, None)], "bare party QĐ defaults to quyet-dinh"),
    ("Thông tri 05-TT/TU", [("05-TT/TU", "thong-tri", None, None)], "party TT is thong-tri"),
    ("theo 05-TT/TU", [("05-TT/TU", "thong-tri", None, None)], "bare party TT is thong-tri"),
    ("Thông tư số 05/2025/TT-BNV", [("05/2025/TT-BNV", "thong-tu", None, None)], "state TT is thong-tu"),
    # --- not citations ---
    ("Sáng ngày 05/11/2025, Thường trực Đảng ủy tổ chức hội nghị", [], "a date after ngày"),
    ("ban hành ngày 23/7/2025", [], "a bare date"),
    ("các tổ chức chính trị xã hội tháng 11/2025.", [], "month/year after tháng"),
    ("báo cáo kết quả công tác tháng 10/2025, phương hướng", [], "month/year 10/2025"),
    ("Tổ chức Ngày hội Đại đoàn kết toàn dân tộc (18/11) đảm bảo", [], "day/month"),
    ("Tổ chức xét kết nạp Đảng đợt 7/11; Chuẩn bị", [], "đợt 7/11"),
    ("phấn đấu hoàn thành 100% chỉ tiêu giao quân năm 2026.", [], "a percentage"),
    ("nhân kỷ niệm 95 năm Ngày thành lập Mặt trận", [], "95 năm"),
    ("Nghị quyết Đại hội Đảng bộ xã, nhiệm kỳ 2025-2030;", [], "term 2025-2030, word with no number"),
    ("bầu cử Quốc hội, HĐND các cấp nhiệm kỳ 2026 - 2031;", [], "term with spaced hyphen"),
    ("từ ngày 1/7/2025 chính quyền hai cấp", [], "1/7/2025"),
    ("bầu cử đại biểu Quốc hội khóa XVI", [], "Khóa XVI"),
    ("Điện thoại: 0203.3812.345, Fax 0203-3812345, ĐT 0912 345 678", [], "phone numbers"),
    ("thực hiện nghiêm Chỉ thị của Ban Bí thư", [], "Chỉ thị with no number"),
    ("mã ABC57-NQ/TW", [], "number glued after letters"),
    ("57-NQ/TW2, 57-NQ/TW/2025 và 57-NQ/TWư", [], "number glued to what follows"),
    ("xem https://tulieuvankien.vn/tim?so=57-NQ/TW ngay", [], "inside a URL"),
    ("xem www.dangcongsan.vn/van-ban/57-NQ/TW", [], "inside a www address"),
    ("quán triệt 57-nq/tw", [], "lower-case number is not taken"),
    ("theo 24 BS/UBKTTU", [], "no hyphen and an unknown code"),
    ("trong năm 2025 TB/ĐU đã", [], "no hyphen after a year"),
    ("Quyết định số 2025-QĐ/TW", [("2025-QĐ/TW", "quyet-dinh", None, None)], "a year-like number with its hyphen is kept"),
    ("Chỉ thị 50 về", [], "digits without a code"),
    ("văn bản 50/CT", [], "code without a body"),
    ("số 15/QĐ - Ban hành quy chế", [], "a spaced hyphen does not join a capitalised word"),
    ("phòng chống COVID-19 và ứng dụng VNeID", [], "COVID-19"),
    ("Ban Công tác 35, T/L BAN THƯỜNG VỤ, CQĐP 2 cấp", [], "abbreviations and small numbers"),
    ("thực hiện 1/2 số đảng viên, Điều 5/Chương II", [], "ratio and article"),
]


@pytest.mark.parametrize("text, expected", [pytest.param(t, e, id=r) for t, e, r in CASES])
def test_find_citations(text, expected):
    found = find_citations(text)
    assert [(c.number, c.type, c.date, c.issuer) for c in found] == [e[:4] for e in expected]
    for c, e in zip(found, expected):
        if len(e) == 5:
            assert text[c.start:c.end] == e[4]


@pytest.mark.parametrize("text", [pytest.param(t, id=r) for t, e, r in CASES if e])
def test_results_ordered_and_disjoint(text):
    found = find_citations(text)
    spans = [(c.start, c.end) for c in found]
    assert spans == sorted(spans)
    assert all(a_end <= b_start for (_, a_end), (b_start, _) in zip(spans, spans[1:]))
    for c in found:
        assert not any(ch.isspace() or ch in "–—Ð" for ch in c.number)
        assert c.number.split("/")[0].split("-")[0] in text[c.start:c.end]


def test_ids_are_unique():
    reasons = [r for _, _, r in CASES]
    assert len(reasons) == len(set(reasons)) and len(reasons) >= 80


def test_offsets_with_crlf():
    text = "Dòng một.\r\nChỉ thị 50-CT/TW ngày 23/7/2025\r\ncủa Ban Bí thư.\r\n"
    (c,) = find_citations(text)
    assert (c.start, c.end) == (11, 58)
    assert (c.date, c.issuer) == ("2025-07-23", "Ban Bí thư")


def test_offsets_exact():
    text = "thực hiện nghiêm Chỉ thị 50-CT/TW ngày 23/7/2025 của Ban Bí thư và Hướng dẫn số 42-HD/BTCTW của BTC Trung ương."
    assert [(c.start, c.end) for c in find_citations(text)] == [(17, 63), (67, 110)]


def test_offsets_on_nfd_derived_text():
    typed = "Thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về đột phá"
    text = unicodedata.normalize("NFC", unicodedata.normalize("NFD", typed))
    (c,) = find_citations(text)
    assert (c.start, c.end) == (10, 65)
    assert text[c.start:c.end] == "Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị"


def test_blank_line_ends_the_citation():
    text = "Chỉ thị 50-CT/TW\r\n\r\nngày 23/7/2025 của Ban Bí thư"
    (c,) = find_citations(text)
    assert (c.date, c.issuer, c.end) == (None, None, 16)
