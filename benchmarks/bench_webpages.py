"""Benchmark reading saved web pages: 1,000 pages like a browser saves them, on one core.

Usage: ``python benchmarks/bench_webpages.py [--pages 1000] [--keep DIR]``.

Each page is made like a news site's saved article: a head with meta tags, inline
styles and scripts (analytics, an ad loader, a JSON-LD block), a menu of 150 links, the
article (12 paragraphs of the invented reports in ``notebooks/sample_corpus.jsonl``), a
"most read" box of 30 links, comments, and a footer of 60 links: about 75 KB each.
The script times :func:`geomap.read_documents` over the folder (the whole offline
reading: file, charset, parsing, metadata, main text) in this one process, and prints
pages/s, the wall and CPU seconds for 1,000 pages, and a check that every page gave
its title, date, URL and article.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CORPUS = ROOT / "notebooks" / "sample_corpus.jsonl"


def make_page(k: int, sentences: list[str], rng: random.Random) -> str:
    """One saved article page (about 75 KB)."""
    day = 1 + k % 28
    title = f"Report {k}: unrest in the region"
    paragraphs = "\n".join("<p>" + " ".join(rng.sample(sentences, 3)) + "</p>" for _ in range(12))
    menu = "".join(f'<li><a href="/section/{i}">Section {i}</a></li>' for i in range(150))
    most_read = "".join(
        f'<li><a href="/2022/01/{i}">Headline number {i} of the day</a></li>' for i in range(30)
    )
    footer = "".join(f'<a href="/about/{i}">About {i}</a> ' for i in range(60))
    script = "var analytics = {" + ",".join(f'"k{i}": {i}' for i in range(1500)) + "};"
    style = "".join(f".c{i} {{ margin: {i % 9}px; color: #{i % 999:03d}; }}\n" for i in range(400))
    comments = "".join(
        f'<div class="comment"><p>Reader {i}: I agree with this article.</p></div>'
        for i in range(10)
    )
    ld = json.dumps(
        {"@context": "https://schema.org", "@type": "NewsArticle", "headline": title,
         "datePublished": f"2022-01-{day:02d}T08:00:00+06:00"}
    )  # fmt: skip
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{title} | The Bench Herald</title>
<link rel="canonical" href="https://bench.example.org/2022/01/{day:02d}/report-{k}">
<meta property="og:title" content="{title}">
<meta property="og:site_name" content="The Bench Herald">
<meta property="article:published_time" content="2022-01-{day:02d}T08:00:00+06:00">
<style>{style}</style>
<script>{script}</script>
<script type="application/ld+json">{ld}</script>
</head><body>
<header><nav><ul>{menu}</ul></nav></header>
<main><article><h1>{title}</h1>
{paragraphs}
</article>
<aside><h2>Most read</h2><ul>{most_read}</ul></aside>
<section class="comments">{comments}</section>
</main>
<footer>{footer}<p>Copyright The Bench Herald.</p></footer>
<script>window.ads = [];</script>
</body></html>
"""


def main() -> None:
    """Write the pages, read them, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--keep", type=Path, help="write the pages here and keep them")
    parser.add_argument(
        "--baseline",
        action="store_true",
        help="also time trafilatura as it comes (bare_extraction with metadata) on the pages",
    )
    args = parser.parse_args()

    from geomap.ingest import read_documents

    texts = [json.loads(line)["text"] for line in CORPUS.read_text(encoding="utf-8").splitlines()]
    sentences = [s.strip() + "." for t in texts for s in t.split(".") if len(s.split()) > 4]
    rng = random.Random(7)
    folder = args.keep or Path(tempfile.mkdtemp(prefix="geomap-pages-"))
    folder.mkdir(parents=True, exist_ok=True)
    size = 0
    for k in range(args.pages):
        page = make_page(k, sentences, rng)
        (folder / f"page-{k:05d}.html").write_text(page, encoding="utf-8")
        size += len(page.encode("utf-8"))
    # warm up the imports (trafilatura, lxml) so they are not timed
    list(read_documents(folder / "page-00000.html"))
    wall, cpu = time.perf_counter(), time.process_time()
    docs = list(read_documents(folder))
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    complete = sum(
        1
        for d in docs
        if d.title and d.date and d.url and "Copyright" not in d.text and len(d.text) > 1000
    )
    boilerplate = sum(1 for d in docs if "Most read" in d.text or "Reader 1:" in d.text)
    print(f"pages: {len(docs)} ({size / len(docs) / 1024:.0f} KB each, {size / 1e6:.0f} MB)")
    print(f"with title, date, URL and article: {complete}; with boilerplate kept: {boilerplate}")
    print(f"wall: {wall:.2f} s, CPU: {cpu:.2f} s for {len(docs)} pages (one process)")
    print(
        f"per 1,000 pages: {wall / len(docs) * 1000:.2f} s wall, {cpu / len(docs) * 1000:.2f} s CPU"
    )
    print(f"pages/s: {len(docs) / wall:.0f} (wall), {len(docs) / cpu:.0f} (CPU)")
    if args.baseline:
        import trafilatura

        files = sorted(folder.glob("*.html"))
        cpu = time.process_time()
        for path in files:
            trafilatura.bare_extraction(path.read_text(encoding="utf-8"), with_metadata=True)
        cpu = time.process_time() - cpu
        print(f"trafilatura as it comes: {cpu / len(files) * 1000:.2f} s CPU per 1,000 pages")
    if args.keep is None:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
