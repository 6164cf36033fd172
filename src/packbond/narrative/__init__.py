"""Narrative: turning a run's event log into text."""

from .sentences import Namer, render

__all__ = ["Namer", "render"]
