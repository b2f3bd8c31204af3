"""Machine-readable exports of the archive (SPEC §4): /catalog.json, /feed.xml, the unit and
document feeds, and the register /so-dang-ky.csv.

Pure functions of the Archive: each returns bytes, identical for the same archive and the same
``site_url`` (fixed key order, no build timestamp; the only dates are those of the notices).
Nothing here writes a file or knows about MkDocs; ``files()`` gives every export by its path.
"""

from __future__ import annotations

import csv
import io
import json
import posixpath
import re
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

from vanban.lang import dates
from vanban.site import urls
from vanban.archive.citing import CitedDocument
from vanban.archive.core import Archive
from vanban.archive.relations import status_of
from vanban.model import newest_first
from vanban.lang.doctypes import type_name
from vanban.model import Notice

ATOM = "http://www.w3.org/2005/Atom"
FEED_SIZE = 50
SCHEMA = Path(__file__).with_name("catalog.schema.json")
CATALOG, CATALOG_SCHEMA, MAIN_FEED, REGISTER = urls.CATALOG, urls.CATALOG_SCHEMA, urls.FEED, urls.REGISTER
UNIT_FEED, DOCUMENT_FEED = urls.UNIT_FEED, urls.DOCUMENT_FEED
REGISTER_HEADER = ("Số, ký hiệu", "Ngày ban hành", "Loại văn bản", "Trích yếu", "Cơ quan ban hành", "Người ký",
                   "Nơi nhận")
_EPOCH = "1970-01-01T00:00:00Z"  # "updated" of a feed without entries: fixed, so the bytes are too
# Characters XML 1.0 cannot carry at all; a notice's text never needs them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_FORMULA = ("=", "+", "-", "@", "\t", "\r", "\n")


# --- URLs -----------------------------------------------------------------------------------


def notice_url(stem: str) -> str:
    return urls.url_of(urls.NOTICE.format(stem=stem))


def unit_url(uid: str) -> str:
    return urls.url_of(urls.UNIT.format(key=uid))


def document_url(slug: str) -> str:
    return urls.url_of(urls.DOCUMENT.format(key=slug))


def _base(site_url: str | None) -> str | None:
    if not site_url:
        return None
    return site_url if site_url.endswith("/") else site_url + "/"


def _absolute(site_url: str | None, path: str) -> str | None:
    base = _base(site_url)
    return base + path if base else None


def _relative(from_path: str, to_url: str) -> str:
    """A site-relative URL (``van-ban/x/``, ``""`` for home) as seen from the file ``from_path``."""
    out = urls.relpath(to_url or ".", posixpath.dirname(from_path) or ".")
    if to_url.endswith("/") or to_url == "":
        out = "./" if out == "." else out + "/"
    return out


# --- catalog.json ---------------------------------------------------------------------------


def _iso(d) -> str | None:
    return d.isoformat() if d else None


def _with_href(obj: dict, site_url: str | None) -> dict:
    if site_url:
        obj["href"] = _absolute(site_url, obj["url"])
    return obj


def _notice_record(archive: Archive, n: Notice, site_url: str | None) -> dict:
    citations, seen = [], set()
    for use in archive.citations.get(n.stem, []):
        c = use.citation
        rec = {"number": c.number, "type": c.type, "date": c.date, "issuer": c.issuer,
               "slug": use.slug, "target": use.target,
               "url": notice_url(use.target) if use.target else document_url(use.slug)}
        key = tuple(rec.values())
        if key not in seen:
            seen.add(key)
            citations.append(_with_href(rec, site_url))
    citing = {u.notice.stem: u.notice for u in archive.cited_by.get(n.stem, [])}
    rec = {
        "stem": n.stem,
        "number": n.number,
        "title": n.title,
        "date": n.date.isoformat(),
        "issuer": n.issuer,
        "issuer_name": archive.unit_name(n.issuer),
        "type": n.type,
        "type_name": type_name(n.type),
        "place": n.place,
        "signer": {"name": n.signer.name, "position": n.signer.position, "authority": n.signer.authority},
        "recipients": list(n.recipients),
        "units": list(n.units),
        "cites": list(n.cites),
        "meeting": {"date": _iso(n.meeting.date), "chair": n.meeting.chair} if n.meeting else None,
        "tags": list(n.tags),
        "url": notice_url(n.stem),
        "assignments": [{"unit": a.unit, "unit_name": archive.unit_name(a.unit),
                         "anchor": a.section.anchor if a.section else None}
                        for a in archive.assignments.get(n.stem, [])],
        "citations": citations,
        "cited_by": [c.stem for c in sorted(citing.values(), key=newest_first)],
        "circulation": n.circulation,
        "urgency": n.urgency,
        **_lifecycle(archive, n.stem, archive.relations_out.get(n.stem, [])),
    }
    return _with_href(rec, site_url)


def _lifecycle(archive: Archive, key: str, out: list) -> dict:
    """``status`` and ``relations`` (both directions) of a notice (by stem) or a cited document
    (by number slug), SPEC §4."""
    status = status_of(archive, key)
    rows = [{"relation": link.relation, "direction": "out", "number": link.number, "stem": link.target,
             "found": link.found} for link in out]
    rows += [{"relation": link.relation, "direction": "in", "number": link.source.number, "stem": link.source.stem,
              "found": link.found} for link in archive.relations_in.get(key, [])]
    return {"status": status.status, "status_by": [s.stem for s in status.by], "relations": rows}


def _document_record(archive: Archive, doc: CitedDocument, site_url: str | None) -> dict:
    return _with_href({
        "number": doc.number,
        "slug": doc.slug,
        "type": doc.type,
        "type_name": type_name(doc.type),
        "date": _iso(doc.date),
        "issuer": doc.issuer,
        "title": doc.title,
        "url": document_url(doc.slug),
        "bearers": [b.stem for b in doc.bearers],
        "citing": [c.stem for c in doc.citing_notices],
        **_lifecycle(archive, doc.slug, []),
    }, site_url)


def catalog(archive: Archive, site_url: str | None = None) -> bytes:
    """Every notice (newest first), unit (by name) and cited document (as /trich-dan/ lists them)."""
    data = {
        "notices": [_notice_record(archive, n, site_url) for n in archive.notices],
        "units": [_with_href({"id": u.id, "name": u.name, "code": u.code, "aliases": list(u.aliases),
                              "parent": u.parent, "url": unit_url(u.id)}, site_url)
                  for u in archive.units_sorted()],
        "documents": [_document_record(archive, d, site_url) for d in archive.documents_sorted()],
    }
    # One record a line: readable, and json's C encoder (it has none for indent=…) is ten times faster.
    parts = []
    for key, records in data.items():
        rows = ",\n".join(json.dumps(r, ensure_ascii=False) for r in records)
        parts.append(f"{json.dumps(key)}: [\n{rows}\n]")
    return ("{\n" + ",\n".join(parts) + "\n}\n").encode("utf-8")


def catalog_schema() -> bytes:
    """The JSON Schema (draft 2020-12) that catalog.json follows."""
    return SCHEMA.read_bytes()


# --- Atom feeds -----------------------------------------------------------------------------


def _xml_text(text: str) -> str:
    return _NOT_XML.sub("", text)


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs) -> ET.Element:
    el = ET.SubElement(parent, tag, {k: _xml_text(v) for k, v in attrs.items()})
    if text is not None:
        el.text = _xml_text(text)
    return el


def _stamp(d) -> str:
    return f"{d.isoformat()}T00:00:00Z"


def _site_author(archive: Archive) -> str:
    """The unit at the top of units.yml's tree that issued the most notices; "vanban" without one.
    Every feed names it: counted once for the archive last asked about."""
    if _author.get("of") is not archive:
        _author.update(of=archive, name=_count_author(archive))
    return _author["name"]


_author: dict = {}


def _count_author(archive: Archive) -> str:
    counts = Counter(n.issuer for n in archive.notices
                     if n.issuer in archive.units and not archive.units[n.issuer].parent)
    if not counts:
        return "vanban"
    uid = min(counts, key=lambda k: (-counts[k], k))
    return archive.unit_name(uid)


def feed(archive: Archive, entries: list[Notice], title: str, feed_path: str, page_path: str,
         site_url: str | None = None) -> bytes:
    """An Atom 1.0 feed at ``feed_path`` (site-relative) of at most FEED_SIZE of ``entries``, newest
    first, for the page ``page_path`` (a site-relative directory URL). Links are absolute with
    ``site_url`` and relative to the feed's own location without it."""
    chosen = sorted({n.stem: n for n in entries}.values(), key=newest_first)[:FEED_SIZE]

    def href(url: str) -> str:
        return _absolute(site_url, url) if site_url else _relative(feed_path, url)

    root = ET.Element("feed", xmlns=ATOM)  # unqualified names under one default namespace
    _sub(root, "id", _absolute(site_url, feed_path) if site_url else f"urn:vanban:{feed_path}")
    _sub(root, "title", title)
    _sub(root, "updated", _stamp(chosen[0].date) if chosen else _EPOCH)
    author = _sub(root, "author")
    _sub(author, "name", _site_author(archive))
    _sub(root, "link", rel="self", type="application/atom+xml", href=href(feed_path))
    _sub(root, "link", rel="alternate", type="text/html", href=href(page_path))
    _sub(root, "generator", "vanban")
    for n in chosen:
        entry = _sub(root, "entry")
        _sub(entry, "id", f"tag:vanban,{n.date.isoformat()}:van-ban/{n.stem}")
        _sub(entry, "title", f"{type_name(n.type)} {n.number}: {n.title}")
        _sub(entry, "updated", _stamp(n.date))
        _sub(entry, "published", _stamp(n.date))
        who = _sub(entry, "author")
        _sub(who, "name", archive.unit_name(n.issuer))
        _sub(entry, "link", rel="alternate", type="text/html", href=href(notice_url(n.stem)))
        _sub(entry, "summary", n.title)
        _sub(entry, "category", term=n.type, label=type_name(n.type))
        _sub(entry, "category", term=n.issuer, label=archive.unit_name(n.issuer))
    ET.indent(root, space=" ")
    text = ET.tostring(root, encoding="unicode")
    return ('<?xml version="1.0" encoding="utf-8"?>\n' + text + "\n").encode("utf-8")


def main_feed(archive: Archive, site_url: str | None = None) -> bytes:
    """/feed.xml: the newest notices of the archive, for the home page."""
    return feed(archive, archive.notices, "Văn bản mới", MAIN_FEED, "", site_url)


def unit_feeds(archive: Archive, site_url: str | None = None) -> dict[str, bytes]:
    """don-vi/<id>/feed.xml for every unit of units.yml: what it issued or was assigned, once each."""
    facet = archive.index.get("don-vi", {})
    out = {}
    for unit in sorted(archive.units.values(), key=lambda u: u.id):
        notices = [e.notice for e in facet.get(unit.id, [])]
        path = UNIT_FEED.format(key=unit.id)
        out[path] = feed(archive, notices, f"Văn bản của {unit.name}", path, unit_url(unit.id), site_url)
    return out


def document_feeds(archive: Archive, site_url: str | None = None) -> dict[str, bytes]:
    """trich-dan/<slug>/feed.xml for every cited document: the notices bearing or citing it."""
    out = {}
    for slug in sorted(archive.documents):
        doc = archive.documents[slug]
        path = DOCUMENT_FEED.format(key=slug)
        title = f"Văn bản liên quan {type_name(doc.type)} {doc.number}"
        out[path] = feed(archive, list(doc.bearers) + doc.citing_notices, title, path, document_url(slug), site_url)
    return out


# --- so-dang-ky.csv -------------------------------------------------------------------------


def _cell(value: str | None) -> str:
    """A spreadsheet never runs a cell: one that could start a formula gets a leading '."""
    text = value or ""
    return "'" + text if text.startswith(_FORMULA) else text


def signer_text(n: Notice) -> str:
    """As the notice page prints it: "T/L Ban Thường vụ, Chánh Văn phòng Trần Văn Điệp"."""
    who = f"{n.signer.position} {n.signer.name}".strip()
    return f"{n.signer.authority}, {who}" if n.signer.authority else who


def register_csv(archive: Archive) -> bytes:
    """Sổ đăng ký văn bản: one row per notice, oldest first (the order a register is kept in)."""
    buf = io.StringIO(newline="")
    writer = csv.writer(buf)  # excel dialect: CRLF line ends, quotes where needed
    writer.writerow(REGISTER_HEADER)
    for n in reversed(archive.notices):
        writer.writerow([_cell(x) for x in (
            n.number, dates.short(n.date), type_name(n.type), n.title, archive.unit_name(n.issuer),
            signer_text(n), "; ".join(n.recipients))])
    return "\ufeff".encode("utf-8") + buf.getvalue().encode("utf-8")


# --- all of them ----------------------------------------------------------------------------


def paths(archive: Archive) -> list[str]:
    """Where the exports stand in the site, without making them (what a body may link to)."""
    return ([CATALOG, CATALOG_SCHEMA, MAIN_FEED, REGISTER]
            + [UNIT_FEED.format(key=uid) for uid in sorted(archive.units)]
            + [DOCUMENT_FEED.format(key=slug) for slug in sorted(archive.documents)])


def files(archive: Archive, site_url: str | None = None) -> dict[str, bytes]:
    """Every export by its path in the built site."""
    out = {
        CATALOG: catalog(archive, site_url),
        CATALOG_SCHEMA: catalog_schema(),
        MAIN_FEED: main_feed(archive, site_url),
        REGISTER: register_csv(archive),
    }
    out.update(unit_feeds(archive, site_url))
    out.update(document_feeds(archive, site_url))
    return out
