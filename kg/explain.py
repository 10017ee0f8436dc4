"""An entity card: class, aliases, relations and targets, each with its evidence."""
from __future__ import annotations
