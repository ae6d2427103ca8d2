"""``--fetch``: pages and feeds from a real HTTP server on 127.0.0.1 (tests/_web_server.py)."""

from __future__ import annotations

import json
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from geomap.errors import InputError
from geomap.fetch import USER_AGENT, Fetcher, FetchError, fetch_documents, read_url_list

SERVER_SCRIPT = Path(__file__).with_name("_web_server.py")


class Site:
    """The test server process: its URL and its request log."""

    def __init__(self, process: subprocess.Popen[str], port: int) -> None:
        self.process = process
        self.url = f"http://127.0.0.1:{port}"

    def log(self) -> list[dict]:
        with urllib.request.urlopen(self.url + "/_log", timeout=10) as response:
            return json.loads(response.read())

    def paths(self) -> list[str]:
        return [entry["path"] for entry in self.log()]

    def reset(self) -> None:
        urllib.request.urlopen(self.url + "/_reset", timeout=10).close()


@pytest.fixture(scope="module")
def site():
    process = subprocess.Popen(
        [sys.executable, str(SERVER_SCRIPT)], stdout=subprocess.PIPE, text=True
    )
    try:
        port = int(process.stdout.readline())
        yield Site(process, port)
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def fresh(site):
    site.reset()
    return site


def collect(urls, fetcher):
    problems: list[InputError] = []
    docs = list(fetch_documents(urls, fetcher, on_error=problems.append))
    return docs, problems


def test_a_page_gives_title_date_url_and_main_text(fresh, tmp_path):
    fetcher = Fetcher(tmp_path / "cache", delay=0.1)
    docs, problems = collect([fresh.url + "/news/almaty.html"], fetcher)
    assert problems == []
    (doc,) = docs
    assert doc.title == "Protesters rally in Almaty"
    assert doc.url == fresh.url + "/news/almaty.html"
    assert str(doc.date) == "2022-01-05"
    assert doc.published.isoformat() == "2022-01-05T03:30:00+00:00"
    assert "rallied in Almaty" in doc.text
    assert "Most read" not in doc.text and "Copyright" not in doc.text and "Sport" not in doc.text
    assert doc.source == "Steppe News"


def test_robots_txt_is_read_first_and_obeyed(fresh, tmp_path):
    fetcher = Fetcher(tmp_path / "cache", delay=0.1)
    urls = [fresh.url + "/private/secret.html", fresh.url + "/news/aktobe.html"]
    docs, problems = collect(urls, fetcher)
    assert [d.title for d in docs] == ["Arrests in Aktobe"]
    assert len(problems) == 1 and "robots.txt" in str(problems[0])
    assert "/private/secret.html" in str(problems[0])
    paths = fresh.paths()
    assert paths[0] == "/robots.txt" and paths.count("/robots.txt") == 1
    assert "/private/secret.html" not in paths


def test_one_request_per_delay_to_a_site(fresh, tmp_path):
    fetcher = Fetcher(tmp_path / "cache", delay=0.4)
    collect([fresh.url + "/news/almaty.html", fresh.url + "/news/aktobe.html"], fetcher)
    # as sent (the fetcher's clock): never two requests to the site within the delay
    sent = [t for _, t in fetcher.sent]
    assert len(sent) == 3  # robots.txt and the two pages
    assert min(b - a for a, b in zip(sent, sent[1:], strict=False)) >= 0.4
    # as received: the server saw the three, spread out (arrival times jitter under load)
    received = [entry["t"] for entry in fresh.log()]
    assert len(received) == 3 and received[-1] - received[0] >= 0.6


def test_geomap_user_agent_unless_one_is_given(fresh, tmp_path):
    collect([fresh.url + "/news/almaty.html"], Fetcher(tmp_path / "a", delay=0.1))
    assert {entry["agent"] for entry in fresh.log()} == {USER_AGENT}
    fresh.reset()
    mine = "newsroom-map/1.0 (maps@example.org)"
    collect([fresh.url + "/news/almaty.html"], Fetcher(tmp_path / "b", user_agent=mine, delay=0.1))
    assert {entry["agent"] for entry in fresh.log()} == {mine}


def test_failures_are_retried_then_reported(fresh, tmp_path):
    fetcher = Fetcher(tmp_path / "cache", delay=0.1, retries=2, backoff=0.1)
    docs, problems = collect([fresh.url + "/flaky.html", fresh.url + "/broken.html"], fetcher)
    assert [d.title for d in docs] == ["Clashes in Taldykorgan"]
    assert fresh.paths().count("/flaky.html") == 2  # 503, then the page
    assert fresh.paths().count("/broken.html") == 3  # the first try and two retries
    assert len(problems) == 1 and "HTTP 500 after 3 tries" in str(problems[0])


def test_the_cache_answers_the_second_time(fresh, tmp_path):
    url = fresh.url + "/news/almaty.html"
    first, _ = collect([url], Fetcher(tmp_path / "cache", delay=0.1))
    fresh.reset()
    again, _ = collect([url], Fetcher(tmp_path / "cache", delay=0.1))
    assert fresh.paths() == []
    assert again[0].text == first[0].text and again[0].url == first[0].url


def test_redirects_are_followed(fresh, tmp_path):
    docs, problems = collect([fresh.url + "/moved.html"], Fetcher(tmp_path / "c", delay=0.1))
    assert problems == [] and docs[0].url == fresh.url + "/news/almaty.html"


@pytest.mark.parametrize("feed", ["/feed.rss", "/feed.atom"])
def test_a_feed_gives_one_document_per_item(fresh, tmp_path, feed):
    docs, problems = collect([fresh.url + feed], Fetcher(tmp_path / "cache", delay=0.1))
    assert problems == []
    assert [d.title for d in docs] == ["Protesters rally in Almaty", "Arrests in Aktobe"]
    assert [d.url for d in docs] == [
        fresh.url + "/news/almaty.html",
        fresh.url + "/news/aktobe.html",
    ]


def test_only_http_urls_are_ever_opened(tmp_path):
    secret = tmp_path / "secret.html"
    secret.write_text("<html><body><p>Troops clashed in Taraz.</p></body></html>")
    fetcher = Fetcher(tmp_path / "cache", delay=0.1)
    with pytest.raises(FetchError, match="not an http"):
        fetcher.get(secret.as_uri())
    assert fetcher.requests == 0


def test_the_url_list_is_checked_line_by_line(tmp_path):
    path = tmp_path / "urls.txt"
    path.write_text("# my sources\nhttp://127.0.0.1:9/a.html\n\nftp://example.org/x\n")
    with pytest.raises(InputError, match=r"urls.txt:4: not an http\(s\) URL"):
        read_url_list(path)
    path.write_text("# only a comment\n")
    with pytest.raises(InputError, match="no URLs"):
        read_url_list(path)


def test_a_server_that_is_not_there_is_a_fetch_error(tmp_path):
    import socket

    with socket.socket() as sock:  # a free port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    fetcher = Fetcher(tmp_path / "cache", delay=0.1, retries=1, backoff=0.05)
    with pytest.raises(FetchError, match="robots.txt does not allow"):
        fetcher.get(f"http://127.0.0.1:{port}/a.html")  # robots.txt unreadable: nothing allowed


def run_cli(*args, env_dir):
    import os

    env = {**os.environ, "GEOMAP_DATA_DIR": str(env_dir)} if env_dir else None
    return subprocess.run(
        [sys.executable, "-m", "geomap", *args], capture_output=True, text=True, env=env
    )


@pytest.mark.usefixtures("pipeline")
def test_cli_fetch_carries_url_and_title_to_events_and_mentions(fresh, tmp_path):
    from geomap.cli import EXIT_OK, main
    from geomap.export import read_events, read_mentions

    urls = tmp_path / "urls.txt"
    urls.write_text(f"{fresh.url}/feed.rss\n")
    events, mentions = tmp_path / "events.gpkg", tmp_path / "mentions.csv"
    args = ["extract", "--fetch", str(urls), "--fetch-delay", "0.1", "-o", str(events)]
    assert main([*args, "--mentions", str(mentions), "--quiet"]) == EXIT_OK
    table = read_events(events)
    assert set(table["url"]) == {fresh.url + "/news/almaty.html", fresh.url + "/news/aktobe.html"}
    almaty = table[table["location"] == "Almaty"].iloc[0]
    assert almaty["title"] == "Protesters rally in Almaty" and almaty["source"] == "Steppe News"
    assert str(almaty["published"]) == "2022-01-05 03:30:00+00:00"
    places = read_mentions(mentions)
    assert set(places["title"]) == {"Protesters rally in Almaty", "Arrests in Aktobe"}


def test_without_fetch_nothing_is_requested(fresh, tmp_path):
    """A file of URLs given as INPUT is a text document: no request is made."""
    urls = tmp_path / "urls.txt"
    urls.write_text(f" date 2022-01-05 {fresh.url}/news/almaty.html\n")
    result = run_cli("extract", str(urls), "-o", str(tmp_path / "e.csv"), "-q", env_dir=None)
    assert result.returncode == 0, result.stderr
    assert fresh.paths() == []
