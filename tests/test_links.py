"""vanban.site.links.broken_links against a table, and the same table against a real `mkdocs build --strict`."""

import os
import subprocess
import sys

import markdown
import pytest

from vanban.site.links import broken_links

SRC = "van-ban/2025-11-06-a.md"
KNOWN = {"index.md", "gioi-thieu.md", "thang/index.md", SRC, "van-ban/2025-11-07-b.md", "assets/a.png"}

# Markdown as a clerk writes it in the notice SRC -> the URL MkDocs refuses ("" = accepted).
CASES = [
    ("[x](https://example.com/khong-co.md)", ""),
    ("[x](//example.com/khong-co.md)", ""),
    ("[x](mailto:a@example.com)", ""),
    ("<a@example.com>", ""),  # Markdown hides the address in entities
    ("<https://example.com/khong-co.md>", ""),
    ("[x](tel:+84123456)", ""),
    ("[x](/van-ban/khong-co.md)", ""),  # site-absolute: left as is, INFO only
    ("[x](\\khong-co.md)", ""),  # so is a leading backslash
    ("[x](#khong-co-muc)", ""),  # missing anchors are INFO only
    ("[x](?q=1)", ""),
    ("[x]()", ""),
    ("[x](.)", ""),
    ("[x](./)", ""),
    ("[x](2025-11-06-a.md#muc)", ""),
    ("[x](2025-11-07-b.md)", ""),
    ("[x](./2025-11-07-b.md#khong-co-muc)", ""),
    ("[x](2025-11-07-b.md?x=1)", ""),
    ("[x](2025-11-07-b.md/)", ""),
    ("[x](../van-ban/2025-11-07-b.md)", ""),
    ("[x](2025-11-07-%62.md)", ""),  # percent-encoded
    ("[x](%2E%2E/assets/a.png)", ""),
    ("[x](../thang/)", ""),  # a directory: "unrecognized", INFO only
    ("[x](../thang)", ""),
    ("[x](../thang/index.md)", ""),
    ("[x](../khong-co/)", ""),  # no extension: INFO even when nothing is there
    ("[x](khong-co)", ""),
    ("[x](../../../ra-ngoai)", ""),
    ("[x](.an)", ""),  # a leading dot is not an extension
    ("[x](a&#46;md)", ""),  # MkDocs sees the entity undecoded: no extension
    ("[x](<../gioi-thieu.md>)", ""),
    ('[x](../gioi-thieu.md "Giới thiệu")', ""),
    ("[x](../gioi-thieu.md#khong-co-muc)", ""),
    ("[x](../index.md)", ""),
    ("![x](../assets/a.png)", ""),
    ("[![x](../assets/a.png)](../gioi-thieu.md)", ""),
    ("[x](khong-co.md)", "khong-co.md"),
    ("[x](khong-co.md#muc)", "khong-co.md#muc"),
    ("[x](khong-co.md?q=1)", "khong-co.md?q=1"),
    ("[x](2025-11-07-b.html)", "2025-11-07-b.html"),
    ("[x](van-ban/2025-11-07-b.md)", "van-ban/2025-11-07-b.md"),
    ("[x](../thang/2025-11.md)", "../thang/2025-11.md"),
    ("[x](../gioi-thieu.MD)", "../gioi-thieu.MD"),
    ("[x](../../assets/a.png)", "../../assets/a.png"),  # leaves docs/
    ("![x](../assets/khong-co.png)", "../assets/khong-co.png"),
    ("![x](assets/a.png)", "assets/a.png"),
    ("[x](a%20b.md)", "a%20b.md"),
    ("[x](a&b.md)", "a&b.md"),
    ("[x](x.)", "x."),
    ("[x](a@example.com)", "a@example.com"),  # no mailto:
    ("[![x](../assets/a.png)](khong-co.md)", "khong-co.md"),
]
GOOD = [md for md, bad in CASES if not bad]
BAD = [(md, bad) for md, bad in CASES if bad]


def render(text: str) -> str:
    return markdown.markdown(text)


@pytest.mark.parametrize("text,bad", CASES)
def test_table(text, bad):
    found = broken_links(render(text), SRC, KNOWN)
    assert [url for url, _ in found] == ([bad] if bad else [])


def test_reason_names_the_missing_file():
    [(url, reason)] = broken_links(render("[x](../thang/2025-11.md#muc)"), SRC, KNOWN)
    assert url == "../thang/2025-11.md#muc"
    assert "thang/2025-11.md" in reason and "không có" in reason


def test_whole_page_in_document_order():
    found = broken_links(render("\n\n".join(md for md, _ in CASES)), SRC, KNOWN)
    assert [url for url, _ in found] == [bad for _, bad in BAD]


def test_only_a_href_and_img_src():
    html = ('<a name="khong-co.md">x</a><link href="khong-co.css"><script src="khong-co.js"></script>'
            '<source src="khong-co.mp4"><a title="khong-co.md">y</a>'
            '<img src="khong-co.png"/><a href="khong-co.md">z</a>')
    assert [url for url, _ in broken_links(html, SRC, KNOWN)] == ["khong-co.png", "khong-co.md"]


def test_index_page_and_invalid_url():
    assert broken_links('<a href="gioi-thieu.md">x</a><a href="van-ban/x.md">y</a>', "index.md", KNOWN) == [
        ("van-ban/x.md", "liên kết tới tệp không có trong trang: van-ban/x.md (sửa đường dẫn hoặc bỏ liên kết)")]
    assert [url for url, _ in broken_links('<a href="http://[x/a.md">x</a>', SRC, KNOWN)] == ["http://[x/a.md"]


# --- the same table through MkDocs itself ---------------------------------------------------


def build(tmp_path, links: list[str]) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` of a tiny site whose notice SRC holds ``links``, one per paragraph."""
    docs = tmp_path / "docs"
    pages = {
        "index.md": "# Trang chủ\n",
        "gioi-thieu.md": "# Giới thiệu\n",
        "thang/index.md": "# Theo tháng\n",
        "van-ban/2025-11-07-b.md": "# B\n",
        SRC: "# A\n\n" + "\n\n".join(links) + "\n",
    }
    for rel, text in pages.items():
        (docs / rel).parent.mkdir(parents=True, exist_ok=True)
        (docs / rel).write_text(text, encoding="utf-8")
    (docs / "assets").mkdir()
    (docs / "assets/a.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    assert {p.relative_to(docs).as_posix() for p in docs.rglob("*") if p.is_file()} == KNOWN
    (tmp_path / "mkdocs.yml").write_text("site_name: t\nuse_directory_urls: true\n", encoding="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(tmp_path / "mkdocs.yml"),
         "-d", str(tmp_path / "site")],
        capture_output=True, text=True, cwd=tmp_path, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )


def test_mkdocs_strict_accepts_every_good_link(tmp_path):
    result = build(tmp_path, GOOD)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr


def test_mkdocs_strict_refuses_every_bad_link(tmp_path):
    result = build(tmp_path, [md for md, _ in BAD])
    assert result.returncode == 1
    warnings = [line for line in result.stderr.splitlines() if line.startswith("WARNING")]
    assert len(warnings) == len(BAD), result.stderr
    for warning, (_, bad) in zip(warnings, BAD):
        assert f"contains a link '{bad}'" in warning


def test_mkdocs_stops_on_an_invalid_url(tmp_path):
    result = build(tmp_path, ["[x](http://[x/a.md)"])
    assert result.returncode == 1
    assert "ValueError: Invalid IPv6 URL" in result.stderr
