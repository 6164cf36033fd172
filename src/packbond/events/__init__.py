"""Events: the registry of kinds (roles, templates) and the columnar log."""

from .log import EVENT_COLUMNS, EventLog
from .registry import ROLE_COLUMNS, TIERS, EventKind, Registry, registry

__all__ = [
    "EVENT_COLUMNS",
    "ROLE_COLUMNS",
    "TIERS",
    "EventKind",
    "EventLog",
    "Registry",
    "registry",
]
