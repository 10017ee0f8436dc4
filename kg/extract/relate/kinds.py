"""The classes that each relation accepts."""

from __future__ import annotations

from kg.extract.patterns import PLATFORMS

LOCATABLE = PLATFORMS | {"Company", "Institution"}
FOCUSED = PLATFORMS | {"Region", "Company", "Institution"}
