"""Errors a user can cause, caught once in the CLI and shown as one line (exit code 2).

    DoxauditError
    ├── InputError      bad identity, options or profile file
    ├── HarError        a HAR file that cannot be read or written
    └── HistoryError    (history.py) the history database cannot be created or read

A check's failure is never an exception out of the engine: it is a CheckOutcome.
"""


class DoxauditError(Exception):
    """Base for errors that are the user's to fix; the message is shown as is."""


class InputError(DoxauditError):
    pass


class HarError(DoxauditError):
    pass
