"""The two calls most users need: :func:`extract` (events) and :func:`make_map` (a map).

Both take news in any of the forms analysts have it (see :func:`documents`): a
path, a list of paths, a list of texts, :class:`~geomap.model.Document` s, or a
pandas DataFrame with a text column.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from geomap.errors import GeomapError, InputError, InputNotFoundError
from geomap.model import Document

if TYPE_CHECKING:
    import folium
    import geopandas as gpd
    import pandas as pd

    from geomap.pipeline import Pipeline

Errors = Literal["skip", "raise"]


class InputWarning(UserWarning):
    """A document (or line) of the inputs was skipped, or read with a problem."""


def _looks_like_path(text: str) -> bool:
    """Whether a string given as input names a file or folder rather than being a text.

    A string is a path when it exists, or when it is one line ending in a suffix
    geomap reads, or one line without spaces ("data/", "news.jsonl"). Anything else
    ("Protesters rallied in Almaty.") is a text.
    """
    from geomap.ingest import SUFFIXES

    if "\n" in text or len(text) > 4096:
        return False
    if Path(text).exists():
        return True
    return text.lower().endswith(SUFFIXES) or not any(ch.isspace() for ch in text)


def _frame_documents(
    frame: pd.DataFrame, *, text: str, date: str | None, id: str | None
) -> Iterator[Document]:
    """One document per row of a DataFrame (see :func:`documents`)."""
    import pandas as pd

    from geomap.ingest import parse_date

    columns = {str(c).lower(): c for c in frame.columns}
    if text not in frame.columns:
        raise GeomapError(
            f"the DataFrame has no text column {text!r} (columns: "
            f"{', '.join(map(str, frame.columns))}); name it with text="
        )
    if date is None:
        date = next((columns[n] for n in ("date", "published") if n in columns), None)
    elif date not in frame.columns:
        raise GeomapError(f"the DataFrame has no date column {date!r}")
    if id is None:
        id = columns.get("id")
    elif id not in frame.columns:
        raise GeomapError(f"the DataFrame has no id column {id!r}")
    optional = {name: columns.get(name) for name in ("title", "url", "source")}
    for label, row in frame.iterrows():
        where = f"DataFrame row {label!r}"
        body = row[text]
        if not isinstance(body, str) or not body.strip():
            raise InputError("missing or empty text", path=where)
        doc_id = str(row[id]) if id is not None and _present(row[id]) else str(label)
        problems: tuple[str, ...] = ()
        day = published = None
        if date is not None and _present(row[date]):
            value = row[date]
            try:
                day = parse_date(value)
            except InputError as exc:
                problems = (f"{where}: {exc.reason}",)
            if getattr(value, "tzinfo", None) is not None:
                published = pd.Timestamp(value).tz_convert("UTC").to_pydatetime()
            elif isinstance(value, str):
                from geomap.webpages import parse_timestamp

                published = parse_timestamp(value)[1]
        extra = {
            name: str(row[column])
            for name, column in optional.items()
            if column is not None and _present(row[column])
        }
        yield Document(
            doc_id=doc_id,
            text=body,
            date=day,
            origin=where,
            published=published,
            warnings=problems,
            **extra,
        )


def _present(value: object) -> bool:
    import pandas as pd

    return not (value is None or (not isinstance(value, str) and pd.isna(value)) or value == "")


def documents(
    inputs: Any,
    *,
    text: str = "text",
    date: str | None = None,
    id: str | None = None,  # noqa: A002 - the column name users know
    errors: Errors = "skip",
    max_chars: int | None = None,
) -> Iterator[Document]:
    """The documents of ``inputs``, whatever form they come in.

    Parameters
    ----------
    inputs
        - a path (``str`` or :class:`~pathlib.Path`) of a ``.txt``, ``.html``/``.htm``,
          ``.jsonl`` or ``.csv`` file or of a folder of them;
        - a list of such paths, or of texts (a string that is not a path, see
          below, is a text), or of :class:`~geomap.model.Document` s;
        - an iterable of :class:`~geomap.model.Document`;
        - a pandas DataFrame with one document per row.

        A string is taken as a path when it exists, or is one line that ends in a
        suffix geomap reads or has no spaces; otherwise it is a text. Texts and
        documents without a date are read without one.
    text, date, id
        The DataFrame's column names: the text (``"text"``), the date (by default
        a ``date`` or ``published`` column, if any) and the id (by default an
        ``id`` column, else the index). The ids become ``doc_id``; ``title``,
        ``url`` and ``source`` columns are read when present.
    errors
        ``"skip"`` (the default): a document or line that cannot be read is left
        out with an :class:`InputWarning` naming it (a path that does not exist is
        always an :class:`~geomap.errors.InputNotFoundError`). ``"raise"``: the first problem
        is raised as an :class:`~geomap.errors.InputError`, including a document
        read with a problem (a bad date, a guessed encoding), like the CLI's ``--strict``.
    max_chars
        Split longer documents into parts (:data:`geomap.ingest.MAX_CHARS` by default).

    """
    import pandas as pd

    from geomap.ingest import MAX_CHARS, read_documents, split_document

    if errors not in ("skip", "raise"):
        raise ValueError(f"errors must be 'skip' or 'raise', not {errors!r}")
    limit = max_chars or MAX_CHARS
    strict = errors == "raise"

    def report(error: InputError) -> None:
        if strict:
            raise error
        warnings.warn(f"skipped {error}", InputWarning, stacklevel=4)

    def checked(docs: Iterable[Document]) -> Iterator[Document]:
        for doc in docs:
            if doc.warnings and strict:
                raise InputError("; ".join(doc.warnings))
            yield doc

    if isinstance(inputs, pd.DataFrame):
        source: Iterable[Any] = [inputs]
    elif isinstance(inputs, str | Path | Document):
        source = [inputs]
    else:
        source = inputs
    paths: list[str | Path] = []

    def flush() -> Iterator[Document]:
        if paths:
            yield from read_documents(list(paths), on_error=report, max_chars=limit)
            paths.clear()

    def generate() -> Iterator[Document]:
        for number, item in enumerate(source):
            if isinstance(item, Path) or (isinstance(item, str) and _looks_like_path(item)):
                if not Path(item).exists():  # a mistyped path is a mistake, as in the CLI
                    raise InputNotFoundError("no such file or folder", path=str(item))
                paths.append(item)
                continue
            yield from flush()
            if isinstance(item, pd.DataFrame):
                rows = _frame_documents(item, text=text, date=date, id=id)
                while True:
                    try:
                        doc = next(rows)
                    except StopIteration:
                        break
                    except InputError as exc:
                        report(exc)
                        continue
                    yield from split_document(doc, max_chars=limit)
            elif isinstance(item, Document):
                if isinstance(item.date, str):  # Document(date="2022-01-05")
                    import dataclasses

                    from geomap.ingest import parse_date

                    where = item.origin or item.doc_id
                    item = dataclasses.replace(item, date=parse_date(item.date, where=where))
                yield from split_document(item, max_chars=limit)
            elif isinstance(item, str):
                if not item.strip():
                    report(InputError("empty text", path=f"text {number}"))
                    continue
                doc = Document(doc_id=f"text-{number}", text=item, origin=f"text {number}")
                yield from split_document(doc, max_chars=limit)
            else:
                raise TypeError(
                    "inputs must be paths, texts, geomap.Document or a pandas DataFrame, "
                    f"not {type(item).__name__}"
                )
        yield from flush()

    from geomap.ingest import unique_ids

    return checked(unique_ids(generate()))


def extract(
    inputs: Any,
    *,
    text: str = "text",
    date: str | None = None,
    id: str | None = None,  # noqa: A002 - the column name users know
    errors: Errors = "skip",
    pipeline: Pipeline | None = None,
    jobs: int = 1,
    places: Any = None,
    merge: bool = True,
) -> gpd.GeoDataFrame:
    """Extract the events of ``inputs`` and return them as a GeoDataFrame (EPSG:4326).

    ``inputs``, ``text``, ``date``, ``id`` and ``errors`` are those of
    :func:`documents`: a path, a list of paths or texts, :class:`~geomap.model.Document`
    s or a DataFrame. ``pipeline`` is :func:`geomap.pipeline.default_pipeline` by
    default; ``jobs`` worker processes run it (see :meth:`Pipeline.process`).
    ``places`` are your own places files (CSV, GeoJSON, GeoPackage), put in front of
    the pipeline's gazetteer; ``merge=False`` keeps one row per report instead of
    merging the reports of one incident.

    Returns
    -------
    geopandas.GeoDataFrame
        The events table (columns of :data:`geomap.schema.COLUMNS`; ``event_date``
        a ``datetime64`` date).

    """
    from geomap.join import events_frame
    from geomap.pipeline import default_pipeline

    docs = documents(inputs, text=text, date=date, id=id, errors=errors)
    pipeline = pipeline or default_pipeline()
    if places is not None:
        from geomap.pipeline import Pipeline

        pipeline = Pipeline(
            gazetteer=pipeline.gazetteer,
            nlp=pipeline.nlp,
            fallback=pipeline.fallback,
            corrections=pipeline.corrections,
            parse_all=pipeline.parse_all,
            lang=pipeline.lang,
            places=places,
        )
    return events_frame(pipeline.process(docs, jobs=jobs), merge=merge)


def make_map(
    events: Any,
    *,
    text: str = "text",
    date: str | None = None,
    id: str | None = None,  # noqa: A002 - the column name users know
    errors: Errors = "skip",
    pipeline: Pipeline | None = None,
    **options: Any,
) -> folium.Map:
    """Draw the layered map of an events table, or of the events of ``inputs``.

    Parameters
    ----------
    events
        An events GeoDataFrame (from :func:`extract`, :func:`geomap.read_events`,
        filtered as you like), or anything :func:`extract` takes, whose events are
        extracted first.
    text, date, id, errors, pipeline
        As for :func:`extract`, when ``events`` is not an events table.
    **options
        Passed to :func:`geomap.maps.make_map` (``title``, ``offline``, ``progress``...).

    """
    import geopandas as gpd

    from geomap import maps

    if not isinstance(events, gpd.GeoDataFrame):
        events = extract(events, text=text, date=date, id=id, errors=errors, pipeline=pipeline)
    return maps.make_map(events, **options)
