"""The integrity checker (interim: frictionless validation only).

Interface used by the CLI and the Parquet build, kept stable as the checker grows:
``check_package(path) -> Report`` with ``report.valid`` and ``report.findings``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Finding:
    """One problem: where it is and what is wrong."""

    code: str
    file: str
    line: int | None
    field: str | None
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        col = f" {self.field}:" if self.field else ""
        return f"{where}:{col} {self.message} [{self.code}]"


@dataclass
class Report:
    """All findings for one package."""

    findings: list[Finding] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return not self.findings


def check_package(datapackage: str | os.PathLike[str] | None = None) -> Report:
    """Validate the package with frictionless; DescriptorError if it cannot be read."""
    from frictionless import Package, system

    from ..descriptor import read_descriptor, resolve

    path = resolve(datapackage)
    read_descriptor(path)
    with system.use_context(trusted=False):
        fl_report = Package(str(path)).validate()
    report = Report()
    for task in fl_report.tasks:
        for error in task.errors:
            report.findings.append(
                Finding(
                    code=error.type,
                    file=task.place,
                    line=getattr(error, "row_number", None),
                    field=getattr(error, "field_name", None),
                    message=error.message,
                )
            )
    for error in fl_report.errors:
        report.findings.append(Finding(error.type, str(path), None, None, error.message))
    return report
