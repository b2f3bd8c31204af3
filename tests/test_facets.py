"""Every "by X" is one declaration (vanban.archive.facets): its index, its pages' URLs, its search
filter and its labels come from it, so a new facet (status, follow-up) needs no code of its own
in the index, the records or the search page."""

from __future__ import annotations

import re
from pathlib import Path

import jinja2

from conftest import ROOT
from vanban.archive import facets
from vanban.archive.core import build_archive
from vanban.search import records
from vanban.site import urls


def test_the_facets_with_pages_give_the_urls_of_spec_4():
    assert (urls.MONTHS, urls.MONTH) == ("thang/index.md", "thang/{key}.md")
    assert (urls.UNITS, urls.UNIT, urls.UNIT_YEAR) == ("don-vi/index.md", "don-vi/{key}.md", "don-vi/{key}/{year}.md")
    assert (urls.DOCUMENTS, urls.DOCUMENT) == ("trich-dan/index.md", "trich-dan/{key}.md")
    assert urls.feed_of("don-vi/dang-uy.md") == "don-vi/dang-uy/feed.xml"
    assert urls.feed_of("thang/2025-11.md") is None


def test_a_new_facet_is_a_declaration(monkeypatch):
    """Declared with a filter only, a facet is in every search record and in the search page's
    labels; declared with keys, the archive indexes it too."""
    status = facets.Facet("hieu-luc", "Hiệu lực", keys=lambda a, n: [("in_force", "status", None)],
                          filter=lambda a, n: ["in_force"], labels=lambda a: {"in_force": "Còn hiệu lực"})
    monkeypatch.setattr(facets, "FACETS", facets.FACETS + (status,))
    archive = build_archive(ROOT)
    n = archive.notices[0]
    assert records.record(archive, n).filters["hieu-luc"] == ["in_force"]
    assert facets.filter_labels(archive)["hieu-luc"] == {"in_force": "Còn hiệu lực"}
    index = facets.build_index(archive, facets.FACETS)
    assert [e.notice for e in index["hieu-luc"]["in_force"]] == archive.notices


def test_the_search_page_renders_one_filter_per_facet():
    """theme_overrides/search.html draws its selects from the declarations, in their order."""
    source = (ROOT / "theme_overrides" / "search.html").read_text(encoding="utf-8")
    block = source[source.index("{%- for f in vb_filters"):source.index("{%- endfor %}") + len("{%- endfor %}")]
    html = jinja2.Environment().from_string(block).render(vb_filters=[f for f in facets.FACETS if f.filter])
    names = re.findall(r'<select name="([^"]+)" data-order="([^"]+)"', html)
    assert names == [(f.name, f.order) for f in facets.FACETS if f.filter]
    assert [f.name for f in facets.FACETS if f.filter] == ["loai", "co-quan", "don-vi", "nam", "thang", "trich-dan"]
    assert "Đơn vị được giao" in html


def test_search_js_knows_no_facet_by_name():
    """The browser's code reads the filters from the page: no facet's name is written in it."""
    js = (ROOT / "theme_overrides" / "assets" / "javascripts" / "search.js").read_text(encoding="utf-8")
    for f in facets.FACETS:
        assert not re.search(rf'["\']{re.escape(f.name)}["\']', js), f.name
