"""Check families, one module each, all behind the `Check` protocol in `base`."""
