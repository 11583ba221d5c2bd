"""doxaudit: audit your own doxing exposure before someone else does."""

__version__ = "0.1.0"
