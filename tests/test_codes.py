"""The codes stored in columns and the labels events are told with are one list each.

A column stores a code (an index); ``events/kinds.toml`` declares the labels that tell it. The
two must agree, or a wound to the neck would be told as one to the shoulder.
"""

from __future__ import annotations

from packbond.core.calendar import SEASONS
from packbond.events import registry
from packbond.state import DESIGNATIONS, Designation
from packbond.state.wolves import FORMS, WOUND_SITES, Form


def test_the_code_tables_are_the_event_registrys() -> None:
    """Designations, seasons, forms and wound sites: the same labels in the same order."""
    enums = registry().enums
    assert enums["designation"] == DESIGNATIONS
    assert enums["season"] == SEASONS
    assert enums["form"] == FORMS
    assert enums["wound_site"] == WOUND_SITES
    for codes, labels in ((Designation, DESIGNATIONS), (Form, FORMS)):
        named = {k.lower(): v for k, v in vars(codes).items() if k.isupper()}
        assert named == {label: i for i, label in enumerate(labels)}
