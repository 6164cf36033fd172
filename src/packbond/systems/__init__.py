"""Systems: one module per mechanic, each with one public ``step(world, ctx)``.

Systems never import each other; they meet only in the state and the event log. Their order
and cadence live in ``schedule.toml``.
"""
