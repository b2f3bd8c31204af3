"""vanban new: a notice file with the next number, from options or from questions in Vietnamese."""

from __future__ import annotations

import datetime as dt
import re
import sys
from pathlib import Path

from vanban.lang import numbers
from vanban.lang.dates import short
from vanban.lang.doctypes import BY_SLUG, DOC_TYPES, DocType
from vanban.reading.frontmatter import dump, file_path, file_slug, gap
from vanban.reading.fields import AUTHORITY
from vanban.reading.files import project_root
from vanban.machine import steps
from vanban.reading.load import load_notices
from vanban.model import Notice
from vanban.reading.registry import Registry, load_registry
from vanban.lang.text import clean, name_key

BODY = "(Nội dung văn bản)"
REQUIRED = (("type", "loại văn bản (--type)"), ("issuer", "đơn vị ban hành (--issuer)"),
            ("title", "trích yếu (--title)"))


class Usage(Exception):
    """A value that cannot be used: exit 2 for an option, ask again for an answer."""


def add_arguments(parser) -> None:
    parser.add_argument("--type", help="loại văn bản: thong-bao, \"Thông báo\" hoặc TB")
    parser.add_argument("--issuer", help="đơn vị ban hành: id trong notices/units.yml, tên hoặc tên gọi khác")
    parser.add_argument("--date", help="ngày ban hành, YYYY-MM-DD hoặc dd/mm/yyyy (mặc định: hôm nay)")
    parser.add_argument("--title", help="trích yếu, không có tên loại văn bản")
    parser.add_argument("--number", help="số và ký hiệu (mặc định: số kế tiếp của đơn vị)")
    parser.add_argument("--place", help="địa danh, như trong \"Tân Lập, ngày … \"")
    parser.add_argument("--signer-name", help="họ tên người ký")
    parser.add_argument("--signer-position", help="chức vụ người ký")
    parser.add_argument("--authority", help="thẩm quyền ký: T/M, T/L, K/T … (văn bản Đảng), TM., KT. … (Nhà nước)")
    parser.add_argument("--root", help="thư mục của kho, nơi có notices/ (mặc định: tìm từ thư mục hiện tại)")


def run(args) -> int:
    if args.root:
        root = Path(args.root)
    else:
        root = project_root([])
    registry = load_registry(root)
    if not registry.units:
        print(f"vanban new: không đọc được danh sách đơn vị {root / 'notices' / 'units.yml'}; "
              "hãy chạy lệnh trong thư mục của kho hoặc dùng --root.", file=sys.stderr)
        return 2
    asking = sys.stdin.isatty()
    missing = [label for key, label in REQUIRED if getattr(args, key) is None]
    if missing and not asking:
        print(f"vanban new: thiếu {', '.join(missing)}.", file=sys.stderr)
        return 2
    try:
        return _make(args, root, registry, asking)
    except Usage as e:
        print(f"vanban new: {e}", file=sys.stderr)
        return 2
    except (EOFError, KeyboardInterrupt):
        print("\nĐã hủy, chưa ghi tệp nào.", file=sys.stderr)
        return 1


def _make(args, root: Path, registry: Registry, asking: bool) -> int:
    notices, _ = load_notices(root, registry, each=steps.two_cores)  # notices with problems are left out: they cannot be relied on

    def get(value, parse, question, default=None, choices=()):
        """The option parsed; when it is missing and someone types, the answer, asked until it parses."""
        if value is not None or not asking:
            return parse(clean(value or default or ""))
        for line in choices:
            print(line)
        while True:
            answer = clean(input(f"{question} [{default}]: " if default else f"{question}: ")).strip()
            try:
                return parse(answer or default or "")
            except Usage as e:
                print(e)

    doctype = get(args.type, parse_type, "Loại văn bản",
                  choices=["Các loại văn bản:", *(f"  {t.slug}: {t.name}{_codes(t)}" for t in DOC_TYPES)])
    issuer = get(args.issuer, lambda s: parse_issuer(s, registry), "Đơn vị ban hành",
                 choices=["Các đơn vị:", *(f"  {u.id}: {u.name}" for u in registry.units.values())])
    date = get(args.date, parse_date, "Ngày ban hành", default=dt.date.today().isoformat())
    proposed, why = propose(notices, registry, issuer, doctype, date)
    if args.number is None:
        print(f"Số đề xuất: {proposed} ({why})" if proposed else f"Chưa đề xuất được số: {why}.")
    number = get(args.number, lambda s: parse_number(s, doctype), "Số và ký hiệu", default=proposed)
    title = get(args.title, lambda s: parse_title(s, doctype), "Trích yếu")
    path = file_path(root, date, title)
    shown = _shown(path)
    if path.exists() or path.is_symlink():  # said before the signer is asked for, not after
        print(f"Đã có tệp {shown}; vanban new không ghi đè. Hãy đổi trích yếu hoặc sửa tệp có sẵn.",
              file=sys.stderr)
        return 1
    placed = [n for n in notices if n.issuer == issuer and n.place]
    usual = max(placed, key=lambda n: n.date).place if placed and asking else None  # offered, never assumed
    place = get(args.place, lambda s: s.strip() or None, "Địa danh", default=usual)
    name = get(args.signer_name, str.strip, "Họ tên người ký")
    position = get(args.signer_position, str.strip, "Chức vụ người ký")
    authority = get(args.authority, parse_authority, "Thẩm quyền ký (T/M, T/L, K/T…; để trống nếu không có)")

    # What nobody gave is written as a gap, which `vanban check` reports until it is filled.
    wanted = {"số và ký hiệu": number, "họ tên người ký": name, "chức vụ người ký": position}
    left = [what for what, v in wanted.items() if not v]
    number, name, position = (v or gap(what) for what, v in wanted.items())
    signer = {"name": name, "position": position, "authority": authority}
    fields = {"number": number, "title": title, "date": date, "issuer": issuer, "type": doctype.slug,
              "place": place, "signer": {k: v for k, v in signer.items() if v}}

    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8", newline="\n") as f:  # "x": never overwrite, even in a race
        f.write(dump(fields, BODY, path))
    print(f"Đã ghi {shown}")
    if left:
        print(f"Còn để trống: {', '.join(left)}; hãy điền theo bản in của văn bản.")
    print(f"Chạy `vanban check {shown}` để kiểm tra.")
    return 0


def _codes(t: DocType) -> str:
    codes = list(dict.fromkeys(t.party_codes + t.state_codes))
    return f" ({', '.join(codes)})" if codes else ""


def _shown(path: Path) -> str:
    """The path as the user would type it: relative to the current folder when inside it."""
    try:
        return path.absolute().relative_to(Path.cwd()).as_posix()
    except ValueError:
        return path.as_posix()


# --- answers ----------------------------------------------------------------------------------


def parse_type(value: str) -> DocType:
    """thong-bao, Thông báo, thong bao or TB."""
    found = BY_SLUG.get(file_slug(value, words=99))
    if found is None:  # a code; Party codes first, as most notices are Party documents
        found = next((t for t in DOC_TYPES for c in t.party_codes + t.state_codes
                      if c.casefold() == value.strip().casefold()), None)
    if found is None:
        raise Usage(f"không rõ loại văn bản '{value}' (ví dụ: thong-bao, Thông báo hoặc TB)")
    return found


def parse_issuer(value: str, registry: Registry) -> str:
    """A unit id, or a name, alias or code that names exactly one unit."""
    if value in registry.units:
        return value
    uid = registry.suggest_unit(value) if value.strip() else None
    unit = registry.units.get(uid)
    if unit and name_key(value) in {name_key(n) for n in (unit.name, *unit.aliases, unit.code or "")}:
        return uid
    hint = f"; có phải '{uid}'?" if uid else ""
    raise Usage(f"không có đơn vị '{value}' trong notices/units.yml{hint}")


def parse_date(value: str) -> dt.date:
    value = value.strip()
    iso = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", value)
    dmy = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", value)
    try:
        if iso:
            return dt.date(int(iso[1]), int(iso[2]), int(iso[3]))
        if dmy:
            return dt.date(int(dmy[3]), int(dmy[2]), int(dmy[1]))
    except ValueError:
        pass
    raise Usage(f"ngày '{value}' không đúng; viết YYYY-MM-DD hoặc dd/mm/yyyy, ví dụ 2025-11-06 hoặc 06/11/2025")


def parse_number(value: str, doctype: DocType) -> str | None:
    if not value.strip():
        return None  # left as a gap
    parsed = numbers.parse(value)
    if parsed is None:
        raise Usage(f"'{value}' không phải số và ký hiệu văn bản (ví dụ 15-TB/ĐU, 12/TB-MTTQ-BTT)")
    if doctype.slug not in parsed.types:
        raise Usage(f"số {parsed.text} không phải số của một {doctype.name}")
    return parsed.text


def parse_title(value: str, doctype: DocType) -> str:
    """The summary without the type name, which SPEC §2 keeps out of ``title``."""
    title = " ".join(value.split())
    head = len(doctype.name)
    if name_key(title[:head]) == name_key(doctype.name) and (len(title) == head or not title[head].isalnum()):
        title = title[head:].lstrip(" :-–—")
        title = title[:1].upper() + title[1:]
        print(f"Đã bỏ “{doctype.name}” ở đầu trích yếu: tên loại văn bản không ghi trong trích yếu.")
    if not title:
        raise Usage("cần trích yếu của văn bản (không kể tên loại văn bản)")
    return title


def parse_authority(value: str) -> str | None:
    value = value.strip()
    if value and not AUTHORITY.fullmatch(value):
        raise Usage(f"thẩm quyền ký '{value}' phải bắt đầu bằng T/M, T/L, K/T, TUQ, Q. (văn bản Đảng) "
                    "hoặc TM., KT., TL., TUQ., Q. (Nhà nước), ví dụ 'T/L Ban Thường vụ'")
    return value or None


# --- the next number --------------------------------------------------------------------------


def _seq(number: numbers.Number) -> int:
    return int(re.match(r"\d+", number.seq).group())


def propose(notices: list[Notice], registry: Registry, issuer: str, doctype: DocType,
            date: dt.date) -> tuple[str | None, str]:
    """The next number of ``issuer`` for ``doctype`` in the year of ``date``, and where it comes from."""
    own = sorted(((n, numbers.parse(n.number)) for n in notices if n.issuer == issuer),
                 key=lambda p: (p[0].date, _seq(p[1])))
    same = [(n, p) for n, p in own if n.type == doctype.slug and n.date.year == date.year]
    if same:
        top, top_parsed = max(same, key=lambda p: (_seq(p[1]), p[0].date))
        latest = same[-1][1]
        width = len(latest.seq) if latest.seq.startswith("0") else 1  # 05 → 06, as the clerk types it
        seq = str(_seq(top_parsed) + 1).zfill(width)
        return _shaped(latest, seq, date.year, latest.code), f"sau {top.number} ngày {short(top.date)}"
    first = f"{doctype.name} đầu tiên năm {date.year}"  # numbering restarts with the year
    if own:
        n, like = ([p for p in own if p[0].date <= date] or own)[-1]  # the style in use at that date
        found = _shaped(like, "1", date.year, _code(doctype, like.style))
        why = f"{first}; ký hiệu theo {n.number} ngày {short(n.date)}"
    else:
        unit = registry.units[issuer]
        if not unit.code:
            return None, "đơn vị chưa có văn bản nào trong kho và chưa có mã (code) trong notices/units.yml"
        style = "state" if _state_style(unit, registry) else "party"
        like = numbers.Number("", style, "1", None, unit.code, None)
        found = _shaped(like, "1", date.year, _code(doctype, style))
        why = f"{first}; ký hiệu theo mã {unit.code} của đơn vị trong notices/units.yml"
    parsed = numbers.parse(found) if found else None
    if parsed is None or doctype.slug not in parsed.types:
        return None, f"không biết ký hiệu của {doctype.name} trong số văn bản của đơn vị này"
    return parsed.text, why


def _code(doctype: DocType, style: str) -> str | None:
    codes = doctype.party_codes if style == "party" else doctype.state_codes
    return codes[0] if codes else None


def _shaped(like: numbers.Number, seq: str, year: int, code: str | None) -> str | None:
    """A number in the shape of ``like``: Party 16-TB/ĐU, State 13/TB-MTTQ-BTT or 3/2026/QĐ-UBND."""
    if like.style == "party":
        return f"{seq}-{code}/{like.body}" if code else None
    middle = f"{year}/" if like.year else ""
    return f"{seq}/{middle}{code}-{like.body}" if code else f"{seq}/{middle}{like.body}"  # công văn: no code


def _state_style(unit, registry: Registry) -> bool:
    """MTTQ and the units under it number in the State style; the Youth Union keeps the Party style
    (VIETNAMESE-DOCUMENTS.md)."""
    if "đoàn thanh niên" in name_key(unit.name):
        return False
    seen = set()
    while unit and unit.id not in seen:
        if "MTTQ" in (unit.code or "") or "mặt trận tổ quốc" in name_key(unit.name):
            return True
        seen.add(unit.id)
        unit = registry.units.get(unit.parent)
    return False
