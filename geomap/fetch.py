"""Fetch news pages and RSS/Atom feeds, politely, only when the user asks (``--fetch``).

Nothing in geomap requests a URL unless :func:`fetch_documents` is called (the
CLI's ``--fetch URLS.txt``). Then, for every request:

- **robots.txt first**: each site's ``/robots.txt`` is read once per run and obeyed
  for the user agent (a 404 allows everything; 401/403, or a site whose robots.txt
  cannot be read, allows nothing); its ``Crawl-delay`` lengthens the delay;
- **a rate limit**: at most one request per ``delay`` seconds to one site (1 s by
  default), robots.txt included;
- **geomap's own user agent** (:data:`USER_AGENT`) unless one is given;
- **retries**: a connection error, a timeout, HTTP 429 or 5xx is tried again
  ``retries`` times, waiting ``backoff`` seconds, doubled each time (or the
  server's ``Retry-After``, at most :data:`MAX_RETRY_AFTER`);
- **a cache on disk**: every page and feed fetched with HTTP 200 is kept in
  ``cache_dir`` (by default ``fetch-cache/`` in the data directory); a cached URL
  is never requested again (``refresh=True`` asks again).

Redirects are followed (at most 5), each hop checked against its site's robots.txt.
A feed's items are fetched as pages; an item whose page cannot be had keeps the
feed's own summary as its text.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import time
import urllib.error
import urllib.request
import urllib.robotparser
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from geomap.errors import GeomapError, InputError
from geomap.model import Document

#: the user agent geomap sends unless it is given one
USER_AGENT = "geomap/0.1 (offline news geoparser; fetches only the URLs its user lists)"
#: longest wait (seconds) a Retry-After header can ask for
MAX_RETRY_AFTER = 60.0
#: largest response body read (bytes)
MAX_BODY = 32 * 1024 * 1024
_FEED_TYPES = ("rss", "atom", "xml")


class FetchError(GeomapError):
    """A URL could not be fetched (after the retries), or robots.txt forbids it."""


@dataclasses.dataclass(frozen=True)
class Response:
    """A fetched URL: the address it ended at, its content type and its body."""

    url: str
    status: int
    content_type: str
    body: bytes
    from_cache: bool = False

    @property
    def charset(self) -> str | None:
        """The charset the Content-Type header names, if any."""
        for part in self.content_type.split(";")[1:]:
            key, _, value = part.partition("=")
            if key.strip().lower() == "charset" and value.strip():
                return value.strip().strip('"')
        return None


def read_url_list(path: Path) -> list[str]:
    """The URLs of a ``--fetch`` file: one per line; blank lines and ``#`` comments skipped.

    Raises
    ------
    InputError
        For a missing file or a line that is not an http(s) URL (naming the line).

    """
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except FileNotFoundError:
        raise InputError("no such file (the list of URLs to fetch)", path=str(path)) from None
    except (OSError, UnicodeError) as exc:
        raise InputError(f"cannot read the list of URLs: {exc}", path=str(path)) from None
    urls = []
    for number, line in enumerate(lines, 1):
        text = line.strip()
        if not text or text.startswith("#"):
            continue
        parts = urlsplit(text)
        if parts.scheme not in ("http", "https") or not parts.netloc or " " in text:
            raise InputError(f"not an http(s) URL: {text[:80]!r}", path=str(path), line=number)
        urls.append(text)
    if not urls:
        raise InputError("no URLs in the list", path=str(path))
    return urls


class Fetcher:
    """Fetch URLs politely (see the module's docstring).

    Parameters
    ----------
    cache_dir
        Where fetched bodies are kept.
    user_agent
        Sent with every request; :data:`USER_AGENT` by default.
    delay
        Least seconds between two requests to one site.
    retries
        Further tries after a failure that may pass (connection, timeout, 429, 5xx).
    backoff
        Seconds before the first retry; doubled for each next one.
    timeout
        Seconds to wait for a server.
    refresh
        Ask again for URLs that are in the cache.
    sleep, clock
        For tests of the timing only; :func:`time.sleep` and :func:`time.monotonic`.

    """

    def __init__(
        self,
        cache_dir: Path,
        *,
        user_agent: str | None = None,
        delay: float = 1.0,
        retries: int = 3,
        backoff: float = 1.0,
        timeout: float = 20.0,
        refresh: bool = False,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.cache_dir = Path(cache_dir)
        self.user_agent = user_agent or USER_AGENT
        self.delay = delay
        self.retries = retries
        self.backoff = backoff
        self.timeout = timeout
        self.refresh = refresh
        self._sleep = sleep
        self._clock = clock
        self._robots: dict[str, urllib.robotparser.RobotFileParser | None] = {}
        self._last: dict[str, float] = {}
        self._opener = urllib.request.build_opener(_NoRedirect())
        #: requests sent to servers (robots.txt included), for the summary
        self.requests = 0
        #: (URL, clock time) of every request sent, oldest first
        self.sent: list[tuple[str, float]] = []

    # -- the cache ---------------------------------------------------------------

    def _cache_paths(self, url: str) -> tuple[Path, Path]:
        key = hashlib.sha256(url.encode("utf-8")).hexdigest()
        folder = self.cache_dir / key[:2]
        return folder / f"{key}.json", folder / f"{key}.body"

    def _cached(self, url: str) -> Response | None:
        meta_path, body_path = self._cache_paths(url)
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            body = body_path.read_bytes()
        except (OSError, ValueError):
            return None
        return Response(meta["url"], 200, meta["content_type"], body, from_cache=True)

    def _store(self, url: str, response: Response) -> None:
        from geomap.export import write_text_atomic

        meta_path, body_path = self._cache_paths(url)
        body_path.parent.mkdir(parents=True, exist_ok=True)
        tmp = body_path.with_suffix(".part")
        tmp.write_bytes(response.body)
        tmp.replace(body_path)
        meta = {"url": response.url, "content_type": response.content_type, "asked": url}
        write_text_atomic(meta_path, json.dumps(meta))

    # -- politeness --------------------------------------------------------------

    def _wait_turn(self, site: str) -> float:
        """Sleep until this site may be asked again; return the time of the turn."""
        robots = self._robots.get(site)
        delay = self.delay
        if robots is not None:
            crawl = robots.crawl_delay(self.user_agent)
            if crawl:
                delay = max(delay, float(crawl))
        last = self._last.get(site)
        if last is not None:
            wait = last + delay - self._clock()
            if wait > 0:
                self._sleep(wait)
        self._last[site] = now = self._clock()
        return now

    def allowed(self, url: str) -> bool:
        """Whether the site's robots.txt lets this user agent fetch ``url`` (read once)."""
        parts = urlsplit(url)
        site = f"{parts.scheme}://{parts.netloc}"
        if site not in self._robots:
            self._robots[site] = None  # no rules while robots.txt itself is asked for
            parser = urllib.robotparser.RobotFileParser(site + "/robots.txt")
            try:
                response = self._request(site + "/robots.txt", site=site)
            except FetchError as exc:
                status = getattr(exc, "status", None)
                if status is not None and 400 <= status < 500 and status not in (401, 403):
                    parser.allow_all = True  # no robots.txt: everything is allowed
                else:
                    parser.disallow_all = True  # unreadable (or forbidden): nothing is
            else:
                parser.parse(response.body.decode("utf-8", errors="replace").splitlines())
            self._robots[site] = parser
        parser = self._robots[site]
        assert parser is not None
        return parser.can_fetch(self.user_agent, url)

    # -- requests ----------------------------------------------------------------

    def _request(self, url: str, *, site: str) -> Response:
        """One GET with retries (no redirects followed); raise :class:`FetchError`."""
        attempt = 0
        while True:
            turn = self._wait_turn(site)
            self.requests += 1
            self.sent.append((url, turn))
            request = urllib.request.Request(
                url, headers={"User-Agent": self.user_agent, "Accept": "*/*"}
            )
            retry_after = None
            try:
                with self._opener.open(request, timeout=self.timeout) as answer:
                    body = answer.read(MAX_BODY + 1)
                    if len(body) > MAX_BODY:
                        raise FetchError(f"{url}: larger than {MAX_BODY} bytes")
                    return Response(
                        answer.geturl(),
                        answer.status,
                        answer.headers.get("Content-Type", ""),
                        body,
                    )
            except urllib.error.HTTPError as exc:
                if 300 <= exc.code < 400 and exc.headers.get("Location"):
                    return Response(urljoin(url, exc.headers["Location"]), exc.code, "", b"")
                if exc.code != 429 and exc.code < 500:
                    error = FetchError(f"{url}: HTTP {exc.code}")
                    error.status = exc.code  # type: ignore[attr-defined]
                    raise error from None
                problem = f"HTTP {exc.code}"
                retry_after = _seconds(exc.headers.get("Retry-After"))
                status = exc.code
            except (urllib.error.URLError, TimeoutError, ConnectionError) as exc:
                reason = getattr(exc, "reason", exc)
                problem, status = f"cannot connect ({reason})", None
            if attempt >= self.retries:
                error = FetchError(f"{url}: {problem} after {attempt + 1} tries")
                error.status = status  # type: ignore[attr-defined]
                raise error
            wait = self.backoff * 2**attempt
            if retry_after is not None:
                wait = max(wait, min(retry_after, MAX_RETRY_AFTER))
            self._sleep(wait)
            attempt += 1

    def get(self, url: str) -> Response:
        """Fetch ``url`` (from the cache when there), following redirects robots allow.

        Raises
        ------
        FetchError
            When robots.txt forbids it, or it failed after the retries.

        """
        if not self.refresh:
            cached = self._cached(url)
            if cached is not None:
                return cached
        current = url
        for _ in range(6):
            if urlsplit(current).scheme not in ("http", "https"):
                # a feed's link or a redirect to file:, ftp:, javascript:... is never followed
                raise FetchError(f"{current}: not an http(s) URL")
            if not self.allowed(current):
                raise FetchError(f"{current}: robots.txt does not allow fetching it")
            parts = urlsplit(current)
            response = self._request(current, site=f"{parts.scheme}://{parts.netloc}")
            if response.status in (301, 302, 303, 307, 308):
                current = response.url
                continue
            self._store(url, response)
            return response
        raise FetchError(f"{url}: more than 5 redirects")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """Hand redirects back to :meth:`Fetcher.get`, which checks robots.txt for each hop."""

    def redirect_request(self, *args: object, **kwargs: object) -> None:  # noqa: D102
        return None


def _seconds(value: str | None) -> float | None:
    if value is None:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        return None


# -- feeds ---------------------------------------------------------------------


def is_feed(response: Response) -> bool:
    """Whether a response is an RSS or Atom feed (by content type, else by its start)."""
    kind = response.content_type.split(";")[0].strip().lower()
    if any(name in kind for name in _FEED_TYPES) and "html" not in kind:
        return True
    head = response.body[:512].lstrip().lower()
    return head.startswith((b"<?xml", b"<rss", b"<feed")) and b"<html" not in head


def feed_items(body: bytes, *, where: str) -> list[dict[str, str | None]]:
    """The items of an RSS 2.0 / RSS 1.0 / Atom feed: link, title, date and summary.

    Raises
    ------
    InputError
        When the feed is not well-formed XML.

    """
    import xml.etree.ElementTree as ET

    try:
        root = ET.fromstring(body)
    except ET.ParseError as exc:
        raise InputError(f"malformed feed ({exc})", path=where) from None

    def local(tag: str) -> str:
        return tag.rsplit("}", 1)[-1].lower()

    items = []
    for element in root.iter():
        if local(element.tag) not in ("item", "entry"):
            continue
        fields: dict[str, str | None] = {"link": None, "title": None, "date": None, "summary": None}
        for child in element:
            name = local(child.tag)
            text = (child.text or "").strip()
            if name == "link":
                href = child.get("href")
                if href and child.get("rel", "alternate") == "alternate":
                    fields["link"] = fields["link"] or href.strip()
                elif text:
                    fields["link"] = fields["link"] or text
            elif name == "title" and text:
                fields["title"] = text
            elif name in ("pubdate", "published", "date", "updated", "issued") and text:
                fields["date"] = fields["date"] or text
            elif name in ("description", "summary", "content", "encoded") and text:
                fields["summary"] = fields["summary"] or text
        if fields["link"]:
            fields["link"] = urljoin(where, fields["link"])
            items.append(fields)
    return items


def _rfc822(value: str) -> str:
    """An RSS date ("Tue, 04 Jan 2022 10:00:00 +0600") as ISO 8601; ISO dates unchanged."""
    from email.utils import parsedate_to_datetime

    try:
        return parsedate_to_datetime(value).isoformat()
    except (TypeError, ValueError, IndexError):
        return value


def fetch_documents(
    urls: Iterable[str],
    fetcher: Fetcher,
    *,
    on_error: Callable[[InputError], None],
    max_chars: int | None = None,
) -> Iterator[Document]:
    """Fetch each page or feed and yield its documents (a feed: one per item).

    A URL that cannot be fetched, is forbidden by robots.txt or holds no article
    is reported to ``on_error`` (naming the URL) and the others go on.
    """
    from geomap.ingest import MAX_CHARS, split_document
    from geomap.webpages import decode_page, page_to_document

    limit = max_chars or MAX_CHARS

    def page(url: str, *, where: str, item: dict[str, str | None] | None = None) -> Document:
        try:
            response = fetcher.get(url)
            text, _ = decode_page(response.body, where=url, charset=response.charset)
            doc = page_to_document(text, where=where, doc_id=response.url, url=response.url)
        except (FetchError, InputError) as exc:
            if not item or not item.get("summary"):
                raise InputError(str(exc).removeprefix(f"{where}: ")) from None
            doc = _from_summary(item, where=where, problem=str(exc))
        if item is not None:
            doc = _with_item(doc, item)
        return doc

    for url in urls:
        try:
            response = fetcher.get(url)
        except FetchError as exc:
            on_error(InputError(str(exc).removeprefix(f"{url}: "), path=url))
            continue
        if not is_feed(response):
            try:
                text, _ = decode_page(response.body, where=url, charset=response.charset)
                doc = page_to_document(text, where=url, doc_id=response.url, url=response.url)
            except InputError as exc:
                on_error(exc)
                continue
            yield from split_document(doc, max_chars=limit)
            continue
        try:
            items = feed_items(response.body, where=response.url)
        except InputError as exc:
            on_error(exc)
            continue
        if not items:
            on_error(InputError("feed without items", path=url))
        for item in items:
            link = item["link"]
            assert link is not None
            try:
                doc = page(link, where=link, item=item)
            except InputError as exc:
                on_error(InputError(exc.reason, path=link))
                continue
            yield from split_document(doc, max_chars=limit)


def _with_item(doc: Document, item: dict[str, str | None]) -> Document:
    """A feed item's document: the feed's title and date where the page lacks them."""
    changes: dict[str, object] = {}
    if not doc.title and item.get("title"):
        changes["title"] = item["title"]
    if doc.date is None and item.get("date"):
        from geomap.webpages import parse_timestamp

        date, published = parse_timestamp(_rfc822(item["date"] or ""))
        if date is not None:
            changes["date"], changes["published"] = date, published
            changes["warnings"] = tuple(w for w in doc.warnings if "no publication date" not in w)
    return dataclasses.replace(doc, **changes) if changes else doc


def _from_summary(item: dict[str, str | None], *, where: str, problem: str) -> Document:
    """A document from a feed item's own summary, when its page cannot be had."""
    import html

    from lxml import html as lxml_html

    summary = item.get("summary") or ""
    try:
        text = lxml_html.fromstring(summary).text_content() if "<" in summary else summary
    except (ValueError, TypeError):
        text = summary
    return Document(
        doc_id=where,
        text=html.unescape(" ".join(text.split())),
        origin=where,
        url=where,
        warnings=(f"{where}: the feed's summary was read instead of the page ({problem})",),
    )
