"""The one error type the CLI turns into `yoy: error: <file>: <reason>` (exit 2), and the warning
it prints as `yoy: warning: …` (Python's warnings machinery, so a library caller sees it too)."""
from __future__ import annotations


class YoyError(Exception):
    """A user error: bad input, a refused operation. Never a bug."""

    def __init__(self, where: object, reason: str):
        self.where = str(where)
        self.reason = reason
        super().__init__(f"{self.where}: {reason}")


class YoyWarning(UserWarning):
    """Something the user should know about an input that was still read (what was dropped, and why)."""
