"""Benchmarks: run as modules (`python -m bench.pdf`), never collected as tests."""
