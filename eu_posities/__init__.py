"""eu-posities: EU negotiation texts, stage by stage, with a ledger of Dutch concerns.

The package root stays import-light so that `eup --help` starts fast: submodules are
imported by whoever needs them.
"""

__version__ = "0.1.0"
