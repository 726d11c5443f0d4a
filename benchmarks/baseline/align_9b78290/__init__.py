"""The provision aligner at commit 9b78290 (order-preserving, neighbour splits and merges)."""

from .aligner import align

__all__ = ["align"]
