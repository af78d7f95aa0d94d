"""Coverage-guided fuzzing (atheris/libFuzzer) of the HTML path, the text path and the rule loader.

Run with `python -m fuzz --seconds 60` (see fuzz/__main__.py); crashes become regression tests in tests/.
"""
