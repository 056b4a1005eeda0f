"""The one error type the CLI turns into `yoy: error: <file>: <reason>` (exit 2), and the warning
it prints as `yoy: warning: …` (Python's warnings machinery, so a library caller sees it too)."""
from __future__ import annotations

STDIN = "<stdin>"  # how a message names standard input read as a file (`-`)


def input_name(path: str) -> str:
    """How a message names the input `path`: standard input (`-`) by one name everywhere."""
    return STDIN if path == "-" else path


class YoyError(Exception):
    """A user error: bad input, a refused operation. Never a bug.

    `hint` names what would get past it, for the caller to say in its own words: the argument
    (`force`, `overwrite`), whose flag the CLI names, or the step to take first (`ingest`).
    """

    def __init__(self, where: object, reason: str, hint: str | None = None):
        self.where = str(where)
        self.reason = reason
        self.hint = hint
        super().__init__(f"{self.where}: {reason}")


class YoyWarning(UserWarning):
    """Something the user should know about an input that was still read (what
    was dropped, and why)."""


def warn(message: str, stacklevel: int = 3) -> None:
    """Warn the user (a `YoyWarning`), attributed `stacklevel` frames up: by default to the
    caller of the function that warns."""
    import warnings
    warnings.warn(YoyWarning(message), stacklevel=stacklevel)
