"""The rules model: every tunable number and genre switch, with a default and a one-line doc.

Systems read their slice of the rules and contain no numbers of their own. A preset
(``rules/presets/<name>.toml``) is a set of overrides on these defaults; a scenario may override
further. Rule numbers (R1, R2, ...) refer to the rule book, ``world-rules.md``.
"""

from __future__ import annotations

from typing import Annotated, Self

from pydantic import Field, model_validator

from ..validation import Fraction, Range, Strict, WholeRange

__all__ = [
    "CalendarRules",
    "DesignationOdds",
    "DesignationRules",
    "LifespanRules",
    "PresentingRules",
    "Rules",
    "TieRules",
]

Years = Annotated[float, Range(0.0, 200.0)]


class CalendarRules(Strict):
    """The length of the simulated year."""

    days_per_season: Annotated[int, WholeRange(7, 365)] = Field(
        91, description="Days in each of the four seasons (91 = 13 weeks)."
    )


class DesignationOdds(Strict):
    """Relative odds of presenting as each designation (R1); they need not sum to one."""

    alpha: Fraction = Field(0.25, description="Odds of presenting as an alpha.")
    beta: Fraction = Field(0.5, description="Odds of presenting as a beta.")
    omega: Fraction = Field(0.25, description="Odds of presenting as an omega.")

    @model_validator(mode="after")
    def _some_odds(self) -> Self:
        if self.alpha + self.beta + self.omega <= 0:
            raise ValueError("must give at least one designation odds above 0")
        return self


class DesignationRules(Strict):
    """R1: designation is drawn at presenting from odds that depend on sex."""

    male: DesignationOdds = Field(default_factory=DesignationOdds, description="Odds for males.")
    female: DesignationOdds = Field(
        default_factory=DesignationOdds, description="Odds for females."
    )


class PresentingRules(Strict):
    """R2: adolescents present at an age drawn uniformly from a range; omegas have a first heat."""

    age_years_min: Years = Field(14.0, description="Youngest age at presenting, in years.")
    age_years_max: Years = Field(18.0, description="Oldest age at presenting, in years.")
    first_heat: bool = Field(
        True, description="Omegas have their first heat when they present (R2)."
    )

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.age_years_max < self.age_years_min:
            raise ValueError("age_years_max must not be below age_years_min")
        return self


class LifespanRules(Strict):
    """Death of old age: a Gompertz hazard after an onset age, and a hard maximum age."""

    senescence_onset_years: Years = Field(
        55.0, description="Age from which the old-age hazard applies, in years."
    )
    senescence_annual_hazard: Fraction = Field(
        0.01, description="Yearly chance of dying of old age at the onset age."
    )
    senescence_doubling_years: Annotated[float, Range(0.1, 100.0)] = Field(
        8.0, description="Years over which the old-age hazard doubles."
    )
    max_age_years: Years = Field(95.0, description="No wolf lives past this age, in years.")


class TieRules(Strict):
    """Directed relationships are kept in a bounded number of slots per wolf."""

    slots: Annotated[int, WholeRange(1, 64)] = Field(
        12, description="Relationship slots per wolf; the weakest tie is forgotten first."
    )


class Rules(Strict):
    """All the rules of a world. Build one with :func:`packbond.rules.load_rules`."""

    preset: str = Field("seed", description="Name of the preset these rules started from.")
    calendar: CalendarRules = Field(default_factory=CalendarRules)
    designation: DesignationRules = Field(default_factory=DesignationRules)
    presenting: PresentingRules = Field(default_factory=PresentingRules)
    lifespan: LifespanRules = Field(default_factory=LifespanRules)
    ties: TieRules = Field(default_factory=TieRules)
