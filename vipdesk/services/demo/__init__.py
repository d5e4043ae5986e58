"""Realistic synthetic records for the demo database and the benchmarks."""
