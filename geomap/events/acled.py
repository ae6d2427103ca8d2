"""ACLED's six event types and what a trigger word means (type, sub-type, confidence)."""

from __future__ import annotations

from dataclasses import dataclass

BATTLES = "Battles"
EXPLOSIONS = "Explosions/Remote violence"
VAC = "Violence against civilians"
PROTESTS = "Protests"
RIOTS = "Riots"
SD = "Strategic developments"

#: ACLED's six event types
EVENT_TYPES = (BATTLES, EXPLOSIONS, VAC, PROTESTS, RIOTS, SD)


@dataclass(frozen=True, slots=True)
class Trigger:
    """What a trigger word means: ACLED type, sub-type and a base confidence."""

    event_type: str
    sub_event_type: str
    confidence: float = 0.7
    #: parts of speech the word must have (empty: any)
    pos: frozenset[str] = frozenset()
    #: a "generic" trigger whose type is decided by context (attack, kill, clash)
    contextual: bool = False
