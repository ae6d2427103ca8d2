"""A small news site on 127.0.0.1, run as a separate process by the tests of ``--fetch``.

``python tests/_web_server.py`` binds a free port, prints it on the first line of
stdout and serves until killed:

- ``/robots.txt``: disallows ``/private/`` for every agent;
- ``/news/almaty.html``, ``/news/aktobe.html``: articles with title, date and canonical URL;
- ``/private/secret.html``: an article robots.txt forbids;
- ``/flaky.html``: HTTP 503 on its first request, the article afterwards;
- ``/broken.html``: always HTTP 500;
- ``/moved.html``: a redirect to ``/news/almaty.html``;
- ``/feed.rss`` (RSS 2.0) and ``/feed.atom`` (Atom) listing the two articles;
- ``/_log``: every request so far as ``{"path", "agent", "t"}`` (``t`` from the
  server's monotonic clock); ``/_reset`` clears it.
"""

from __future__ import annotations

import json
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ARTICLE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{title} | Steppe News</title>
<link rel="canonical" href="{canonical}">
<meta property="og:title" content="{title}">
<meta property="og:site_name" content="Steppe News">
<meta property="article:published_time" content="{published}">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article><h1>{title}</h1>{paragraphs}</article>
<aside>Most read: football results, weather, markets.</aside>
<footer>Copyright Steppe News. All rights reserved.</footer>
</body></html>
"""

PAGES = {
    "/news/almaty.html": {
        "title": "Protesters rally in Almaty",
        "published": "2022-01-05T09:30:00+06:00",
        "text": [
            "Thousands of protesters rallied in Almaty on Tuesday against the rise in fuel "
            "prices, witnesses said.",
            "Police detained dozens of people near the main square, the interior ministry said.",
        ],
    },
    "/news/aktobe.html": {
        "title": "Arrests in Aktobe",
        "published": "2022-01-06T12:00:00Z",
        "text": [
            "Police detained 20 people in Aktobe on Wednesday after a night of unrest, "
            "the regional prosecutor said.",
        ],
    },
    "/private/secret.html": {
        "title": "Secret",
        "published": "2022-01-06",
        "text": ["Troops clashed with gunmen in Taraz on Wednesday."],
    },
    "/flaky.html": {
        "title": "Clashes in Taldykorgan",
        "published": "2022-01-07T08:00:00Z",
        "text": ["Troops clashed with armed men in Taldykorgan on Thursday, officials said."],
    },
}

ROBOTS = "User-agent: *\nDisallow: /private/\n"


def _rss(base: str) -> str:
    items = "".join(
        f"<item><title>{PAGES[p]['title']}</title><link>{base}{p}</link>"
        f"<pubDate>Wed, 05 Jan 2022 10:00:00 +0000</pubDate>"
        f"<description>{PAGES[p]['text'][0]}</description></item>"
        for p in ("/news/almaty.html", "/news/aktobe.html")
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
        f"<title>Steppe News</title><link>{base}/</link>{items}</channel></rss>"
    )


def _atom(base: str) -> str:
    entries = "".join(
        f'<entry><title>{PAGES[p]["title"]}</title><link rel="alternate" href="{p}"/>'
        f"<id>{base}{p}</id><updated>{PAGES[p]['published']}</updated></entry>"
        for p in ("/news/almaty.html", "/news/aktobe.html")
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>Steppe News</title>{entries}</feed>"
    )


class Handler(BaseHTTPRequestHandler):
    """Answers the paths listed in the module's docstring."""

    log: list[dict] = []
    lock = threading.Lock()
    hits: dict[str, int] = {}

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        return

    def _send(self, status: int, body: str, kind: str = "text/html; charset=utf-8") -> None:
        data = body.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self) -> None:  # noqa: N802
        path = self.path.split("?", 1)[0]
        base = f"http://{self.headers.get('Host')}"
        if path == "/_log":
            with self.lock:
                self._send(200, json.dumps(self.log), "application/json")
            return
        if path == "/_reset":
            with self.lock:
                self.log.clear()
                self.hits.clear()
            self._send(200, "ok", "text/plain")
            return
        with self.lock:
            self.log.append(
                {"path": path, "agent": self.headers.get("User-Agent"), "t": time.monotonic()}
            )
            self.hits[path] = self.hits.get(path, 0) + 1
            hits = self.hits[path]
        if path == "/robots.txt":
            self._send(200, ROBOTS, "text/plain")
        elif path == "/feed.rss":
            self._send(200, _rss(base), "application/rss+xml")
        elif path == "/feed.atom":
            self._send(200, _atom(base), "application/atom+xml")
        elif path == "/moved.html":
            self.send_response(301)
            self.send_header("Location", "/news/almaty.html")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif path == "/broken.html":
            self._send(500, "server error", "text/plain")
        elif path == "/flaky.html" and hits == 1:
            self.send_response(503)
            self.send_header("Retry-After", "0")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif path in PAGES:
            page = PAGES[path]
            paragraphs = "".join(f"<p>{text}</p>" for text in page["text"])
            self._send(
                200,
                ARTICLE.format(
                    title=page["title"],
                    canonical=base + path,
                    published=page["published"],
                    paragraphs=paragraphs,
                ),
            )
        else:
            self._send(404, "not found", "text/plain")


def main() -> None:
    """Serve on a free port of 127.0.0.1 until killed; print the port first."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    print(server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    sys.exit(main())
