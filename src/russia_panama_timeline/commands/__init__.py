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
