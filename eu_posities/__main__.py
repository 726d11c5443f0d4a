"""`python -m eu_posities` runs the command line."""

from eu_posities.cli import main

main()
