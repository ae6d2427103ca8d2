"""``geomap extract`` and ``geomap map``: read, process, journal, then write every output."""

from __future__ import annotations

import argparse
import collections
import contextlib
import time
from collections.abc import Iterator
from pathlib import Path

from geomap.cli.checks import check_run
from geomap.cli.inputs import check_input_options, open_documents
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
                [*args.inputs, *([args.fetch] if args.fetch else [])],
                max_chars=args.max_chars,
                mentions=self.keep_mentions,
                corrections=args.corrections,
            ),
        )

    def process(self):  # noqa: ANN201 - a GeoDataFrame
        """Run the pipeline over the inputs and return the events table."""
        from geomap.gazetteer import load_gazetteer
        from geomap.join import document_rows, frame_from_rows, mention_rows
        from geomap.pipeline import Pipeline

        args = self.args
        places = own_places(args)  # read and checked before any document
        gazetteer = load_gazetteer(data_dir=args.data_dir, progress=not args.quiet)
        if places is not None:
            from geomap.gazetteer.own_places import LayeredGazetteer

            gazetteer = LayeredGazetteer(places, gazetteer)
        self.gazetteer = gazetteer
        pipeline = Pipeline(
            gazetteer=gazetteer,
            fallback=online_fallback(args),
            corrections=args.correction_table,
            lang=getattr(args, "lang", None),
        )
        self.journal.open(resume=args.resume, quiet=args.quiet)
        if self.journal.resumed and not args.quiet:
            say(f"resuming: {self.journal.resumed} documents already done")
        documents = open_documents(args, on_error=self.reporter)
        from geomap._progress import progress_bar
        from geomap.ingest import count_documents, part_number

        total = None if args.quiet else count_documents(args.inputs) + len(args.urls)
        progress = progress_bar(not args.quiet, desc="documents", unit="doc", total=total)

        from geomap.join import DocumentIds

        ids = DocumentIds()

        def todo() -> Iterator[Document]:
            for read in documents:
                self.reporter.read(read)
                doc = ids.check(read)
                if ids.problems and not args.quiet:
                    say("warning: " + ids.problems.pop())
                if doc is None:
                    continue
                if (part_number(doc.doc_id) or 1) > 1 and progress.total is not None:
                    progress.total += 1  # a long document split into parts
                    progress.refresh()
                if self.journal.skip(doc_key(doc)):
                    progress.update()
                    continue
                yield doc

        told: set[str] = set()
        try:
            for doc in pipeline.process(todo(), jobs=args.jobs):
                if doc.lang not in ("en", "ru", *told) and not args.quiet:
                    told.add(doc.lang)  # once per language
                    say(
                        f"note: {doc.doc_id} is in {doc.lang!r}: its places are read; "
                        "events are read for English and Russian only"
                    )
                mentions = mention_rows(doc) if self.keep_mentions else None
                self.journal.add(doc_key(doc), document_rows(doc), mentions)
                progress.update()
        finally:
            progress.close()
            self.journal.close()
        return frame_from_rows(self.journal.rows(), merge=not args.no_merge)

    @contextlib.contextmanager
    def discarded_on_failure(self) -> Iterator[None]:
        """Delete the progress folder when the block fails (kept only for an interruption).

        A run stopped by Ctrl-C or SIGTERM keeps its progress for ``--resume``; any
        other failure (a problem under ``--strict``, an output that cannot be
        written) leaves nothing behind.
        """
        try:
            yield
        except KeyboardInterrupt:
            raise
        except BaseException:
            self.journal.remove()
            raise

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
    if args.urls or args.correction_table:
        raise GeomapError("--fetch and --corrections do not apply to --dask runs")
    if args.mentions:
        raise GeomapError("--mentions does not apply to --dask runs (they write events only)")
    started = time.perf_counter()
    errors: list[InputError] = []

    def report(error: InputError) -> None:
        if args.strict:
            raise error
        errors.append(error)
        say(f"skipped {error}")

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
    from geomap.export import write_events

    check_run(args, command="extract")
    check_input_options(args)
    if args.dask:
        return cmd_extract_dask(args)
    run = Run(args, output=args.output)
    with run.discarded_on_failure():
        frame = run.process()
        write_events(frame, args.output)
        wrote = [args.output, *run.write_mentions()]
    return run.finish(frame, wrote=wrote)


def cmd_map(args: argparse.Namespace) -> int:
    """Run ``geomap map``; return the exit status."""
    from geomap.export import save_map, write_events
    from geomap.maps import make_map

    check_run(args, command="map")
    check_input_options(args)
    run = Run(args, output=args.output)
    with run.discarded_on_failure():
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


def own_places(args: argparse.Namespace):  # noqa: ANN201 - an OwnPlacesGazetteer or None
    """The places files of ``--places``, read and checked, or ``None``."""
    if not getattr(args, "places", None):
        return None
    from geomap.gazetteer.own_places import OwnPlacesGazetteer

    return OwnPlacesGazetteer(args.places)


def online_fallback(args: argparse.Namespace):  # noqa: ANN202 - a Gazetteer or None
    """The online fallback gazetteer the options ask for, or ``None``."""
    if not getattr(args, "online", None):
        if getattr(args, "nominatim_url", None):
            raise GeomapError("--nominatim-url needs --online nominatim")
        return None
    if not args.user_agent:
        raise GeomapError(
            "--online nominatim needs --user-agent naming your application and a contact, "
            "as Nominatim's usage policy asks"
        )
    from geomap.gazetteer.nominatim import NominatimGazetteer

    options = {"url": args.nominatim_url} if args.nominatim_url else {}
    return NominatimGazetteer(args.data_dir, user_agent=args.user_agent, **options)
