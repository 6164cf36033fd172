"""Columnar state: wolves, packs and their ties, regions, and the world that holds them."""

from .packs import NORMS, Packs
from .regions import Regions
from .table import Col, Table
from .wolves import (
    DESIGNATIONS,
    FORMS,
    MEMORIES,
    SEXES,
    WOUND_SITES,
    Designation,
    Form,
    Memory,
    Role,
    Sex,
    Wolves,
)
from .world import World

__all__ = [
    "DESIGNATIONS",
    "FORMS",
    "MEMORIES",
    "NORMS",
    "SEXES",
    "WOUND_SITES",
    "Col",
    "Designation",
    "Form",
    "Memory",
    "Packs",
    "Regions",
    "Role",
    "Sex",
    "Table",
    "Wolves",
    "World",
]
