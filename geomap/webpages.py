"""Read saved web pages (``.html``, ``.htm``): title, date, URL and main text, offline.

The main text (the article without menus, footers, comments or related links) is
found by trafilatura (Apache-2.0, :func:`trafilatura.bare_extraction` in its fast
mode, without comments or tables). The title, publication time and URL are read
here from the page's head, in this order of preference:

title
    ``og:title``, ``twitter:title``, then ``<title>`` (a trailing " | Site" or
    " - Site" is kept: it is the page's own title).
published
    ``article:published_time``, ``og:published_time``, ``datePublished`` in
    JSON-LD or ``itemprop``, ``<meta name="date|pubdate|dc.date|...">``, then the
    first ``<time datetime>``. A time with a UTC offset becomes a UTC timestamp
    (``Document.published``); the document date is the date as written.
url
    ``<link rel="canonical">``, then ``og:url``, then the URL the page was fetched
    from (``url=``).

Nothing is ever fetched here: links, scripts and images are not followed.
"""

from __future__ import annotations

import codecs
import datetime as dt
import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path

from geomap.errors import InputError
from geomap.model import Document

#: file endings of saved web pages
HTML_SUFFIXES = (".html", ".htm")
#: largest page read (bytes); larger files are skipped
MAX_PAGE_BYTES = 32 * 1024 * 1024

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_DECLARATION = re.compile(r"\A\s*<\?xml[^>]*\?>")
_DATE_META = (
    "article:published_time",
    "og:published_time",
    "og:article:published_time",
    "datepublished",
    "date",
    "pubdate",
    "publishdate",
    "publish-date",
    "dc.date",
    "dc.date.issued",
    "dcterms.created",
    "sailthru.date",
    "parsely-pub-date",
)
#: ISO 8601's basic date form, as some sites write it ("20220110")
_COMPACT_DATE = re.compile(r"(\d{4})(\d{2})(\d{2})")
_ISO_TIME = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?"
    r"\s*(Z|[+-]\d{2}:?\d{2})?)?"
)


def is_html(path: Path) -> bool:
    """Whether ``path`` is a saved web page by its name."""
    return path.suffix.lower() in HTML_SUFFIXES


def decode_page(
    data: bytes, *, where: str, charset: str | None = None
) -> tuple[str, tuple[str, ...]]:
    """Decode a page's bytes: BOM, HTTP charset, ``<meta charset>``, then geomap's guess.

    ``charset`` is the one an HTTP header names; without any, the encoding is
    guessed as for text files (:func:`geomap.ingest.decode_text`).
    """
    from geomap.ingest import decode_text

    if not data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        match = _CHARSET.search(data[:4096])
        declared = charset or (match[1].decode("ascii") if match else None)
        if declared:
            try:
                codec = codecs.lookup(declared).name
            except LookupError:
                codec = None
            if codec is not None:
                text = data.decode(codec, errors="replace")
                bad = text.count("\ufffd") - data.count("\ufffd".encode())
                notes = (f"{bad} invalid byte(s) replaced with U+FFFD",) if bad > 0 else ()
                return text, notes
    return decode_text(data, path=where)


def _meta(tree: object) -> dict[str, str]:
    """The page's ``<meta>`` values by lower-cased property/name/itemprop (first wins)."""
    found: dict[str, str] = {}
    for element in tree.iter("meta"):  # type: ignore[attr-defined]
        content = element.get("content")
        if not content or not content.strip():
            continue
        for attribute in ("property", "name", "itemprop"):
            key = element.get(attribute)
            if key:
                found.setdefault(key.strip().lower(), content.strip())
    return found


def _json_ld_dates(tree: object) -> list[str]:
    """``datePublished`` values of the page's JSON-LD blocks."""
    values: list[str] = []
    for script in tree.iter("script"):  # type: ignore[attr-defined]
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        try:
            data = json.loads(script.text or "")
        except ValueError:
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, dict):
                value = item.get("datePublished")
                if isinstance(value, str):
                    values.append(value)
                stack.extend(item.values())
            elif isinstance(item, list):
                stack.extend(item)
    return values


def parse_timestamp(text: str) -> tuple[dt.date | None, dt.datetime | None]:
    """Read an ISO 8601 date or date-time: ``(date, UTC timestamp or None)``.

    The date is the calendar date as written (the publisher's local date); the
    timestamp is given only when the time has a UTC offset (or ``Z``).
    """
    compact = _COMPACT_DATE.fullmatch(text.strip())
    if compact:
        text = f"{compact[1]}-{compact[2]}-{compact[3]}"
    match = _ISO_TIME.search(text)
    if not match:
        return None, None
    try:
        date = dt.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None, None
    if match[4] is None or match[7] is None:
        return date, None
    offset = match[7]
    if offset == "Z":
        zone = dt.UTC
    else:
        digits = offset.replace(":", "")
        minutes = int(digits[1:3]) * 60 + int(digits[3:5])
        zone = dt.timezone(dt.timedelta(minutes=minutes if digits[0] == "+" else -minutes))
    try:
        stamp = dt.datetime(
            date.year, date.month, date.day, int(match[4]), int(match[5]), int(match[6] or 0),
            tzinfo=zone,
        )  # fmt: skip
    except ValueError:
        return date, None
    return date, stamp.astimezone(dt.UTC)


def page_metadata(tree: object, *, url: str | None = None) -> dict[str, object]:
    """Title, date, UTC timestamp and URL of a parsed page (see the module's docstring)."""
    meta = _meta(tree)
    title = meta.get("og:title") or meta.get("twitter:title")
    if not title:
        element = next(iter(tree.iter("title")), None)  # type: ignore[attr-defined]
        title = " ".join((element.text_content() if element is not None else "").split())
    candidates = [meta[key] for key in _DATE_META if key in meta]
    candidates += _json_ld_dates(tree)
    candidates += [
        t.get("datetime")
        for t in tree.iter("time")  # type: ignore[attr-defined]
        if t.get("datetime")
    ]
    date = published = None
    for value in candidates:
        date, published = parse_timestamp(value)
        if date is not None:
            break
    canonical = None
    for link in tree.iter("link"):  # type: ignore[attr-defined]
        rel = (link.get("rel") or "").lower().split()
        if "canonical" in rel and (link.get("href") or "").strip():
            canonical = link.get("href").strip()
            break
    page_url = canonical or meta.get("og:url") or url
    if page_url and url and not re.match(r"[a-z][a-z0-9+.-]*:", page_url, re.I):
        from urllib.parse import urljoin

        page_url = urljoin(url, page_url)  # a relative canonical link
    site = meta.get("og:site_name")
    if not site and page_url:
        from urllib.parse import urlsplit

        site = urlsplit(page_url).hostname
    return {
        "title": title or None,
        "date": date,
        "published": published,
        "url": page_url,
        "site": site or None,
    }


#: elements that never hold the article, removed before trafilatura looks at the page
#: (it would drop them too, but its XPath passes cost time in proportion to the tree)
_NEVER_ARTICLE = ("script", "style", "noscript", "template", "svg", "iframe", "form", "nav")


#: an article text shorter than this (characters) in precision mode is extracted again
#: in trafilatura's balanced mode, and the longer text kept (a layout precision misses,
#: such as an article inside a layout table)
SHORT_ARTICLE = 300


def _extract(tree: object, *, precision: bool) -> str:
    import trafilatura

    result = trafilatura.bare_extraction(
        tree,
        fast=True,
        favor_precision=precision,
        include_comments=False,
        include_tables=False,
        include_images=False,
        with_metadata=False,
    )
    text = getattr(result, "text", None) if result is not None else None
    if not text:
        return ""
    return "\n\n".join(line.strip() for line in text.splitlines() if line.strip())


def main_text(tree: object, *, reparse: Callable[[], object] | None = None) -> str:
    """The article text of a parsed page (trafilatura), paragraphs separated by blank lines.

    trafilatura runs in its fast, precision-first mode; a result shorter than
    :data:`SHORT_ARTICLE` is extracted again in its balanced mode, and the longer
    kept. The tree is changed: the elements of :data:`_NEVER_ARTICLE` are removed
    first (their tails, text that follows them, are kept). ``reparse`` gives a fresh
    tree of the page for the second pass (trafilatura prunes the tree it is given);
    without it the tree is copied first.
    """
    import copy

    from lxml import etree

    etree.strip_elements(tree, *_NEVER_ARTICLE, with_tail=False)
    spare = None if reparse else copy.deepcopy(tree)
    text = _extract(tree, precision=True)
    if len(text) < SHORT_ARTICLE:
        fresh = reparse() if reparse else spare
        etree.strip_elements(fresh, *_NEVER_ARTICLE, with_tail=False)
        again = _extract(fresh, precision=False)
        if len(again) > len(text):
            text = again
    return text


def page_to_document(
    html: str, *, where: str, doc_id: str, url: str | None = None, source: str | None = None
) -> Document:
    """Turn one page's HTML into a :class:`Document` with title, date, URL and main text.

    Raises
    ------
    InputError
        When the page holds no article text.

    """
    from lxml import etree
    from lxml import html as lxml_html

    html = _XML_DECLARATION.sub("", html, count=1)
    if not html.strip():
        raise InputError("empty web page", path=where)
    try:
        tree = lxml_html.document_fromstring(html)
    except (etree.ParserError, ValueError) as exc:
        raise InputError(f"cannot parse the web page ({exc})", path=where) from None
    meta = page_metadata(tree, url=url)
    text = main_text(tree, reparse=lambda: lxml_html.document_fromstring(html))
    if not text.strip():
        raise InputError("no article text found in the web page", path=where)
    warnings = () if meta["date"] else (f"{where}: no publication date in the page",)
    return Document(
        doc_id=doc_id,
        text=text,
        date=meta["date"],  # type: ignore[arg-type]
        source=meta["site"] or source,  # type: ignore[arg-type]
        origin=where,
        title=meta["title"],  # type: ignore[arg-type]
        url=meta["url"],  # type: ignore[arg-type]
        published=meta["published"],  # type: ignore[arg-type]
        warnings=warnings,
    )


def read_html_file(
    path: Path, *, doc_id: str | None = None, max_chars: int | None = None
) -> Iterator[Document]:
    """Read one saved web page as a document (split into parts when very long).

    Raises
    ------
    InputError
        The file cannot be read, is too large, or holds no article text.

    """
    from geomap.ingest import MAX_CHARS, split_document

    where = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_PAGE_BYTES:
            raise InputError(f"web page larger than {MAX_PAGE_BYTES} bytes", path=where)
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", path=where) from None
    text, notes = decode_page(data, where=where)
    document = page_to_document(text, where=where, doc_id=doc_id or path.name, source=path.name)
    if notes:
        import dataclasses

        extra = tuple(f"{where}: {note}" for note in notes)
        document = dataclasses.replace(document, warnings=(*extra, *document.warnings))
    yield from split_document(document, max_chars=max_chars or MAX_CHARS)
