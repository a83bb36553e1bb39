"""The application core: pure Python, never imports Qt (tests/core/test_boundary.py checks it)."""
