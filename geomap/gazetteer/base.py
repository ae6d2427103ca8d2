"""The gazetteer plugin family: a small base class and a registry of backends by name."""

from __future__ import annotations

import re
import unicodedata
from abc import ABC, abstractmethod
from collections.abc import Callable
from typing import ClassVar

from geomap.errors import UnknownBackendError
from geomap.model import Place

_DASHES = re.compile(r"[\u2010-\u2015\u2212_\-/]+")
_DROP = re.compile(r"[\u2018\u2019\u02bc\u02bb`'\".,()]+")
_SPACE = re.compile(r"\s+")


def normalize_name(name: str) -> str:
    """Return the key under which a place name is indexed and looked up.

    Case is folded, Latin diacritics are dropped ("Aqtöbe" -> "aqtobe"), hyphens
    and dashes become spaces ("Alma-Ata" -> "alma ata"), apostrophes, quotes,
    dots and brackets go ("U.S." -> "us"), and white space is collapsed.
    Non-Latin scripts keep their letters ("Алматы" -> "алматы").
    """
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _DROP.sub("", text)
    text = _DASHES.sub(" ", text)
    return _SPACE.sub(" ", text).strip().casefold()


class Gazetteer(ABC):
    """A source of places, looked up by name.

    Subclasses implement :meth:`lookup`, :meth:`get` and :meth:`has_key`; the
    rest have defaults built on them.
    """

    #: name under which the backend is registered
    name: ClassVar[str] = ""
    #: the largest number of words in any indexed name (bounds n-gram matching)
    max_name_words: int = 6

    @abstractmethod
    def lookup(
        self,
        name: str,
        *,
        country_code: str | None = None,
        feature_class: str | None = None,
        admin1_code: str | None = None,
        limit: int | None = None,
    ) -> list[Place]:
        """Return the places called ``name``, best first by prior importance.

        Parameters
        ----------
        name
            A place name as written; it is normalised with :func:`normalize_name`.
        country_code
            Keep only places in this country (ISO alpha-2).
        feature_class
            Keep only this GeoNames feature class ("P" settlements, "A" areas).
        admin1_code
            Keep only places in this first-order region (needs ``country_code``).
        limit
            Return at most this many places.

        """

    @abstractmethod
    def get(self, geonameid: int) -> Place | None:
        """Return the place with this GeoNames id, or ``None``."""

    @abstractmethod
    def has_key(self, key: str) -> bool:
        """Whether a normalised name (see :func:`normalize_name`) is indexed."""

    def country(self, country_code: str) -> Place | None:
        """Return the country with this ISO alpha-2 code, or ``None``."""
        for place in self.lookup(country_code, feature_class="A"):
            if place.feature_code.startswith("PCL") and place.country_code == country_code:
                return place
        return None

    def demonym(self, word: str) -> Place | None:
        """Return the country a demonym or adjective refers to ("Kazakhstani"), or ``None``."""
        return None

    def admin1(self, country_code: str, admin1_code: str) -> Place | None:
        """Return the first-order region with these codes, or ``None``."""
        return None


_REGISTRY: dict[str, Callable[..., Gazetteer]] = {}


def register(name: str) -> Callable[[type[Gazetteer]], type[Gazetteer]]:
    """Class decorator that registers a gazetteer backend under ``name``."""

    def decorate(cls: type[Gazetteer]) -> type[Gazetteer]:
        cls.name = name
        _REGISTRY[name] = cls
        return cls

    return decorate


def backends() -> list[str]:
    """Return the names of the registered gazetteer backends."""
    return sorted(_REGISTRY)


def get_gazetteer_class(name: str) -> Callable[..., Gazetteer]:
    """Return the backend registered as ``name``; the error lists the valid names."""
    try:
        return _REGISTRY[name]
    except KeyError:
        valid = ", ".join(backends()) or "(none)"
        raise UnknownBackendError(
            f"unknown gazetteer backend {name!r}; choose one of: {valid}"
        ) from None
