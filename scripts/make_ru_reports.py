"""Turn ``tests/data/ru_reports.txt`` (our own Russian reports, marked up) into JSONL.

Run ``python scripts/make_ru_reports.py``; it writes ``tests/data/ru_reports.jsonl``,
one report a line: ``id``, ``date``, ``lang``, ``split``, ``text``, ``places``
(``start``, ``end``, ``text``, ``geonameid``, ``name``) and ``events``
(``event_type``, ``sub_event_type``, ``geonameid``, ``location``, ``event_date``).
Gold places are written ``[surface=Name/CC/F]`` and resolved to a GeoNames id
with the embedded gazetteer (the first place of that name, country and class).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent / "tests" / "data"
_MARK = re.compile(r"\[([^\]=]+)=([^\]]+)\]")


def _place(gazetteer, spec: str, where: str) -> tuple[int, str]:
    name, cc, fclass = spec.split("/")
    found = gazetteer.lookup(name, country_code=cc, feature_class=fclass, limit=5)
    exact = [p for p in found if p.name == name] or found
    if not exact:
        sys.exit(f"{where}: no place {spec!r} in the gazetteer")
    return exact[0].geonameid, exact[0].name


def main() -> None:
    """Convert the markup file and write the JSONL next to it."""
    from geomap.gazetteer import load_gazetteer

    gazetteer = load_gazetteer()
    reports: list[dict] = []
    source = HERE / "ru_reports.txt"
    for number, line in enumerate(source.read_text(encoding="utf-8").splitlines(), 1):
        where = f"{source}:{number}"
        if line.startswith("## "):
            rid, date, split = (part.strip() for part in line[3:].split("|"))
            reports.append(
                {
                    "id": rid,
                    "date": date,
                    "lang": "ru",
                    "split": split,
                    "text": "",
                    "places": [],
                    "events": [],
                }
            )
        elif line.startswith("> "):
            kind, sub, spec, date = (part.strip() for part in line[2:].split("|"))
            gid, name = _place(gazetteer, spec, where)
            reports[-1]["events"].append(
                {
                    "event_type": kind,
                    "sub_event_type": sub,
                    "geonameid": gid,
                    "location": name,
                    "event_date": date,
                }
            )
        elif line.strip() and not line.startswith("#") and reports:
            report = reports[-1]
            text = report["text"] + (" " if report["text"] else "")
            pos = 0
            for m in _MARK.finditer(line):
                text += line[pos : m.start()]
                gid, name = _place(gazetteer, m[2], where)
                report["places"].append(
                    {
                        "start": len(text),
                        "end": len(text) + len(m[1]),
                        "text": m[1],
                        "geonameid": gid,
                        "name": name,
                    }
                )
                text += m[1]
                pos = m.end()
            report["text"] = text + line[pos:]
    out = HERE / "ru_reports.jsonl"
    out.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in reports), encoding="utf-8"
    )
    print(
        f"{len(reports)} reports, {sum(len(r['places']) for r in reports)} places, "
        f"{sum(len(r['events']) for r in reports)} events -> {out}"
    )


if __name__ == "__main__":
    main()
