"""Data shipped with doxaudit: the fictional demo persona and its recorded responses."""
