"""Generated pages as Markdown, derived from the Archive: notices, hubs and term pages.

Links in the Markdown are written to source files (``../don-vi/x.md``) so MkDocs resolves and
checks them. Listings, a unit's tasks and a document's citing notices go in as HTML after
Markdown (slots), their links written as MkDocs would write them (``_href``). Every text from a
notice is escaped, since it is data, not markup.
"""

from __future__ import annotations

import functools
import html
import json
import re
from urllib.parse import quote
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from vanban.lang import dates
from vanban.lang import numbers
from vanban.site import render
from vanban.site import sanitize
from vanban.site import urls
from vanban.archive.citing import CitedDocument
from vanban.archive.core import Archive
from vanban.archive.facets import FACETS
from vanban.lang.doctypes import type_name
from vanban.model import Notice

SAME_MONTH_SHOWN = 10  # a notice page lists this many of its month; the month page has them all
_MD_SPECIAL = re.compile(r"([\\`*_\[\]{}()#+!|~^])")


@dataclass(frozen=True)
class GeneratedPage:
    src_uri: str
    content: str
    # HTML put in after Markdown, in place of the paragraph holding its key (slot_key): big
    # quoted sections would cost Markdown's HTML-block parser far more than their rendering.
    slots: dict[str, str] = field(default_factory=dict)
    # Sections quoted from notices, by the key of their mark in a slot: (notice stem, heading
    # id, the section's Markdown). fill_quotes puts in the notice's own rendered section.
    quotes: dict[str, tuple[str, str, str]] = field(default_factory=dict)


def slot_key(i: int) -> str:
    return f"vb-slot-{i}"


def fill_slots(html_text: str, slots: dict[str, str]) -> str:
    """The rendered page with each slot's paragraph replaced by its HTML."""
    if not slots:
        return html_text
    return _SLOT.sub(lambda m: slots.get(m.group(1), m.group(0)), html_text)


_SLOT = re.compile(r"<p>(vb-slot-\d+)</p>")
_QUOTE = re.compile(r"<!--(vb-quote-\d+)-->")


def fill_quotes(html_text: str, src: str, quotes: dict[str, tuple[str, str, str]], notice_html) -> str:
    """Each quote's mark replaced by the section as its notice's page shows it (``notice_html``:
    stem -> that page's sanitised HTML, or None), or, without that page, rendered from the
    section's Markdown."""
    def one(m: re.Match) -> str:
        stem, anchor, text = quotes[m.group(1)]
        page = notice_html(stem)
        notice_src = urls.NOTICE.format(stem=stem)
        return (page and quote_from_html(page, anchor, notice_src, src)) or _quote(src, notice_src, text)

    return _QUOTE.sub(one, html_text) if quotes else html_text


_HEADERLINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.S)
_HEADING = re.compile(r'<h([1-6]) id="([^"]*)"[^>]*>.*?</h\1>', re.S)
_HEADING_END = {level: re.compile(rf"<h[1-{level}][\s>]") for level in range(1, 7)}


# A notice is quoted on several units' pages, main and yearly, far apart in the build: the cache
# holds every notice page of a large archive (with 4,096, 38,000 of 52,000 quotes at 10,000
# notices found it again).
@functools.lru_cache(maxsize=100_000)
def _headings(page: str) -> dict[str, tuple[int, int]]:
    """Each heading id of a rendered page: (its level, where its section starts)."""
    found: dict[str, tuple[int, int]] = {}
    for m in _HEADING.finditer(page):
        found.setdefault(m.group(2), (int(m.group(1)), m.end()))
    return found


def quote_from_html(page: str, anchor: str, notice_src: str, src: str) -> str | None:
    """The section under the heading ``anchor`` of a notice's rendered page, as the page of
    ``src`` quotes it: headings shifted below the page's own, without ids or permalinks, links
    rebased (sanitised again on its own, so that nothing in it reaches past the quote)."""
    head = _headings(page).get(anchor)
    if not head:
        return None
    level, start = head
    end = _HEADING_END[level].search(page, start)
    body = _HEADERLINK.sub("", page[start:end.start() if end else len(page)])
    body = re.sub(r"<(/?)h([1-6])\b", lambda m: f"<{m[1]}h{min(6, int(m[2]) + 4)}", body)
    from_url, to_url = urls.url_of(notice_src), urls.url_of(src)
    body = sanitize.reclean(body, rebase=lambda url: urls.rebase_url(url, from_url, to_url), keep_ids=False)
    return f'<blockquote class="vb-quote">\n{body.strip()}\n</blockquote>'


def md(text: str) -> str:
    """Escape data for Markdown: HTML-escaped, then Markdown's own characters."""
    return _MD_SPECIAL.sub(r"\\\1", html.escape(str(text), quote=False)).replace("\n", " ")


def _front(title: str, **extra) -> str:
    meta = {"title": title, **extra}
    return "---\n" + "\n".join(f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in meta.items()) + "\n---\n\n"


def notice_label(n: Notice) -> str:
    return f"{type_name(n.type)} {n.number}"


def link(from_uri: str, to_uri: str, text: str, anchor: str = "") -> str:
    return f"[{md(text)}]({urls.rel_link(from_uri, to_uri)}{'#' + anchor if anchor else ''})"


def notice_uri(n: Notice) -> str:
    return urls.NOTICE.format(stem=n.stem)


# --- notice pages ---------------------------------------------------------------------------


def notice_page(archive: Archive, n: Notice, markdown=None) -> GeneratedPage:
    """The notice's body with every citation turned into a link; the header comes from the template.
    ``markdown`` makes it from (stem, body, title, citations) (a server passes a remembering one)."""
    uses = tuple(sorted((u.citation.start, u.citation.end, u.target, u.slug) for u in archive.citations[n.stem]))
    return GeneratedPage(notice_uri(n), (markdown or notice_markdown)(n.stem, n.body, f"{notice_label(n)}: {n.title}", uses))


def notice_markdown(stem: str, body: str, title: str, uses: tuple) -> str:
    src = urls.NOTICE.format(stem=stem)
    parts, done = [], 0
    links = _LinkTracker(body)
    for start, end, target_stem, slug in uses:
        if start < done or links.inside(start):
            continue
        target = urls.NOTICE.format(stem=target_stem) if target_stem else urls.DOCUMENT.format(key=slug)
        parts += [body[done:start], f"[{body[start:end]}]({urls.rel_link(src, target)})"]
        done = end
    parts.append(body[done:])
    return _front(title, template="notice.html") + "".join(parts)


class _LinkTracker:
    """Whether a position lies inside [...] or (...) of a link written by the clerk, asked in
    increasing order: brackets are counted once from the start of the line, not again per
    question (a line with thousands of citations stays linear)."""

    def __init__(self, text: str):
        self.text, self.pos, self.line_start = text, 0, 0
        self.counts = dict.fromkeys(("[", "]", "](", ")"), 0)

    def inside(self, at: int) -> bool:
        line_start = self.text.rfind("\n", self.pos, at) + 1 or self.line_start
        if line_start > self.line_start:
            self.line_start, self.pos = line_start, line_start
            self.counts = dict.fromkeys(self.counts, 0)
        chunk = self.text[self.pos:at]
        for key in self.counts:
            self.counts[key] += chunk.count(key)
        if self.pos > 0 and self.text[self.pos - 1] == "]" and chunk.startswith("("):
            self.counts["]("] += 1  # a "](" split across two chunks
        self.pos = at
        c = self.counts
        return c["["] > c["]"] or c["]("] > c[")"]


# --- listings -------------------------------------------------------------------------------


def _listing(kind: str, head: list[str], rows: list[list[str]]) -> str:
    """A table in a wrapper whose class lays it out as cards on a phone (vanban.css). It is HTML
    (cells included), as the tables extension writes it: Python-Markdown spent more on the
    listings of a large archive than on everything else of those pages."""
    out = [f'<div class="vb-listing vb-listing--{kind}">', "<table>", "<thead>", "<tr>"]
    out += [f"<th>{h}</th>" for h in head]
    out += ["</tr>", "</thead>", "<tbody>"]
    for row in rows:
        out += ["<tr>", *(f"<td>{cell}</td>" for cell in row), "</tr>"]
    return "\n".join(out + ["</tbody>", "</table>", "</div>"])


def _slot(out: list[str], slots: dict[str, str], html_text: str) -> None:
    """``html_text`` goes in after Markdown, where ``out`` now ends."""
    key = slot_key(len(slots))
    slots[key] = html_text
    out.append(f"{key}\n\n")


def _esc(text) -> str:
    return html.escape(str(text), quote=False).replace("\n", " ")


def _a(src: str, to_uri: str, text: str) -> str:
    """A link in HTML put in after Markdown: to the URL that MkDocs would write for ``to_uri``."""
    return f'<a href="{html.escape(_href(src, to_uri))}">{_esc(text)}</a>'


def _title_link(src: str, to_uri: str, text: str) -> str:
    return f'<span class="vb-listing__title">{_a(src, to_uri, text)}</span>'


def _table(src: str, notices: list[Notice], archive: Archive, issuer: bool = True) -> str:
    head = ["Ngày", "Số, ký hiệu", "Trích yếu"] + (["Cơ quan ban hành"] if issuer else [])
    rows = []
    for n in notices:
        uri = notice_uri(n)
        row = [dates.short(n.date), _a(src, uri, n.number), _title_link(src, uri, f"{type_name(n.type)}: {n.title}")]
        if issuer:
            row.append(_a(src, urls.UNIT.format(key=n.issuer), archive.unit_name(n.issuer)))
        rows.append(row)
    return _listing("notices" if issuer else "notices-own", head, rows)


def _unit_link(src: str, archive: Archive, uid: str) -> str:
    return link(src, urls.UNIT.format(key=uid), archive.unit_name(uid))


def home_listing(archive: Archive, count: int = 20) -> str:
    src = urls.HOME
    out = ["## Văn bản mới nhất\n\n"]
    if not archive.notices:
        return out[0] + "Kho chưa có văn bản nào.\n"
    out.append(_table(src, archive.notices[:count], archive))
    out.append(f"\nXem tất cả {len(archive.notices)} văn bản {link(src, urls.MONTHS, 'theo tháng')}, "
               f"{link(src, urls.UNITS, 'theo đơn vị')} hoặc {link(src, urls.DOCUMENTS, 'theo văn bản được trích dẫn')}.\n")
    out.append(f"\nDữ liệu của kho: {link(src, urls.REGISTER, 'sổ đăng ký văn bản')} (tệp CSV, mở bằng Excel), "
               f"{link(src, urls.FEED, 'nguồn tin Atom')} các văn bản mới, "
               f"{link(src, urls.CATALOG, 'danh mục đầy đủ')} (JSON, cho các phần mềm khác).\n")
    return "".join(out)


def month_pages(archive: Archive) -> list[GeneratedPage]:
    facet = archive.index["thang"]
    keys = sorted(facet, reverse=True)
    hub = [_front("Văn bản theo tháng"), "# Văn bản theo tháng\n\n"]
    by_year = defaultdict(list)
    for key in keys:
        by_year[key[:4]].append(key)
    for year in sorted(by_year, reverse=True):
        hub.append(f"## Năm {year}\n\n")
        for key in by_year[year]:
            n = len(facet[key])
            hub.append(f"- {link(urls.MONTHS, urls.MONTH.format(key=key), dates.month_label(key).capitalize())}: {n} văn bản\n")
        hub.append("\n")
    pages = [GeneratedPage(urls.MONTHS, "".join(hub))]
    for i, key in enumerate(keys):
        src = urls.MONTH.format(key=key)
        text = [_front(f"Văn bản {dates.month_label(key)}"), f"# Văn bản {dates.month_label(key)}\n\n"]
        slots: dict[str, str] = {}
        _slot(text, slots, _table(src, [e.notice for e in facet[key]], archive))
        nav = []
        if i + 1 < len(keys):
            nav.append(f"← {link(src, urls.MONTH.format(key=keys[i + 1]), dates.month_label(keys[i + 1]))}")
        nav.append(link(src, urls.MONTHS, "Tất cả các tháng"))
        if i > 0:
            nav.append(f"{link(src, urls.MONTH.format(key=keys[i - 1]), dates.month_label(keys[i - 1]))} →")
        text.append(" · ".join(nav) + "\n")
        pages.append(GeneratedPage(src, "".join(text), slots))
    return pages


# A unit's or a cited document's page lists everything while it is short; past LONG entries it
# shows the newest years, at least SHOWN entries' worth, and every year has its own page, so
# that a page stays bounded whatever the archive's size and a year's address never changes.
LONG = 100
SHOWN = 30


def _years(days: list) -> tuple[list[int], list[int]]:
    """The years of the entries dated ``days``, newest first, and those the main page shows."""
    per_year = Counter(d.year for d in days)
    years = sorted(per_year, reverse=True)
    if len(days) <= LONG:
        return years, years
    shown, total = [], 0
    for y in years:
        if total >= SHOWN:
            break
        shown.append(y)
        total += per_year[y]
    return years, shown


def _year_links(src: str, main: str, year_uri: str, years: list[int], shown: list[int], current: int | None) -> str:
    """The line that leads from one year's page to the others (there are none while the main
    page shows every year)."""
    if current is None and shown == years:
        return ""
    items = [link(src, main, "Mới nhất") if current is not None else "**Mới nhất**"]
    for y in years:
        items.append(f"**{y}**" if y == current else link(src, year_uri.format(year=y), str(y)))
    note = f" (trang này hiện năm {', '.join(map(str, shown))})" if current is None else ""
    return "Theo năm: " + " · ".join(items) + note + "\n\n"


def unit_pages(archive: Archive) -> list[GeneratedPage]:
    facet = archive.index["don-vi"]
    hub = [_front("Văn bản theo đơn vị"), "# Văn bản theo đơn vị\n\n"]
    rows = []
    pages = []
    for unit in archive.units_sorted():
        entries = facet.get(unit.id, [])
        issued = [e.notice for e in entries if e.role == "issued"]
        assigned = [e for e in entries if e.role == "assigned"]
        rows.append([_title_link(urls.UNITS, urls.UNIT.format(key=unit.id), unit.name), _esc(unit.code or ""),
                     str(len(issued)), str(len({e.notice.stem for e in assigned}))])
        years, shown = _years([e.notice.date for e in entries])
        pages.append(_unit_page(archive, unit, issued, assigned, years, shown, None))
        if shown != years:  # each year's page is given that year's notices, not all to sift again
            of_year = defaultdict(lambda: ([], []))
            for n in issued:
                of_year[n.date.year][0].append(n)
            for e in assigned:
                of_year[e.notice.date.year][1].append(e)
            pages.extend(_unit_page(archive, unit, *of_year[y], years, [y], y) for y in years)
    slots: dict[str, str] = {}
    _slot(hub, slots, _listing("units", ["Đơn vị", "Ký hiệu", "Văn bản ban hành", "Văn bản giao nhiệm vụ"], rows))
    return [GeneratedPage(urls.UNITS, "".join(hub), slots)] + pages


def _unit_page(archive: Archive, unit, issued, assigned, years, shown, year) -> GeneratedPage:
    main = urls.UNIT.format(key=unit.id)
    src = main if year is None else urls.UNIT_YEAR.format(key=unit.id, year=year)
    title = unit.name if year is None else f"{unit.name}: năm {year}"
    out = [_front(title), f"# {md(title)}\n\n"]
    slots: dict[str, str] = {}
    facts = []
    if unit.code:
        facts.append(f"Ký hiệu: **{md(unit.code)}**")
    if unit.parent and unit.parent in archive.units:
        facts.append(f"trực thuộc {_unit_link(src, archive, unit.parent)}")
    children = [u for u in archive.units_sorted() if u.parent == unit.id]
    if children:
        facts.append("đơn vị trực thuộc: " + ", ".join(_unit_link(src, archive, u.id) for u in children))
    if unit.aliases:
        facts.append("còn gọi là: " + ", ".join(md(a) for a in unit.aliases))
    if facts:
        out.append("; ".join(facts) + ".\n\n")
    out.append(_year_links(src, main, urls.UNIT_YEAR.replace("{key}", unit.id), years, shown, year))
    keep = set(shown)
    assigned = [e for e in assigned if e.notice.date.year in keep]
    issued = [n for n in issued if n.date.year in keep]
    out.append("## Nhiệm vụ được giao\n\n")
    if not assigned:
        out.append("Chưa có văn bản nào giao nhiệm vụ cho đơn vị.\n\n")
    # Each month's tasks go in as HTML after Markdown (one slot a month): Python-Markdown spent
    # more on these headings and links than on all the rest of a unit's page.
    months: dict[str, list[str]] = {}
    quotes: dict[str, tuple[str, str, str]] = {}
    for e in assigned:
        months.setdefault(e.notice.month, []).append(_task_html(src, e, quotes))
    for month, tasks in months.items():
        out.append(f"### {dates.month_label(month).capitalize()}\n\n")
        _slot(out, slots, "\n".join(tasks))
    out.append("## Văn bản do đơn vị ban hành\n\n")
    if issued:
        _slot(out, slots, _table(src, issued, archive, issuer=False))
    else:
        out.append("Chưa có văn bản.\n")
    return GeneratedPage(src, "".join(out), slots, quotes)


@functools.lru_cache(maxsize=200_000)  # a listing links a notice twice, and its units often
def _href(src: str, to_uri: str, anchor: str = "") -> str:
    """The URL of ``to_uri`` (a source path) as the built page of ``src`` writes it: what
    ``urls.rebase`` makes of the Markdown link, from the two pages' URLs directly."""
    out = urls.relpath(urls.url_of(to_uri) or ".", urls.url_of(src) or ".")
    out = "./" if out == "." else out + "/"
    return (out if _UNQUOTED.fullmatch(out) else quote(out)) + (f"#{anchor}" if anchor else "")


_UNQUOTED = re.compile(r"[A-Za-z0-9_.~/-]*")  # what urllib's quote() leaves as it is


def _task_html(src: str, e, quotes: dict) -> str:
    """One notice's task for a unit: the notice, its section and the mark of its quote."""
    n, a = e.notice, e.detail
    where = a.section.anchor if a.section else ""
    href = html.escape(_href(src, notice_uri(n), where))
    head = f'<h4><a href="{href}">{html.escape(notice_label(n))} ngày {dates.short(n.date)}</a></h4>'
    title = html.escape(n.title)
    if not a.section:
        return f"{head}\n<p>{title} — đơn vị có tên trong danh sách đơn vị được giao nhiệm vụ của văn bản.</p>"
    key = f"vb-quote-{len(quotes)}"
    quotes[key] = (n.stem, a.section.anchor, _demote(a.text, 4))
    return f'{head}\n<p>{title} — mục <a href="{href}">{html.escape(a.section.title)}</a>:</p>\n<!--{key}-->'


def _demote(text: str, below: int) -> str:
    """Shift the headings of an included section below the level of the page's own."""
    return re.sub(r"^(#{1,6})(?=\s)", lambda m: "#" * min(6, below + len(m.group(1))), text, flags=re.M)


def _quote(src: str, notice_src: str, text: str) -> str:
    """The section rendered from its Markdown (sanitised on its own, so that an unclosed tag in
    one notice cannot swallow the next): only when its notice's page is missing."""
    body = render.quote_html(text, lambda url: urls.rebase(url, notice_src, src))
    return f'<blockquote class="vb-quote">\n{body.strip()}\n</blockquote>'


def document_pages(archive: Archive) -> list[GeneratedPage]:
    hub = [_front("Văn bản được trích dẫn"), "# Văn bản được trích dẫn\n\n",
           "Các văn bản được các thông báo trong kho trích dẫn; bấm vào tiêu đề cột để sắp xếp.\n\n",
           '<div class="vb-sortable" hidden></div>\n\n']
    rows = []
    pages = []
    for doc in archive.documents_sorted():
        src = urls.DOCUMENT.format(key=doc.slug)
        day = f'<span data-sort="{doc.date.isoformat()}">{dates.short(doc.date)}</span>' if doc.date else ""
        title = _title_link(urls.DOCUMENTS, src, doc.title) if doc.title else ""
        rows.append([_a(urls.DOCUMENTS, src, doc.number), _esc(type_name(doc.type)), day, _esc(doc.issuer or ""),
                     title, str(len(doc.citing_notices))])
        years, shown = _years([n.date for n in doc.citing_notices])
        uses_by = defaultdict(list)  # for the main page and each year's
        for use in doc.uses:
            uses_by[use.notice.stem].append(use)
        pages.append(_document_page(archive, doc, uses_by, years, shown, None))
        if shown != years:
            pages.extend(_document_page(archive, doc, uses_by, years, [y], y) for y in years)
    slots: dict[str, str] = {}
    head = ["Số, ký hiệu", "Loại", "Ngày", "Cơ quan ban hành", "Trích yếu", "Số văn bản trích dẫn"]
    _slot(hub, slots, _listing("documents", head, rows))
    return [GeneratedPage(urls.DOCUMENTS, "".join(hub), slots)] + pages


def _document_page(archive: Archive, doc: CitedDocument, uses_by: dict[str, list], years, shown,
                   year) -> GeneratedPage:
    main = urls.DOCUMENT.format(key=doc.slug)
    src = main if year is None else urls.DOCUMENT_YEAR.format(key=doc.slug, year=year)
    label = f"{type_name(doc.type)} {doc.number}"
    heading = label if year is None else f"{label}: trích dẫn năm {year}"
    out = [_front(heading), f"# {md(heading)}\n\n"]
    slots: dict[str, str] = {}
    if doc.title:
        out.append(f"**{md(doc.title)}**\n\n")
    facts = []
    if doc.date:
        facts.append(f"Ngày ban hành: {dates.short(doc.date)}")
    if doc.issuer:
        facts.append(f"Cơ quan ban hành: {md(doc.issuer)}")
    if facts:
        out.append("; ".join(facts) + ".\n\n")
    out.append(_year_links(src, main, urls.DOCUMENT_YEAR.replace("{key}", doc.slug), years, shown, year))
    if doc.bearers and year is None:
        out.append("## Văn bản trong kho mang số này\n\n")
        _slot(out, slots, _table(src, doc.bearers, archive))
    citing = doc.citing_notices
    keep = set(shown)
    listed = [n for n in citing if n.date.year in keep]
    if len(listed) == len(citing):
        out.append(f"## Được trích dẫn trong {len(citing)} văn bản\n\n")
    else:
        years_text = ", ".join(map(str, shown))
        out.append(f"## Được trích dẫn trong {len(citing)} văn bản ({len(listed)} trong năm {years_text})\n\n")
    items = []  # as HTML after Markdown, like a unit's tasks
    for n in listed:
        label = f"{notice_label(n)} ngày {dates.short(n.date)}"
        quotes = "".join(f"\n<blockquote>\n<p>{html.escape(s)}</p>\n</blockquote>"
                         for s in dict.fromkeys(u.sentence for u in uses_by[n.stem] if u.sentence))
        items.append(f'<li>\n<p><a href="{html.escape(_href(src, notice_uri(n)))}">{html.escape(label)}</a>: '
                     f"{html.escape(n.title)}</p>{quotes}\n</li>")
    if items:
        _slot(out, slots, "<ul>\n" + "\n".join(items) + "\n</ul>")
    return GeneratedPage(src, "".join(out), slots)


# The maker of each facet's pages (its hub, its key pages, their year pages), in the site's order.
FACET_PAGES = {"thang": month_pages, "don-vi": unit_pages, "trich-dan": document_pages}
assert set(FACET_PAGES) == {f.name for f in FACETS if f.page}, "a facet with pages needs its maker here"


def all_pages(archive: Archive, markdown=None) -> list[GeneratedPage]:
    """Every generated page of the site, notices first (``markdown``: see notice_page)."""
    pages = [notice_page(archive, n, markdown) for n in archive.notices]
    for make in FACET_PAGES.values():
        pages += make(archive)
    return pages


def notice_view(archive: Archive, n: Notice) -> dict:
    """What the notice template shows around the body: header facts and the "Liên quan" block.

    URLs are site-relative ("don-vi/dang-uy/"); the template prefixes ``base_url``.
    """
    def unit(uid):
        return {"name": archive.unit_name(uid), "url": urls.url_of(urls.UNIT.format(key=uid))}

    def ref(other: Notice):
        return {"label": notice_label(other), "date": dates.short(other.date), "title": other.title,
                "url": urls.url_of(notice_uri(other))}

    cites, seen = [], set()
    for use in archive.citations[n.stem]:
        key = use.target or use.slug
        if key in seen:
            continue
        seen.add(key)
        if use.target:
            cites.append(ref(archive.by_stem[use.target]))
        else:
            doc = archive.documents[use.slug]
            cites.append({"label": f"{type_name(doc.type)} {doc.number}",
                          "date": dates.short(doc.date) if doc.date else "", "title": doc.title or "",
                          "url": urls.url_of(urls.DOCUMENT.format(key=doc.slug))})
    citing = {u.notice.stem: u.notice for u in archive.cited_by.get(n.stem, [])}
    older, newer = archive.neighbours(n)
    same_month = archive.same_month(n, SAME_MONTH_SHOWN)
    assigned = [{"unit": unit(a.unit), "anchor": a.section.anchor if a.section else None}
                for a in archive.assignments[n.stem]]
    return {
        "stem": n.stem,
        "number": n.number,
        "type": n.type,
        "type_name": type_name(n.type),
        "style": numbers.parse(n.number).style,
        "title": n.title,
        "date": n.date.isoformat(),
        "date_long": dates.long(n.date),
        "date_short": dates.short(n.date),
        "place": n.place,
        "issuer": unit(n.issuer),
        "signer": n.signer,
        "recipients": list(n.recipients),
        "assigned": assigned,
        "meeting": {"date": dates.short(n.meeting.date) if n.meeting.date else None, "chair": n.meeting.chair}
        if n.meeting else None,
        "tags": list(n.tags),
        "month": {"label": dates.month_label(n.month), "url": urls.url_of(urls.MONTH.format(key=n.month)),
                  "hub": urls.url_of(urls.MONTHS)},
        "cites": cites,
        "cited_by": [ref(c) for c in sorted(citing.values(), key=lambda c: c.date, reverse=True)],
        "same_month": [ref(o) for o in same_month],
        "older": ref(older) if older else None,
        "newer": ref(newer) if newer else None,
        "source": n.path,
    }
