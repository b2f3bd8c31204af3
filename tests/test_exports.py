"""The machine-readable exports: catalog.json (+ schema), Atom feeds, the register CSV."""

import csv
import datetime as dt
import io
import json
import xml.etree.ElementTree as ET

import feedparser
import jsonschema
import pytest

from conftest import ROOT, make_archive
from vanban.site import exports
from vanban.archive.core import build_archive

SITE = "https://vanban.example.org/tan-lap/"
KNOWN = "2025-11-06-giao-ban-thang-11"
ATOM = "{http://www.w3.org/2005/Atom}"
HEADER = ["Số, ký hiệu", "Ngày ban hành", "Loại văn bản", "Trích yếu", "Cơ quan ban hành", "Người ký", "Nơi nhận"]
TRICKY = '=HYPERLINK("x") <b>bold</b> & "quoted"'


def notice(number: str, date: str, title: str, extra: str = "", body: str = "Nội dung.\n") -> str:
    return (f"---\nnumber: {number}\ntitle: '{title}'\ndate: {date}\nissuer: dang-uy\nplace: Tân Lập\n"
            "signer:\n  name: Trần Văn Điệp\n  position: Chánh Văn phòng\n  authority: T/L Ban Thường vụ\n"
            f"recipients:\n  - TT Đảng ủy\n  - Lưu VPĐU\n{extra}---\n\n{body}")


@pytest.fixture(scope="module")
def sample():
    archive = build_archive(ROOT)
    assert archive.notices
    return archive


@pytest.fixture
def tricky(tmp_path):
    root = make_archive(tmp_path, {
        "notices/2025/2025-03-01-tricky.md": notice("03-TB/ĐU", "2025-03-01", TRICKY.replace("'", "''")),
        "notices/2025/2025-03-02-minus.md": notice("04-TB/ĐU", "2025-03-02", "-1 là số âm",
                                                   extra="units:\n  - ban-xay-dung-dang\n"),
        "notices/2025/2025-03-03-plus.md": notice("05-TB/ĐU", "2025-03-03", "@tên +công thức",
                                                  body="Thực hiện Thông báo 03-TB/ĐU ngày 01/3/2025.\n"),
    })
    archive = build_archive(root)
    assert not [p for p in archive.problems if not p.warning], archive.problems
    assert len(archive.notices) == 3
    return archive


def parse_feed(data: bytes):
    ET.fromstring(data)  # well-formed XML
    parsed = feedparser.parse(data)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    return parsed


# --- catalog ----------------------------------------------------------------------------------


def validator():
    schema = json.loads(exports.catalog_schema())
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


@pytest.mark.parametrize("site_url", [None, SITE])
def test_catalog_validates_against_schema(sample, site_url):
    data = json.loads(exports.catalog(sample, site_url))
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator().iter_errors(data)]
    assert errors == []


def test_schema_is_strict():
    v = validator()
    data = {"notices": [], "units": [], "documents": []}
    assert v.is_valid(data)
    assert not v.is_valid({**data, "extra": 1})
    assert not v.is_valid({"notices": []})
    unit = {"id": "x", "name": "X", "code": None, "aliases": [], "parent": None, "url": "don-vi/x/"}
    assert v.is_valid({**data, "units": [unit]})
    assert not v.is_valid({**data, "units": [{**unit, "colour": "red"}]})
    assert not v.is_valid({**data, "units": [{k: x for k, x in unit.items() if k != "name"}]})


def test_catalog_has_every_notice_with_its_url(sample):
    data = json.loads(exports.catalog(sample, SITE))
    stems = [n["stem"] for n in data["notices"]]
    assert stems == [n.stem for n in sample.notices]  # newest first
    for rec in data["notices"]:
        assert rec["url"] == f"van-ban/{rec['stem']}/"
        assert rec["href"] == SITE + rec["url"]
    assert {u["id"] for u in data["units"]} == set(sample.units)
    assert {d["slug"] for d in data["documents"]} == set(sample.documents)
    relative = json.loads(exports.catalog(sample, None))
    assert all("href" not in rec for rec in relative["notices"])


def test_catalog_known_notice(sample):
    data = json.loads(exports.catalog(sample, None))
    rec = next(n for n in data["notices"] if n["stem"] == KNOWN)
    assert rec["number"] == "15-TB/ĐU"
    assert rec["date"] == "2025-11-06"
    assert rec["type"] == "thong-bao" and rec["type_name"] == "Thông báo"
    assert rec["issuer"] == "dang-uy" and rec["issuer_name"] == "Đảng ủy xã Tân Lập"
    assert rec["signer"] == {"name": "Trần Văn Điệp", "position": "Chánh Văn phòng", "authority": "T/L Ban Thường vụ"}
    assert rec["meeting"] == {"date": "2025-11-05", "chair": "Trần Văn Vy"}
    assert "Lưu VPĐU" in rec["recipients"]
    assigned = {a["unit"]: a for a in rec["assignments"]}
    assert assigned["ban-xay-dung-dang"]["unit_name"] == "Ban Xây dựng Đảng"
    assert assigned["ban-xay-dung-dang"]["anchor"]
    numbers = {c["number"] for c in rec["citations"]}
    assert {"50-CT/TW", "42-HD/BTCTW"} <= numbers
    for c in rec["citations"]:
        if c["target"]:
            assert c["url"] == f"van-ban/{c['target']}/"
        else:
            assert c["url"] == f"trich-dan/{c['slug']}/"
    assert any(c["url"] == "trich-dan/50-ct-tw/" for c in rec["citations"])
    doc = next(d for d in data["documents"] if d["number"] == "50-CT/TW")
    assert KNOWN in doc["citing"] and doc["type_name"] == "Chỉ thị"
    # cited_by is the reverse of citations with a target
    for other in data["notices"]:
        for c in other["citations"]:
            if c["target"]:
                target = next(n for n in data["notices"] if n["stem"] == c["target"])
                assert other["stem"] in target["cited_by"]


def test_catalog_links_citation_in_archive_and_escapes(tricky):
    data = json.loads(exports.catalog(tricky, None))
    by_stem = {n["stem"]: n for n in data["notices"]}
    assert by_stem["2025-03-01-tricky"]["title"] == TRICKY
    cite = by_stem["2025-03-03-plus"]["citations"]
    assert [(c["target"], c["url"]) for c in cite] == [("2025-03-01-tricky", "van-ban/2025-03-01-tricky/")]
    assert by_stem["2025-03-01-tricky"]["cited_by"] == ["2025-03-03-plus"]
    assert by_stem["2025-03-02-minus"]["units"] == ["ban-xay-dung-dang"]
    assert by_stem["2025-03-02-minus"]["assignments"] == [
        {"unit": "ban-xay-dung-dang", "unit_name": "Ban Xây dựng Đảng", "anchor": None}]
    assert validator().is_valid(data)
    assert "Đảng ủy".encode() in exports.catalog(tricky, None)  # ensure_ascii=False: UTF-8 as is


# --- feeds ------------------------------------------------------------------------------------


def test_main_feed_absolute(sample):
    parsed = parse_feed(exports.main_feed(sample, SITE))
    feed = parsed.feed
    assert feed.title == "Văn bản mới"
    assert feed.updated.startswith(sample.notices[0].date.isoformat())
    links = {link.rel: link.href for link in feed.links}
    assert links == {"self": SITE + "feed.xml", "alternate": SITE}
    assert len(parsed.entries) == min(50, len(sample.notices))
    stems = [n.stem for n in sample.notices][:50]
    for entry, stem in zip(parsed.entries, stems):
        n = sample.by_stem[stem]
        assert entry.id == f"tag:vanban,{n.date.isoformat()}:van-ban/{stem}"
        assert entry.link == f"{SITE}van-ban/{stem}/"
        assert entry.title.endswith(f"{n.number}: {n.title}")
        assert entry.summary == n.title
        assert {t.term for t in entry.tags} == {n.type, n.issuer}
    updated = [e.updated_parsed for e in parsed.entries]
    assert updated == sorted(updated, reverse=True)


def test_main_feed_relative(sample):
    parsed = parse_feed(exports.main_feed(sample, None))
    assert {link.rel: link.href for link in parsed.feed.links} == {"self": "feed.xml", "alternate": "./"}
    for entry in parsed.entries:
        assert entry.link.startswith("van-ban/") and entry.link.endswith("/")
        assert "://" not in entry.link


def test_unit_and_document_feeds(sample):
    units = exports.unit_feeds(sample, None)
    assert set(units) == {f"don-vi/{u}/feed.xml" for u in sample.units}
    parsed = parse_feed(units["don-vi/ban-xay-dung-dang/feed.xml"])
    ids = [e.id for e in parsed.entries]
    assert len(ids) == len(set(ids))  # issued and assigned: once each
    assert f"tag:vanban,2025-11-06:van-ban/{KNOWN}" in ids
    assert all(e.link.startswith("../../van-ban/") for e in parsed.entries)
    assert {link.rel: link.href for link in parsed.feed.links} == {"self": "feed.xml", "alternate": "./"}

    docs = exports.document_feeds(sample, SITE)
    assert set(docs) == {f"trich-dan/{s}/feed.xml" for s in sample.documents}
    parsed = parse_feed(docs["trich-dan/50-ct-tw/feed.xml"])
    assert f"tag:vanban,2025-11-06:van-ban/{KNOWN}" in [e.id for e in parsed.entries]
    assert {link.rel: link.href for link in parsed.feed.links} == {
        "self": SITE + "trich-dan/50-ct-tw/feed.xml", "alternate": SITE + "trich-dan/50-ct-tw/"}


def test_feed_escapes_text(tricky):
    data = exports.main_feed(tricky, None)
    root = ET.fromstring(data)
    titles = [e.findtext(f"{ATOM}summary") for e in root.iter(f"{ATOM}entry")]
    assert TRICKY in titles
    assert not list(root.iter("b")) and not list(root.iter(f"{ATOM}b"))
    parsed = parse_feed(data)
    assert any(e.title == f"Thông báo 03-TB/ĐU: {TRICKY}" for e in parsed.entries)


def test_feed_keeps_fifty_newest(tmp_path):
    start = dt.date(2025, 1, 1)
    files = {}
    for i in range(55):
        d = start + dt.timedelta(days=i)
        files[f"notices/2025/{d.isoformat()}-so-{i}.md"] = notice(f"{i + 1}-TB/ĐU", d.isoformat(), f"Kết luận giao ban lần {i}")
    archive = build_archive(make_archive(tmp_path, files))
    assert len(archive.notices) == 55
    parsed = parse_feed(exports.main_feed(archive, SITE))
    assert len(parsed.entries) == 50
    assert parsed.entries[0].id == "tag:vanban,2025-02-24:van-ban/2025-02-24-so-54"
    assert parsed.entries[-1].id == "tag:vanban,2025-01-06:van-ban/2025-01-06-so-5"
    assert parsed.feed.updated == "2025-02-24T00:00:00Z"


def test_empty_feed_is_valid(tmp_path):
    archive = build_archive(make_archive(tmp_path, {}))
    parsed = parse_feed(exports.main_feed(archive, None))
    assert parsed.entries == []


# --- register ---------------------------------------------------------------------------------


def read_register(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")
    text = data[3:].decode("utf-8")
    assert "\r\n" in text and "\n" not in text.replace("\r\n", "")
    return list(csv.reader(io.StringIO(text, newline="")))


def test_register_sample(sample):
    rows = read_register(exports.register_csv(sample))
    assert rows[0] == HEADER
    assert len(rows) == len(sample.notices) + 1
    dates = [dt.datetime.strptime(r[1], "%d/%m/%Y").date() for r in rows[1:]]
    assert dates == sorted(dates)  # oldest first
    known = next(r for r in rows if r[0] == "15-TB/ĐU" and r[1] == "06/11/2025")
    assert known[2] == "Thông báo"
    assert known[4] == "Đảng ủy xã Tân Lập"
    assert known[5] == "T/L Ban Thường vụ, Chánh Văn phòng Trần Văn Điệp"
    assert known[6].split("; ")[0] == "TT Đảng ủy" and known[6].endswith("Lưu VPĐU")


def test_register_neutralises_formulas(tricky):
    rows = read_register(exports.register_csv(tricky))
    titles = [r[3] for r in rows[1:]]
    assert titles == ["'" + TRICKY, "'-1 là số âm", "'@tên +công thức"]
    for row in rows[1:]:
        assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in row)


# --- all together -----------------------------------------------------------------------------


@pytest.mark.parametrize("site_url", [None, SITE])
def test_files_are_deterministic(sample, site_url):
    first = exports.files(sample, site_url)
    second = exports.files(build_archive(ROOT), site_url)
    assert first == second
    assert {"catalog.json", "catalog.schema.json", "feed.xml", "so-dang-ky.csv"} <= set(first)
    assert all(isinstance(v, bytes) for v in first.values())
    for path, data in first.items():
        if path.endswith("feed.xml"):
            parse_feed(data)
    assert first["catalog.schema.json"] == (ROOT / "src/vanban/site/catalog.schema.json").read_bytes()


def test_paths_name_every_export_without_making_it():
    from vanban.site.exports import files, paths

    archive = build_archive(ROOT)
    assert sorted(paths(archive)) == sorted(files(archive))
