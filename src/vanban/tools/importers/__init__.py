"""``vanban import FILE``: a notice as typed in an office (.docx, .txt, .md) made into a
notice file under notices/<year>/, front matter filled from its header, signature block and
"Nơi nhận"; what cannot be found is written as a gap that ``vanban check`` reports."""

from __future__ import annotations

import datetime as dt
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from vanban.reading import frontmatter
from vanban.lang import mojibake
from vanban.reading.frontmatter import gap
from vanban.reading.registry import Registry, load_registry
from vanban.lang.text import clean
from . import body as bodies
from . import layout, names, plain, word
from .blocks import Block, formatted
from .plain import Refused

TEXT_SUFFIXES = {".txt", ".md", ".markdown"}
_CONCLUSION = re.compile(r"kết luận|hội nghị|cuộc họp|phiên họp", re.IGNORECASE)


def add_arguments(parser) -> None:
    parser.add_argument("file", help="văn bản cần nhập: .docx, hoặc văn bản thuần .txt/.md (UTF-8)")
    parser.add_argument("--root", help="thư mục của kho (nơi có notices/); mặc định tìm từ thư mục hiện tại, "
                                       "rồi từ vị trí tệp")


def run(args) -> int:
    source = Path(args.file)
    if not source.is_file():
        print(f"{source}: {'là thư mục, không phải tệp' if source.is_dir() else 'không có tệp này'}",
              file=sys.stderr)
        return 2
    if args.root and not Path(args.root).is_dir():
        print(f"--root {args.root}: không phải thư mục", file=sys.stderr)
        return 2
    root = Path(args.root) if args.root else _root_for(source)
    try:
        blocks, notes = read(source)
    except Refused as e:
        print(f"{source}: {e}", file=sys.stderr)
        return 1
    registry = load_registry(root)
    if not registry.units_read:
        notes.append(f"Không đọc được {_shown(root / 'notices' / 'units.yml')}: chưa tìm được mã đơn vị "
                     "ban hành; chạy `vanban check` để xem lỗi của tệp đó.")
    result = convert(blocks, registry)
    try:
        path, taken = write(root, result)
    except OSError as e:
        print(f"không ghi được tệp vào {root / 'notices'}: {e.strerror or e}", file=sys.stderr)
        return 1
    shown = _shown(path)
    print(f"Đã ghi {shown}" + (f" (đã có {_shown(taken)}, không ghi đè)" if taken else ""))
    for line in [*notes, *result.report()]:
        print(line)
    print(f"Chạy `vanban check {shown}` để kiểm tra.")
    return 0


def read(source: Path) -> tuple[list[Block], list[str]]:
    """The blocks of a .docx, .txt or .md, and notes on how it was read; Refused when it cannot be."""
    suffix = source.suffix.lower()
    try:
        if suffix == ".docx":
            blocks, notes = word.read(source), []
            text, where = "\n".join(b.text for b in blocks), "đoạn"  # a paragraph's line of the Word file
        elif suffix in TEXT_SUFFIXES:
            text, note = plain.decode(source.read_bytes())
            blocks, notes = plain.blocks(text, markdown=suffix != ".txt"), [note] if note else []
            text, where = clean(text), "dòng"
        else:
            raise Refused(_unsupported(suffix))
    except OSError as e:
        raise Refused(f"không đọc được tệp: {e.strerror or e}") from None
    legacy = mojibake.detect(text)
    if legacy:
        raise Refused(plain.legacy_message(*legacy, where=where))
    if not any(b.text for b in blocks):
        raise Refused("tệp không có chữ nào để nhập")
    return blocks, notes


def _unsupported(suffix: str) -> str:
    if suffix == ".doc":
        return ("tệp Word cũ (.doc) chưa nhập được; hãy mở bằng Word, chọn Lưu thành (Save As) "
                "kiểu Word Document (.docx) rồi nhập tệp .docx")
    if suffix == ".pdf":
        return ("không nhập được tệp PDF; hãy dùng tệp Word (.docx) gốc của văn bản, "
                "hoặc chép nội dung sang tệp .txt (UTF-8)")
    return (f"không nhập được tệp '{suffix or 'không có đuôi'}': chỉ nhận tệp Word (.docx) "
            "hoặc văn bản thuần (.txt, .md)")


@dataclass
class Result:
    fields: dict
    body: str
    missing: list[tuple[str, str, str]] = field(default_factory=list)  # (what, field, hint)
    guessed: list[str] = field(default_factory=list)

    def report(self) -> list[str]:
        lines = [f"Không tìm thấy: {what} ({key}) — {hint}" for what, key, hint in self.missing]
        lines += [f"Suy ra: {g} — hãy đối chiếu bản in" for g in self.guessed]
        if not isinstance(self.fields["date"], dt.date):
            lines.append("Tên tệp tạm lấy ngày hôm nay; khi điền ngày ban hành, hãy đổi tên tệp "
                         "(và thư mục năm) cho khớp.")
        return lines


FILL = "hãy điền theo bản in"


def convert(blocks: list[Block], registry: Registry) -> Result:
    """Front matter and body from the blocks; gaps where the document does not say."""
    parts = layout.split(blocks)
    lines = layout.header_lines(parts.header)
    number = layout.number(lines)
    date, place, dated = layout.date_and_place(lines)
    closing = layout.closing(parts.end)
    missing: list[tuple[str, str, str]] = []
    guessed: list[str] = []

    def need(value, what: str, key: str, hint: str = FILL, shown: str | None = None):
        if value:
            return value
        missing.append((what, key, hint))
        return gap(shown or what)

    title = " ".join(b.text for b in parts.summary) or layout.summary_from_header(lines)
    title = title[:1].upper() + title[1:] if title else None
    printed = layout.issuer_lines(lines)
    issuer = names.issuer_from_lines(registry, printed)
    if not issuer and not printed:
        # No header typed (the seed): the number's symbol, else the office that files the copy.
        issuer = number and names.issuer_from_number(registry, number.body)
        if not issuer:
            issuer = names.issuer_from_filing(registry, closing.recipients)
            if issuer:
                filed = next(r for r in closing.recipients if r.lower().startswith("lưu"))
                guessed.append(f"đơn vị ban hành (issuer) là {issuer}, theo “{filed}”")
    if issuer and not dated and not place:
        place = names.place_of(registry.units[issuer].name)
        if place:
            guessed.append(f"nơi ban hành (place) là {place}, theo tên đơn vị")
    unknown = printed[-1] if printed else None
    fields = {
        "number": need(number and number.text, "số và ký hiệu", "number"),
        "title": need(title, "trích yếu", "title"),
        "date": need(date, "ngày ban hành", "date"),
        "issuer": need(issuer, "đơn vị ban hành", "issuer", shown=unknown, hint=(
            f"“{unknown}” không có trong notices/units.yml; hãy điền mã đơn vị (id) hoặc thêm đơn vị "
            "vào units.yml") if unknown else FILL),
        "type": _type(parts.type_slug, number),
        "place": place,
        "signer": {k: v for k, v in {
            "name": need(closing.name, "họ tên người ký", "signer.name"),
            "position": need(closing.position, "chức vụ người ký", "signer.position"),
            "authority": closing.authority,
        }.items() if v},
        "recipients": closing.recipients,
    }
    if not closing.recipients:
        missing.append(("nơi nhận", "recipients", FILL))
    if title and _CONCLUSION.search(title):
        fields["meeting"] = bodies.meeting(parts.body, date)
    text = bodies.markdown(parts.body, formatted(blocks))
    if not text.strip():
        missing.append(("nội dung", "body", "hãy chép nội dung văn bản vào sau phần đầu tệp"))
    return Result(fields, text, missing, guessed)


def _type(slug: str | None, number) -> str | None:
    """Only when the number does not already say it (no number yet, or QĐ read as Quyết định)."""
    if slug is None:
        return None
    if number is None:
        return slug
    allowed = number.types
    return slug if slug in allowed and slug != allowed[0] else None


def write(root: Path, result: Result) -> tuple[Path, Path | None]:
    """The new file, never over an existing one: -2, -3 … after the slug. Returns (path, the
    path that was taken, if any)."""
    fields = result.fields
    date = fields["date"] if isinstance(fields["date"], dt.date) else dt.date.today()
    title = fields["title"] if not frontmatter.is_gap(fields["title"]) else "van ban"
    first = frontmatter.file_path(root, date, title)
    stems = {p.stem for p in (root / "notices").rglob("*.md")} if (root / "notices").is_dir() else set()
    path, n = first, 1
    while path.exists() or path.is_symlink() or path.stem in stems:
        n += 1
        path = first.with_name(f"{first.stem}-{n}.md")
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "x", encoding="utf-8", newline="\n") as f:
        f.write(frontmatter.dump(fields, result.body, path))
    return path, (first if path != first else None)


def _root_for(source: Path) -> Path:
    """The folder holding notices/: upwards from the current folder (where the clerk works;
    the file often comes from Downloads), then from the file."""
    for start in (Path.cwd(), source.absolute().parent):
        for folder in (start, *start.parents):
            if (folder / "notices").is_dir() and folder.name != "notices":
                return folder
    return Path.cwd()


def _shown(path: Path) -> str:
    """The path as the clerk can type it: relative to the current folder when inside it."""
    try:
        return path.absolute().relative_to(Path.cwd()).as_posix()
    except ValueError:
        return str(path)
