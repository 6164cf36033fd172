"""The benchmark rule set (``subset``) and its Mesa 3 reference (``mesa_reference``, needs mesa).

Why inside the package: ``packbond bench`` must find the reference in an installed packbond, not
only in a clone; ``benchmarks/mesa_reference.py`` is a thin script over it. ``mesa_reference``
is not imported here, so packbond runs without Mesa installed.
"""

__all__: list[str] = []
