"""Why a build stopped: invalid data (exit 1), as opposed to unreadable input (DescriptorError)."""

from __future__ import annotations

from ..errors import DataError


class InvalidData(DataError):
    """The data cannot be built: the checker's findings, or a value Arrow cannot convert.

    ``problems`` holds one line per problem, each one a person can act on.
    """

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems
