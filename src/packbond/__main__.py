"""``python -m packbond``: the same command line as ``packbond``."""

from .cli import main

main()
