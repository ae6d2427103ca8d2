"""``geomap extract`` and ``geomap map``: read, process, journal, then write every output."""

from __future__ import annotations

import argparse
import collections
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from geomap.cli.journal import Journal, doc_key, fingerprint
from geomap.cli.report import _LOCATION, EXIT_OK, EXIT_SKIPPED, Reporter, say, short
from geomap.errors import GeomapError, InputError
from geomap.model import Document


class Run:
    """One ``extract`` or ``map`` run: read, process, journal, then write every output."""

    def __init__(self, args: argparse.Namespace, *, output: Path) -> None:
        self.args = args
        self.output = output
        self.started = time.perf_counter()
        self.gazetteer = None
        errors = args.errors or output.with_name(output.name + ".errors.jsonl")
        self.reporter = Reporter(
            quiet=args.quiet,
            strict=args.strict,
            errors_path=errors,
            explicit=args.errors is not None,
        )
        self.keep_mentions = getattr(args, "mentions", None) is not None
        self.journal = Journal(
            output,
            fingerprint=fingerprint(
                args.inputs, max_chars=args.max_chars, mentions=self.keep_mentions
            ),
        )

    def process(self):  # noqa: ANN201 - a GeoDataFrame
        """Run the pipeline over the inputs and return the events table."""
        from geomap.gazetteer import load_gazetteer
        from geomap.ingest import read_documents
        from geomap.join import document_rows, frame_from_rows, mention_rows
        from geomap.pipeline import Pipeline

        args = self.args
        gazetteer = load_gazetteer(data_dir=args.data_dir, progress=not args.quiet)
        self.gazetteer = gazetteer
        pipeline = Pipeline(gazetteer=gazetteer, fallback=online_fallback(args))
        self.journal.open(resume=args.resume, quiet=args.quiet)
        if self.journal.resumed and not args.quiet:
            say(f"resuming: {self.journal.resumed} documents already done")
        documents = read_documents(
            args.inputs, on_error=self.reporter, strict=args.strict, max_chars=args.max_chars
        )
        from geomap._progress import progress_bar

        progress = progress_bar(not args.quiet, desc="documents", unit="doc")

        def todo() -> Iterator[Document]:
            for doc in documents:
                self.reporter.read(doc)
                if self.journal.skip(doc_key(doc)):
                    progress.update()
                    continue
                yield doc

        try:
            for doc in pipeline.process(todo(), jobs=args.jobs):
                mentions = mention_rows(doc) if self.keep_mentions else None
                self.journal.add(doc_key(doc), document_rows(doc), mentions)
                progress.update()
        finally:
            progress.close()
            self.journal.close()
        return frame_from_rows(self.journal.rows())

    def mentions(self):  # noqa: ANN201 - a GeoDataFrame
        """The mentions table of every processed document (after :meth:`process`)."""
        from geomap.join import mentions_frame_from_rows

        return mentions_frame_from_rows(self.journal.rows("mentions"))

    def write_mentions(self) -> list[Path]:
        """Write the mentions table if ``--mentions`` asked for it; return what was written."""
        from geomap.export import write_mentions

        if not self.keep_mentions:
            return []
        write_mentions(self.mentions(), self.args.mentions)
        return [self.args.mentions]

    def finish(self, frame, *, wrote: list[Path]) -> int:  # noqa: ANN001 - a GeoDataFrame
        """Write the errors file, drop the journal, print the summary; return the exit status."""
        reporter = self.reporter
        listed = reporter.write_errors()
        self.journal.remove()
        if not reporter.quiet:
            counts = frame["event_type"].value_counts().to_dict() if len(frame) else {}
            kinds = ", ".join(f"{k}: {v}" for k, v in sorted(counts.items())) or "none"
            say(
                f"{reporter.documents} documents read, {len(reporter.errors)} skipped, "
                f"{len(frame)} events ({kinds}) in {time.perf_counter() - self.started:.1f} s"
            )
            if reporter.errors:
                why = collections.Counter(short(e.reason) for e in reporter.errors)
                say("skipped: " + ", ".join(f"{n} {k}" for k, n in sorted(why.items())))
            if reporter.warned:
                why = collections.Counter(
                    short(_LOCATION.sub("", w, count=1))
                    for doc in reporter.warned
                    for w in doc.warnings
                )
                say(
                    f"{len(reporter.warned)} documents read with problems: "
                    + ", ".join(f"{n} {k}" for k, n in sorted(why.items()))
                )
            if reporter.split:
                say(
                    f"{reporter.split} long documents split into {reporter.parts} parts "
                    f"of at most {self.args.max_chars} characters"
                )
            if self.journal.resumed:
                say(f"resumed: {self.journal.resumed} documents were done by the earlier run")
            if listed:
                say(f"problems listed in {reporter.errors_path}")
            say("wrote " + " and ".join(str(p) for p in wrote))
        return EXIT_SKIPPED if reporter.errors else EXIT_OK


def cmd_extract_dask(args: argparse.Namespace) -> int:
    """``geomap extract --dask``: GeoParquet partitions written by a Dask cluster."""
    from geomap.distributed import extract_to_parquet

    if args.resume:
        raise GeomapError("--resume does not apply to --dask runs (partitions are rewritten)")
    if args.mentions:
        raise GeomapError("--mentions does not apply to --dask runs (they write events only)")
    started = time.perf_counter()
    errors: list[InputError] = []

    def report(error: InputError) -> None:
        if args.strict:
            raise error
        errors.append(error)
        print(f"geomap: skipped {error}", file=sys.stderr)

    client = None if args.dask == "local" else args.dask
    parts = extract_to_parquet(
        args.inputs,
        args.output,
        client=client,
        partition_size=args.partition_size,
        on_error=report,
        n_workers=args.jobs or None,
    )
    if not args.quiet:
        say(
            f"wrote {len(parts)} GeoParquet partitions to {args.output} "
            f"in {time.perf_counter() - started:.1f} s ({len(errors)} inputs skipped)"
        )
    return EXIT_SKIPPED if errors else EXIT_OK


def cmd_extract(args: argparse.Namespace) -> int:
    """Run ``geomap extract``; return the exit status."""
    from geomap.export import check_events_path, write_events

    if args.dask:
        return cmd_extract_dask(args)
    check_events_path(args.output)
    if args.mentions:
        check_events_path(args.mentions)
    run = Run(args, output=args.output)
    frame = run.process()
    write_events(frame, args.output)
    return run.finish(frame, wrote=[args.output, *run.write_mentions()])


def cmd_map(args: argparse.Namespace) -> int:
    """Run ``geomap map``; return the exit status."""
    from geomap.export import check_events_path, save_map, write_events
    from geomap.maps import make_map

    for table in (args.events, args.mentions):
        if table:
            check_events_path(table)
    run = Run(args, output=args.output)
    frame = run.process()
    if args.events:
        write_events(frame, args.events)
    mentions = run.write_mentions()
    progress = not args.quiet
    the_map = make_map(
        frame,
        title=args.title,
        offline=not args.cdn,
        gazetteer=run.gazetteer,
        progress=progress,
    )
    save_map(the_map, args.output, progress=progress)
    wrote = [args.output, *([args.events] if args.events else []), *mentions]
    return run.finish(frame, wrote=wrote)


def online_fallback(args: argparse.Namespace):  # noqa: ANN202 - a Gazetteer or None
    """The online fallback gazetteer the options ask for, or ``None``."""
    if not getattr(args, "online", None):
        if getattr(args, "user_agent", None) or getattr(args, "nominatim_url", None):
            raise GeomapError("--user-agent and --nominatim-url need --online nominatim")
        return None
    if not args.user_agent:
        raise GeomapError(
            "--online nominatim needs --user-agent naming your application and a contact, "
            "as Nominatim's usage policy asks"
        )
    from geomap.gazetteer.nominatim import NominatimGazetteer

    options = {"url": args.nominatim_url} if args.nominatim_url else {}
    return NominatimGazetteer(args.data_dir, user_agent=args.user_agent, **options)
