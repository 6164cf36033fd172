"""Systems: one place per mechanic, each with one public ``step(world, ctx)``.

A mechanic with a compiled pass is a package (``hunting/``: its docstring in ``__init__.py``,
the step in ``system.py``, the pass in ``kernel.py``); one without is a module (``fear.py``).
Mechanics never import each other; they meet only in the state and the event log, and what
several share lives in :mod:`packbond.shared` and :mod:`packbond.kernels`. Their order and
cadence live in ``core/schedule.toml``.
"""
