"""The exceptions the package raises for what is wrong with a data package.

Everything wrong with the input a user gave us derives from ``PackageError``, and
nothing else does, so the command layer can tell a problem with the package (a clear
message and an exit code) from a bug (a traceback, as it should be). Two kinds:

- ``DataError``: the data has problems (exit 1). Every exception for bad data derives
  from it: the Parquet build's ``InvalidData``, the figure's and the exports' data
  errors, an EDTF date that does not parse.
- ``DescriptorError``: the descriptor (or a file it names) cannot be read, is unusable
  or unsafe to follow (exit 2); ``UnsafePath`` is a resource path leading outside
  the package.

``InternalError`` is the exception to that rule where a bug must not pass for a
finding: the command line reports it as an internal error (exit 3).

Standard library only, so the command line can catch them without importing pandas.
The library never prints: it raises these, and ``cli.py`` turns them into messages.
"""

from __future__ import annotations


class PackageError(Exception):
    """Something is wrong with what the user gave: the data package, or where to write
    (never a bug in this code)."""


class DataError(PackageError, ValueError):
    """The data has problems: a cell that cannot be read as its schema says, a file
    that fails the checker, a value a command cannot use (exit 1).

    The loader raises it rather than letting a value outside an ``enum`` or an unknown
    boolean spelling quietly become NA.
    """


class InternalError(Exception):
    """A bug in this code, caught where it would otherwise pass for a verdict on the
    data (an exception while validating the descriptor): exit 3, with a message that
    says so. Deliberately not a PackageError."""


class DescriptorError(PackageError):
    """The descriptor cannot be read or is not usable: a usage/I-O problem (exit 2)."""


class LanguageError(PackageError, ValueError):
    """A language the package has no texts in (``load_events(lang="fr")``): a usage
    problem (exit 2), naming the languages it has."""


class UnsafePath(DescriptorError):
    """A resource path that leads outside the package (or is not a local path at all).

    Every reader refuses it with the same message, built here by
    ``descriptor.resource_path``; ``path`` is the offending path as the descriptor
    spells it. The message never quotes the file it points at.
    """

    def __init__(self, descriptor: object, name: object, path: object, why: str) -> None:
        shown = repr(path) if len(repr(path)) <= 200 else repr(path)[:199] + "…"
        super().__init__(
            f"{descriptor}: resource {name!r} path {shown} {why}; refused: "
            "a resource must be a file inside the package's folder"
        )
        self.path = path
