"""``python -m relevance``."""

from relevance.cli import main

main()
