"""The one error type the CLI turns into `yoy: error: <file>: <reason>` (exit 2)."""
from __future__ import annotations


class YoyError(Exception):
    """A user error: bad input, a refused operation. Never a bug.

    `hint` is what the user can do next (`yoy ingest <file> first`); the CLI prints it after
    the reason, a Python caller finds it apart from the reason.
    """

    def __init__(self, where: object, reason: str, hint: str = ""):
        self.where = str(where)
        self.reason = reason
        self.hint = hint
        super().__init__(f"{self.where}: {reason}")
