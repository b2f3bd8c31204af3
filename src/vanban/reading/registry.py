"""notices/units.yml and notices/directives.yml: the registries that name units and outside documents."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

from vanban.lang import numbers
from vanban.reading import unreadable
from vanban.model import Directive, Problem, Unit
from vanban.lang.text import clean, name_key
from vanban.reading.yamlread import read_yaml

ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
UNIT_KEYS = {"name", "code", "aliases", "parent"}
DIRECTIVE_KEYS = {"title", "date", "issuer"}


@dataclass
class Registry:
    units: dict[str, Unit] = field(default_factory=dict)
    directives: dict[str, Directive] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    units_read: bool = False   # False when units.yml is missing or unreadable: unit ids go unchecked

    def suggest_unit(self, value: str) -> str | None:
        """The unit id a wrong value probably meant: by name or alias, else by spelling."""
        key = name_key(value)
        for unit in self.units.values():
            if key in {name_key(n) for n in (unit.name, *unit.aliases, unit.code or "")}:
                return unit.id
        close = difflib.get_close_matches(value.lower(), list(self.units), n=1, cutoff=0.6)
        return close[0] if close else None

    def unknown_unit(self, value: str) -> str:
        hint = self.suggest_unit(value)
        msg = f"không có đơn vị mã '{value}' trong notices/units.yml"
        return f"{msg}; có phải là '{hint}'?" if hint else f"{msg}; hãy ghi mã đơn vị (cột bên trái trong units.yml)"


def parse_date(value, problems: list, where: tuple) -> dt.date | None:
    """A real date written YYYY-MM-DD; else a problem at ``where`` = (path, line, field)."""
    text = str(value) if isinstance(value, (str, int)) else None
    if text is None or not ISO_DATE.fullmatch(text):
        problems.append(Problem(*where, _date_hint(value)))
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        problems.append(Problem(*where, f"ngày {text} không có thật; hãy kiểm tra ngày và tháng"))
        return None


MAX_BYTES = 1_000_000


_DMY = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")


def _date_hint(value) -> str:
    """06/12/2025 is how a date is printed; the file wants 2025-12-06."""
    m = _DMY.fullmatch(str(value).strip()) if isinstance(value, (str, int)) else None
    if m:
        iso = f"{m[3]}-{int(m[2]):02d}-{int(m[1]):02d}"
        return f"ngày phải viết dạng năm-tháng-ngày (YYYY-MM-DD): '{value}' viết là {iso}"
    return f"ngày phải viết dạng năm-tháng-ngày (YYYY-MM-DD), ví dụ 2025-11-06; đang là {value!r}"


def _read(path: Path, rel: str, problems: list[Problem], required: bool):
    if path.is_symlink():
        problems.append(Problem(rel, 1, None, "là liên kết tượng trưng (symlink); sổ đăng ký phải là tệp thật"))
        return None
    if not path.is_file():
        problems.append(Problem(rel, 1, None, "không phải một tệp (có thể là thư mục); sổ đăng ký phải là "
                                              "một tệp YAML"))
        return None
    if path.stat().st_size > MAX_BYTES:
        problems.append(Problem(rel, 1, None, "tệp lớn hơn 1 MB"))
        return None
    try:
        text = clean(path.read_bytes().decode("utf-8"))
    except UnicodeDecodeError as e:
        problems.append(Problem(rel, 1, None, f"không phải chữ UTF-8 (ở byte {e.start}); hãy lưu tệp với bảng mã UTF-8 (Unicode)"))
        return None
    refused = unreadable.problems(text, rel)
    if refused:
        problems.extend(refused)
        return None
    located = read_yaml(text)
    problems.extend(Problem(rel, line, f, msg) for line, f, msg in located.errors)
    if located.data is None:
        if required and not located.errors:
            problems.append(Problem(rel, 1, None, "tệp trống (hoặc chỉ có chú thích); hãy khai báo các đơn vị "
                                                  "theo mẫu id: {name: …}"))
        return None
    if not isinstance(located.data, dict):
        problems.append(Problem(rel, 1, None, "phải gồm các mục dạng mã: thông tin, mỗi mục bắt đầu ở đầu dòng"))
        return None
    return located


def load_registry(root: Path) -> Registry:
    reg = Registry()
    units_path = root / "notices" / "units.yml"
    if not units_path.exists() and not units_path.is_symlink():
        reg.problems.append(Problem("notices/units.yml", 1, None, "thiếu tệp: cần danh sách đơn vị để dựng trang"))
    else:
        located = _read(units_path, "notices/units.yml", reg.problems, required=True)
        if located:
            _load_units(located, reg)
            reg.units_read = True
    dir_path = root / "notices" / "directives.yml"
    if dir_path.exists() or dir_path.is_symlink():
        located = _read(dir_path, "notices/directives.yml", reg.problems, required=False)
        if located:
            _load_directives(located, reg)
    return reg


def _text(value) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def _load_units(located, reg: Registry) -> None:
    rel = "notices/units.yml"
    owners: dict[str, str] = {}  # name key -> unit id, to refuse one alias for two units
    for uid, entry in located.data.items():
        line = located.line(uid)
        uid = str(uid)
        if not ID.fullmatch(uid):
            reg.problems.append(Problem(rel, line, uid, "mã đơn vị phải là chữ thường không dấu nối bằng '-', ví dụ ban-xay-dung-dang"))
            continue
        if not isinstance(entry, dict):
            reg.problems.append(Problem(rel, line, uid, "phải có ít nhất dòng name: (tên đầy đủ của đơn vị), thụt vào hai dấu cách"))
            continue
        for key in entry:
            if key not in UNIT_KEYS:
                reg.problems.append(Problem(rel, located.line(uid, key), f"{uid}.{key}",
                                            f"trường không có trong mẫu; đơn vị gồm: {', '.join(sorted(UNIT_KEYS))}"))
        name = _text(entry.get("name"))
        if not name:
            reg.problems.append(Problem(rel, line, f"{uid}.name", "bắt buộc: tên đầy đủ của đơn vị"))
            continue
        aliases = entry.get("aliases") or []
        if not isinstance(aliases, list) or not all(_text(a) for a in aliases):
            reg.problems.append(Problem(rel, located.line(uid, "aliases"), f"{uid}.aliases", "phải là danh sách tên, ví dụ [Đảng ủy, ĐU]"))
            aliases = []
        code = entry.get("code")
        if code is not None and not _text(code):
            reg.problems.append(Problem(rel, located.line(uid, "code"), f"{uid}.code", "phải là chữ"))
            code = None
        unit = Unit(uid, name, _text(code), tuple(a.strip() for a in aliases), _text(entry.get("parent")))
        for n in (unit.name, *unit.aliases):
            other = owners.setdefault(name_key(n), uid)
            if other != uid:
                reg.problems.append(Problem(rel, located.line(uid, "aliases", default=line), f"{uid}.aliases",
                                            f"'{n}' đã là tên của đơn vị '{other}'"))
        reg.units[uid] = unit
    for unit in reg.units.values():
        if unit.parent and unit.parent not in reg.units:
            reg.problems.append(Problem(rel, located.line(unit.id, "parent"), f"{unit.id}.parent",
                                        reg.unknown_unit(unit.parent)))


def _load_directives(located, reg: Registry) -> None:
    rel = "notices/directives.yml"
    first: dict[str, tuple[str, int]] = {}  # normalised number -> (key as written, line)
    for raw, entry in located.data.items():
        line = located.line(raw)
        parsed = numbers.parse(str(raw))
        if parsed is None:
            reg.problems.append(Problem(rel, line, str(raw), "không phải số văn bản (ví dụ 50-CT/TW, 30/2020/NĐ-CP)"))
            continue
        seen = first.setdefault(parsed.text, (str(raw), line))
        if seen[1] != line:
            reg.problems.append(Problem(rel, line, str(raw), f"cùng số {parsed.text} với khóa '{seen[0]}' ở dòng "
                                                             f"{seen[1]}; hãy gộp hai mục làm một"))
            continue
        entry = entry or {}
        if not isinstance(entry, dict):
            reg.problems.append(Problem(rel, line, str(raw), "phải gồm các dòng title:, date:, issuer:, thụt vào hai dấu cách"))
            continue
        for key in entry:
            if key not in DIRECTIVE_KEYS:
                reg.problems.append(Problem(rel, located.line(raw, key), f"{raw}.{key}",
                                            f"trường không có trong mẫu; văn bản gồm: {', '.join(sorted(DIRECTIVE_KEYS))}"))
        date = None
        if entry.get("date") is not None:
            date = parse_date(entry["date"], reg.problems, (rel, located.line(raw, "date"), f"{raw}.date"))
        reg.directives[parsed.text] = Directive(parsed.text, _text(entry.get("title")), date,
                                                _text(entry.get("issuer")))
