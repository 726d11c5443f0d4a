"""The word diff at commit 9b78290."""

from .ops import word_diff

__all__ = ["word_diff"]
