"""The engine and what every part of a run leans on: the context of a day (seed, draws,
the event log), the calendar, keyed randomness, column helpers, the optional allocator tuning,
the per-day trace and input validation.
"""
