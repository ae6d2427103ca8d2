"""Saved web pages (.html, .htm, folders of them) read offline: title, date, URL, main text."""

from __future__ import annotations

import pytest

from geomap.errors import InputError
from geomap.ingest import read_documents
from geomap.webpages import page_metadata, parse_timestamp

PAGE = """<!DOCTYPE html>
<html lang="en"><head>
<meta charset="{charset}">
<title>Unrest in Taldykorgan | The Steppe Herald</title>
<meta property="og:url" content="https://herald.example.org/2022/01/06/taldykorgan">
<meta property="og:site_name" content="The Steppe Herald">
{date}
</head><body>
<header><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/sport">Sport</a></li></ul></header>
<main><article>
<h1>Unrest in Taldykorgan</h1>
<p>Troops clashed with armed men in Taldykorgan on Wednesday, the regional akimat said.</p>
<p>Protesters set fire to cars outside the akimat building in Taraz, witnesses said.</p>
</article></main>
<div class="comments"><p>Reader comment: this is all the fault of the weather!</p></div>
<footer><p>© The Steppe Herald. Subscribe to our newsletter.</p></footer>
</body></html>
"""


def write_page(path, *, charset="utf-8", date=None, encoding="utf-8"):
    date = date or '<meta property="article:published_time" content="2022-01-06T07:15:00+06:00">'
    path.write_bytes(PAGE.format(charset=charset, date=date).encode(encoding))
    return path


def test_a_saved_page_gives_title_date_url_and_main_text(tmp_path):
    (doc,) = read_documents(write_page(tmp_path / "taldykorgan.html"))
    assert doc.title == "Unrest in Taldykorgan | The Steppe Herald"
    assert doc.url == "https://herald.example.org/2022/01/06/taldykorgan"
    assert str(doc.date) == "2022-01-06"
    assert doc.published.isoformat() == "2022-01-06T01:15:00+00:00"
    assert doc.source == "The Steppe Herald"
    assert "clashed with armed men in Taldykorgan" in doc.text
    assert "set fire to cars" in doc.text
    for boilerplate in ("Subscribe", "Sport", "Reader comment"):
        assert boilerplate not in doc.text
    assert doc.warnings == ()


def test_canonical_wins_over_og_url_and_a_relative_one_is_joined():
    from lxml import html

    tree = html.document_fromstring(
        '<html><head><link rel="canonical" href="/a/b.html">'
        '<meta property="og:url" content="https://other.example.org/x"></head><body></body></html>'
    )
    meta = page_metadata(tree, url="https://news.example.org/feed/1")
    assert meta["url"] == "https://news.example.org/a/b.html"


@pytest.mark.parametrize(
    ("date_html", "expected"),
    [
        ('<script type="application/ld+json">{"@graph": [{"datePublished": '
         '"2022-01-06T10:00:00Z"}]}</script>', "2022-01-06"),
        ('<meta name="date" content="2022-01-04">', "2022-01-04"),
        ('<meta name="pubdate" content="20220102">', "2022-01-02"),
        ("</head><body><time datetime='2022-01-03T08:00'>3 Jan</time>", "2022-01-03"),
    ],
)  # fmt: skip
def test_the_date_comes_from_meta_json_ld_or_time(tmp_path, date_html, expected):
    (doc,) = read_documents(write_page(tmp_path / "p.htm", date=date_html))
    assert str(doc.date) == expected


def test_a_page_without_a_date_is_read_with_a_warning(tmp_path):
    (doc,) = read_documents(write_page(tmp_path / "p.html", date="<!-- no date -->"))
    assert doc.date is None and "no publication date" in doc.warnings[0]


def test_the_declared_charset_is_used(tmp_path):
    page = tmp_path / "cyrillic.html"
    text = PAGE.replace("Taraz", "Таразе").format(
        charset="windows-1251", date='<meta name="date" content="2022-01-06">'
    )
    page.write_bytes(text.encode("cp1251"))
    (doc,) = read_documents(page)
    assert "Таразе" in doc.text


def test_a_folder_of_pages_is_read_with_the_other_inputs(tmp_path):
    folder = tmp_path / "saved"
    folder.mkdir()
    write_page(folder / "a.html")
    write_page(folder / "b.HTM")
    (folder / "c.txt").write_text(" date 2022-01-05 Protesters rallied in Almaty.")
    docs = list(read_documents(folder))
    assert [d.doc_id for d in docs] == ["a.html", "b.HTM", "c.txt"]


def test_a_page_without_article_text_is_skipped_naming_it(tmp_path):
    page = tmp_path / "empty.html"
    page.write_text(
        "<html><head><title>Nothing</title></head><body><script>track()</script></body></html>"
    )
    problems = []
    assert list(read_documents(page, on_error=problems.append)) == []
    assert "empty.html" in str(problems[0]) and "no article text" in str(problems[0])
    with pytest.raises(InputError):
        list(read_documents(page))


def test_timestamps_keep_the_written_date_and_give_utc():
    date, stamp = parse_timestamp("2022-01-05T23:30:00-05:00")
    assert str(date) == "2022-01-05" and stamp.isoformat() == "2022-01-06T04:30:00+00:00"
    assert parse_timestamp("2022-01-05") == (date, None)
    assert parse_timestamp("Tuesday") == (None, None)


@pytest.mark.usefixtures("pipeline")
def test_cli_on_saved_pages_carries_url_and_title(tmp_path):
    from geomap.cli import EXIT_OK, main
    from geomap.export import read_events, read_mentions

    folder = tmp_path / "saved"
    folder.mkdir()
    write_page(folder / "taldykorgan.html")
    events, mentions = tmp_path / "events.parquet", tmp_path / "mentions.geojson"
    argv = ["extract", str(folder), "-o", str(events), "--mentions", str(mentions), "-q"]
    assert main(argv) == EXIT_OK
    table = read_events(events)
    assert {"Taldykorgan", "Taraz"} <= set(table["location"])
    assert set(table["url"]) == {"https://herald.example.org/2022/01/06/taldykorgan"}
    assert set(table["title"]) == {"Unrest in Taldykorgan | The Steppe Herald"}
    assert set(read_mentions(mentions)["url"]) == set(table["url"])


def test_an_article_in_a_layout_table_is_found(tmp_path):
    """trafilatura's precision mode misses it; the balanced second pass finds it."""
    page = tmp_path / "table.htm"
    page.write_text(
        "<html><head><title>Strike at Tengiz</title></head><body><table><tr>"
        '<td class="nav"><a href="/">Index</a><br><a href="/arch">Archive</a></td>'
        "<td><h1>Strike at Tengiz</h1><p>Published: <time datetime='2022-01-12'>12 January"
        "</time></p><p>Thousands of oil workers went on strike at the Tengiz field near "
        "Atyrau on Wednesday, demanding higher wages, union leaders said.</p><p>Police "
        "detained five strike leaders in Atyrau late on Wednesday.</p></td></tr></table>"
        '<p class="legal">All rights reserved.</p></body></html>',
        encoding="utf-8",
    )
    (doc,) = read_documents(page)
    assert "went on strike at the Tengiz field" in doc.text and "five strike leaders" in doc.text
    assert "Archive" not in doc.text and str(doc.date) == "2022-01-12"
