"""Columnar state: wolves, packs and their ties, regions, and the world that holds them."""

from .packs import NORMS, Packs
from .regions import Regions
from .table import Col, Table
from .wolves import DESIGNATIONS, FORMS, SEXES, WOUND_SITES, Designation, Form, Role, Sex, Wolves
from .world import World

__all__ = [
    "DESIGNATIONS",
    "FORMS",
    "NORMS",
    "SEXES",
    "WOUND_SITES",
    "Col",
    "Designation",
    "Form",
    "Packs",
    "Regions",
    "Role",
    "Sex",
    "Table",
    "Wolves",
    "World",
]
