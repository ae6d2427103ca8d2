"""Evaluation of geomap against public corpora (``geomap evaluate ...``).

- :mod:`geomap.evaluate.geoparsing`: toponym recognition and resolution on the common
  JSONL format of the geoparsing corpora (LGL, GeoVirus, GeoCorpora, TUD-Loc-2013).
- :mod:`geomap.evaluate.events`: event-location linking (Halterman 2019) and event types
  (CASE 2021 Task 2).

Each evaluator is a function ``run(path, *, limit=None, pipeline=None) -> dict`` whose
result is JSON-serialisable, and a ``format_report(result) -> str`` for people.
"""
