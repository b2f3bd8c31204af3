"""Writing a notice file: front matter in the order of SPEC §2, a schema line for editors,
gaps marked where a value is not known, and a file name from the date and title."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from pathlib import Path

import yaml

GAP = "??"  # a value nobody has filled yet: "?? số và ký hiệu"; vanban check reports it
ORDER = ("number", "title", "date", "issuer", "type", "place", "signer", "recipients",
         "units", "cites", "meeting", "tags")
SCHEMA = Path(__file__).with_name("notice.schema.json")


def gap(what: str) -> str:
    return f"{GAP} {what}"


def is_gap(value) -> bool:
    return isinstance(value, str) and value.strip().startswith(GAP)


def dump(fields: dict, body: str, path: Path | None = None) -> str:
    """The whole file: ``---``, the schema line, the fields in SPEC order, ``---``, the body."""
    ordered = {k: fields[k] for k in ORDER if fields.get(k) not in (None, [], {}, "")}
    ordered.update({k: v for k, v in fields.items() if k not in ordered and v not in (None, [], {}, "")})
    text = yaml.safe_dump(ordered, allow_unicode=True, sort_keys=False, width=1_000_000,
                          default_flow_style=False, indent=2)
    head = f"# yaml-language-server: $schema={schema_link(path)}\n" if path else ""
    return f"---\n{head}{text}---\n\n{body.strip()}\n"


def schema_link(path: Path) -> str:
    """The schema as a path relative to the notice file, for editors that read the line."""
    import os

    return Path(os.path.relpath(SCHEMA, path.absolute().parent)).as_posix()


def file_slug(title: str, words: int = 8) -> str:
    """ASCII words of the title joined by '-': "Kết luận hội nghị giao ban" -> ket-luan-hoi-nghi-giao-ban."""
    nfd = unicodedata.normalize("NFD", title.lower().replace("đ", "d"))
    bare = "".join(c for c in nfd if not unicodedata.combining(c))
    parts = re.findall(r"[a-z0-9]+", bare)
    return "-".join(parts[:words]) or "van-ban"


def file_path(root: Path, date: dt.date, title: str) -> Path:
    """notices/<year>/<date>-<slug>.md for a notice of ``date`` titled ``title``."""
    return root / "notices" / str(date.year) / f"{date.isoformat()}-{file_slug(title)}.md"
