"""Benchmark harness: score cleaner and peer extractors on the AEB and WCXB development sets."""
