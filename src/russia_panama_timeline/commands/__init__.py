"""The subcommands of the command line, one module each (see ``cli.py``).

Only this layer prints and chooses exit codes; the library below it returns values
or raises exceptions derived from ``errors.PackageError``.
"""

EXIT_OK = 0
"""Success: the package is valid, or the command did what was asked."""
EXIT_INVALID = 1
"""The data has problems (findings were printed), or a generated file is out of date."""
EXIT_USAGE = 2
"""A usage error, or input that cannot be read or is unsafe to follow."""
EXIT_INTERNAL = 3
"""A bug in this program (an internal error), reported as such, never as a finding."""
EXIT_INTERRUPTED = 130
"""Stopped by Ctrl-C (128 + SIGINT, as shells report it)."""
EXIT_BROKEN_PIPE = 141
"""The output's reader closed the pipe before the command knew its verdict (128 +
SIGPIPE, as shells report it); a command that knew it returns it instead."""


def quiet_stdout() -> None:
    """After a broken pipe: point stdout at /dev/null, so that Python's flush at exit
    does not fail again with a traceback."""
    import os
    import sys

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
