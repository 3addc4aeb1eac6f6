"""Benchmarks for `make bench`: figures printed, not timed tests."""
