"""Area phrases: a place name and the area noun after it ("the Aktobe region")."""

from __future__ import annotations

import dataclasses

from geomap.model import Document, Mention
from geomap.toponyms.finder import Finder
from geomap.toponyms.vocabulary import REGION_NOUNS


def area_mentions(finder: Finder, doc: Document) -> Document:
    """Return ``doc`` with the mentions ``finder`` found, each area phrase one region mention.

    A place followed by a region noun ("X region", "the X oblast") becomes the
    region mention "the X region"; other claims become mentions of their kind.
    """
    tokens = doc.tokens
    span_text = finder.span_text

    # Region phrases: extend "X" to "the X region" when a region noun follows.
    mentions: list[Mention] = list(finder.extra)
    for i, j, kind, source in sorted(finder.found):
        if kind == "place" and j < len(tokens) and tokens[j].text.lower() in REGION_NOUNS:
            if tokens[j].sent == tokens[i].sent and tokens[j].start > tokens[j - 1].end:
                noun = tokens[j].text
                name = f"{finder.names.get((i, j), span_text(i, j))} {noun.lower()}"
                start_i = i - 1 if i > 0 and tokens[i - 1].text.lower() == "the" else i
                mentions.append(
                    Mention(
                        start=tokens[start_i].start,
                        end=tokens[j].end,
                        text=span_text(start_i, j + 1),
                        name=name,
                        kind="region",
                        source=source,
                        sent=tokens[i].sent,
                    )
                )
                continue
        mentions.append(
            Mention(
                start=tokens[i].start,
                end=tokens[j - 1].end,
                text=span_text(i, j),
                name=finder.names.get((i, j), span_text(i, j)),
                kind=kind,
                source=source,
                sent=tokens[i].sent,
            )
        )
    mentions.sort(key=lambda m: (m.start, m.end))
    return dataclasses.replace(doc, mentions=tuple(mentions))
