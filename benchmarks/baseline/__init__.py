"""Frozen copies of the engine as it was at commit 9b78290, the baselines of the benchmarks.

`align_9b78290` is the provision aligner and `diff_9b78290` the word diff before out-of-order
moves, paragraph alignment and the faster diff: benchmarks run them beside today's engine,
in the same process, on the same input. Not part of the package; never imported by it.
"""
