"""An analyst's corrections (``--corrections FILE.csv``), applied after recognition and resolution.

The file is CSV with a header row and the columns ``name``, ``correction`` and
``value`` (others, such as ``note``, are ignored)::

    name,correction,value,note
    Jordan,not a place,,the basketball player in our sports feed
    Georgia,geonameid,614540,the country, not the US state
    Springfield,country,US,our Springfield is the American one
    Old Town,place,old-town,an id of the --places file

``not a place``
    Mentions with this name are dropped after recognition: no event is placed there.
``geonameid``
    Mentions with this name resolve to this GeoNames place; where the text names
    it and recognition missed it, a mention is added.
``country``
    Mentions with this name resolve to the most important place of that name in
    this country (ISO alpha-2), when there is one.
``place``
    Mentions with this name resolve to the place with this id among the user's own
    places (``places=`` of :meth:`Corrections.resolved`, the ``--places`` file).

Names are matched as the gazetteer matches them (case, accents and punctuation
aside, :func:`geomap.gazetteer.base.normalize_name`), against the name looked up
("Aktobe" of "the Aktobe region") and the text as written. Each corrected
mention's ``why`` names the correction and its line. A name recognition missed is
added where the text writes it exactly as the file does (same case, whole words).
"""

from __future__ import annotations

import csv
import dataclasses
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from geomap.errors import InputError
from geomap.model import Document, Mention, Place

if TYPE_CHECKING:
    from geomap.gazetteer.base import Gazetteer

#: the kinds of correction, by the words the file may use for them
KINDS = {
    "not a place": "not-a-place",
    "not-a-place": "not-a-place",
    "not_a_place": "not-a-place",
    "geonameid": "geonameid",
    "geonames": "geonameid",
    "country": "country",
    "place": "place",
}


@dataclasses.dataclass(frozen=True)
class Correction:
    """One line of the corrections file."""

    name: str
    kind: str
    value: str
    where: str


@dataclasses.dataclass(frozen=True)
class Corrections:
    """The corrections of one file, by normalised name (see :func:`load_corrections`)."""

    by_name: dict[str, Correction]
    #: the user's own places by id, for ``place`` corrections (see :meth:`with_places`)
    places: Callable[[str], Place | None] | None = None

    def __bool__(self) -> bool:
        return bool(self.by_name)

    def _find(self, mention: Mention) -> Correction | None:
        from geomap.gazetteer.base import normalize_name

        return self.by_name.get(normalize_name(mention.name)) or self.by_name.get(
            normalize_name(mention.text)
        )

    def with_places(self, places: Callable[[str], Place | None]) -> Corrections:
        """These corrections, with ``place`` ones looked up in ``places`` (id -> Place)."""
        return dataclasses.replace(self, places=places)

    def needs_places(self) -> bool:
        """Whether a correction names a place of the user's own places file."""
        return any(c.kind == "place" for c in self.by_name.values())

    def recognised(self, doc: Document) -> Document:
        """Drop "not a place" mentions; add the missed mentions of names given a place."""
        kept = [m for m in doc.mentions if (c := self._find(m)) is None or c.kind != "not-a-place"]
        taken = [(m.start, m.end) for m in kept]
        added: list[Mention] = []
        for correction in self.by_name.values():
            if correction.kind == "not-a-place":
                continue
            pattern = rf"(?<!\w){re.escape(correction.name)}(?!\w)"
            for match in re.finditer(pattern, doc.text):
                start, end = match.span()
                if any(a < end and start < b for a, b in taken):
                    continue
                taken.append((start, end))
                added.append(
                    Mention(
                        start=start,
                        end=end,
                        text=match[0],
                        name=correction.name,
                        kind="place",
                        source="CORRECTION",
                        sent=_sentence(doc, start),
                    )
                )
        if len(kept) == len(doc.mentions) and not added:
            return doc
        mentions = sorted([*kept, *added], key=lambda m: (m.start, m.end))
        return dataclasses.replace(doc, mentions=tuple(mentions))

    def resolved(
        self,
        doc: Document,
        gazetteer: Gazetteer,
        *,
        places: Callable[[str], Place | None] | None = None,
    ) -> Document:
        """Give the corrected mentions their place, with the correction in ``why``."""
        mentions = list(doc.mentions)
        changed = False
        for index, mention in enumerate(mentions):
            correction = self._find(mention)
            if correction is None or correction.kind == "not-a-place":
                continue
            place = _place(correction, mention, gazetteer, places or self.places)
            if place is None:
                why = f"correction {correction.kind} {correction.value} ({correction.where}) "
                why += "found no such place; " + (mention.why or "no match")
                mentions[index] = dataclasses.replace(mention, why=why)
                changed = True
                continue
            before = mention.place.name if mention.place else "no match"
            mentions[index] = dataclasses.replace(
                mention,
                place=place,
                score=1.0,
                why=f"correction: {correction.kind} {correction.value} ({correction.where}); "
                f"was {before}",
            )
            changed = True
        return dataclasses.replace(doc, mentions=tuple(mentions)) if changed else doc


def _place(
    correction: Correction,
    mention: Mention,
    gazetteer: Gazetteer,
    places: Callable[[str], Place | None] | None,
) -> Place | None:
    if correction.kind == "geonameid":
        return gazetteer.get(int(correction.value))
    if correction.kind == "place":
        return places(correction.value) if places is not None else None
    if mention.place is not None and mention.place.country_code == correction.value:
        return mention.place
    found = gazetteer.lookup(mention.name, country_code=correction.value, limit=1)
    return found[0] if found else None


def _sentence(doc: Document, offset: int) -> int:
    for index, (start, end) in enumerate(doc.sentences):
        if start <= offset < end:
            return index
    return max(0, len(doc.sentences) - 1)


def load_corrections(path: str | Path) -> Corrections:
    """Read a corrections CSV file (see the module's docstring).

    Raises
    ------
    InputError
        Naming the file and line: a missing file or column, an unknown correction,
        a GeoNames id that is not a number, a country that is not two letters, a
        name corrected twice.

    """
    from geomap.gazetteer.base import normalize_name

    source = Path(path)
    where = str(source)
    try:
        text = source.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError("no such file (the corrections)", path=where) from None
    except (OSError, UnicodeError) as exc:
        raise InputError(f"cannot read the corrections: {exc}", path=where) from None
    rows = csv.reader(text.splitlines())
    header = [cell.strip().lower() for cell in next(rows, [])]
    missing = [name for name in ("name", "correction", "value") if name not in header]
    if missing:
        raise InputError(
            f"the corrections need the columns name, correction, value (missing: "
            f"{', '.join(missing)})",
            path=where,
            line=1,
        )
    found: dict[str, Correction] = {}
    for number, row in enumerate(rows, 2):
        if not any(cell.strip() for cell in row):
            continue
        record = dict(zip(header, (cell.strip() for cell in row), strict=False))
        name, value = record.get("name", ""), record.get("value", "")
        kind = KINDS.get(" ".join(record.get("correction", "").lower().split()))
        if not name:
            raise InputError("empty name", path=where, line=number)
        if kind is None:
            raise InputError(
                f"unknown correction {record.get('correction', '')!r}; use 'not a place', "
                "'geonameid', 'country' or 'place'",
                path=where,
                line=number,
            )
        if kind == "geonameid" and not value.isdigit():
            raise InputError(f"geonameid must be a number, not {value!r}", path=where, line=number)
        if kind == "country":
            value = value.upper()
            if not re.fullmatch(r"[A-Z]{2}", value):
                raise InputError(
                    f"country must be an ISO alpha-2 code (KZ, US...), not {value!r}",
                    path=where,
                    line=number,
                )
        if kind == "place" and not value:
            raise InputError("place needs the id of a place as value", path=where, line=number)
        key = normalize_name(name)
        if key in found:
            raise InputError(
                f"{name!r} is corrected twice (also {found[key].where})", path=where, line=number
            )
        found[key] = Correction(name, kind, value, f"{source.name}:{number}")
    return Corrections(found)
