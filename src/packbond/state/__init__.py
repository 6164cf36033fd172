"""Columnar state: wolves, packs and their ties, regions, and the world that holds them."""

from .packs import NORMS, Packs
from .regions import Regions
from .table import Col, Table
from .wolves import DESIGNATIONS, SEXES, Designation, Sex, Wolves
from .world import World

__all__ = [
    "DESIGNATIONS",
    "NORMS",
    "SEXES",
    "Col",
    "Designation",
    "Packs",
    "Regions",
    "Sex",
    "Table",
    "Wolves",
    "World",
]
