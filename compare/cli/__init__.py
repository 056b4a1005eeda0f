"""The `yoy` command: thin click wrappers over the Python API.

Exit codes: 0 done; 2 a usage error or bad input (one line `yoy: error: <where>: <reason>`,
nothing written); 1 an internal error, a bug (one line; the traceback with --debug); 130
interrupted. `yoy run` exits 2 when a pair or file failed on bad input (the rest done), 1
when one failed on a bug.

Conventions shared by every command (conventions.py's decorators and types): `-` for a path means
standard input or output; `--json PATH|-`; `-h` for help; messages go to stderr whenever
standard output carries a command's data. The commands are commands.py's.
"""
from compare.cli.commands import main

__all__ = ["main"]
