"""The fields of a notice's front matter, as the JSON Schema shipped for editors declares them,
and ``Checker``, which reads one field at a time and collects the problems with their lines."""

from __future__ import annotations

import json
import re
from pathlib import Path

from vanban.model import Problem
from vanban.reading.frontmatter import GAP, is_gap
from vanban.reading.registry import Registry

# The fields, which are required and which are mappings: the JSON Schema shipped for editors.
SCHEMA = json.loads((Path(__file__).with_name("notice.schema.json")).read_text(encoding="utf-8"))
FIELDS = tuple(SCHEMA["properties"])
SIGNER_FIELDS = tuple(SCHEMA["properties"]["signer"]["properties"])
MEETING_FIELDS = tuple(SCHEMA["properties"]["meeting"]["properties"])
REQUIRED = {(k,) for k in SCHEMA["required"]} | {("signer", k) for k in SCHEMA["properties"]["signer"]["required"]}
KIND = {"string": "chữ", "integer": "số", "number": "số", "boolean": "có/không (true/false)",
        "list": "danh sách", "dict": "nhóm trường", "NoneType": "trống", "float": "số", "int": "số",
        "bool": "có/không (true/false)", "str": "chữ", "date": "ngày"}
# T/M, T/L, K/T, TUQ (Party) or TM., KT., TL., TUQ., Q. (State), then the body.
AUTHORITY = re.compile(r"(?:T/M|T/L|K/T|TUQ\.?|Q\.|TM\.|KT\.|TL\.)\s+\S.*", re.IGNORECASE)


def _kind(value) -> str:
    return KIND.get(type(value).__name__, type(value).__name__)


def _list_hint(value) -> str:
    """A mapping where text was expected is most often an unquoted colon: "Số: 19-TB/ĐU"."""
    if isinstance(value, dict):
        return "; nếu giá trị có dấu ':' thì hãy đặt cả giá trị trong dấu nháy kép"
    return ""


class Checker:
    """Validates one parsed front matter, collecting problems with their lines."""

    def __init__(self, rel: str, located, registry: Registry):
        self.rel, self.located, self.registry = rel, located, registry
        self.problems: list[Problem] = []

    def add(self, path: tuple, message: str, line: int | None = None, warning: bool = False) -> None:
        name = ".".join(str(p) for p in path) if path else None
        self.problems.append(Problem(self.rel, line or self.located.line(*path), name, message, warning))

    def text(self, data: dict, key: str, path: tuple = ()) -> str | None:
        path = path or (key,)
        required = path in REQUIRED
        value = data.get(key)
        if value is None:
            if required:
                where = self.located.lines.get(path)
                self.add(path, "bắt buộc: chưa có giá trị" if where else "bắt buộc: thiếu trường này",
                         line=where or self._parent_line(path))
            return None
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            self.add(path, f"phải là chữ, không phải {_kind(value)}" + _list_hint(value))
            return None
        text = str(value).strip()
        if is_gap(text):
            what = text[len(GAP):].strip()
            unit = self.registry.suggest_unit(what) if path == ("issuer",) and what else None
            if unit:
                self.add(path, f"chưa điền: đơn vị ban hành in là '{what}', hãy ghi mã của nó trong "
                               f"notices/units.yml: {unit}")
            else:
                self.add(path, f"chưa điền{f' ({what})' if what else ''}: hãy ghi theo bản in của văn bản")
            return None
        if not text:
            if required:
                self.add(path, "bắt buộc: chưa có giá trị")
            return None
        return text

    def _parent_line(self, path: tuple) -> int:
        """Where a missing field would go: its mapping's line, or line 1 for a top-level one."""
        return self.located.line(*path[:-1]) if len(path) > 1 else 1

    def text_list(self, data: dict, key: str, path: tuple = ()) -> list[tuple[int, str]]:
        """The text items of a list, each with its index in the file's list (for its line);
        ``path`` is the list's place when it is inside a mapping (relations.replaces)."""
        path = path or (key,)
        value = data.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.add(path, "phải là danh sách: mỗi mục một dòng, bắt đầu bằng '- ' và thụt vào hai dấu cách")
            return []
        items = []
        for i, item in enumerate(value):
            if isinstance(item, list):  # "- - TT Đảng ủy,": the dash of the printed list pasted too
                self.add((*path, i), f"mục {i + 1} có hai dấu gạch ('- -'); chỉ giữ một dấu '- ' ở đầu dòng, "
                                     "bỏ dấu gạch và dấu câu của bản in")
            elif isinstance(item, bool) or not isinstance(item, (str, int, float)) or not str(item).strip():
                self.add((*path, i), f"mục {i + 1} phải là chữ" + _list_hint(item))
            else:
                items.append((i, str(item).strip()))
        return items

    def unit_id(self, value: str, path: tuple) -> bool:
        if value in self.registry.units or not self.registry.units_read:
            return True  # without a readable units.yml its own problem says so, once
        self.add(path, self.registry.unknown_unit(value))
        return False
