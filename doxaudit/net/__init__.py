"""The one network seam: every byte doxaudit sends or receives passes through here."""
