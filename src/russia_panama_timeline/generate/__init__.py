"""Files derived from ``datapackage.json`` and the code, and one way to keep them current.

Every generator is a function that renders its outputs in memory and returns them as
``{path: content}``; nothing is written while rendering, so a failure leaves every
file as it was. ``sync`` is the one convention for what happens next: each output is
compared with the file on disk, and the ones that differ are written (atomically) or,
when only checking, named. The scripts under ``scripts/`` and the drift tests all go
through it, so "is the committed file current?" means the same thing everywhere.

Generators: ``docs`` (the data dictionary and the table of finding codes in docs/),
``citation`` (CITATION.cff, .zenodo.json, docs/dataset.jsonld), ``figure``
(docs/timeline.svg).
"""

from __future__ import annotations

from pathlib import Path

from ..atomic import write_bytes
from ..errors import PackageError

Outputs = dict[Path, str | bytes]


class GenerateError(PackageError):
    """A file a generator needs (a page without its section, say) cannot be used."""


def as_bytes(content: str | bytes) -> bytes:
    return content.encode("utf-8") if isinstance(content, str) else content


def stale(outputs: Outputs) -> list[Path]:
    """The outputs whose file on disk differs from what the generator renders. A figure
    (SVG) differs when it draws something else (``plot.Drawing``): its bytes also
    depend on matplotlib's version, which says nothing about the data."""
    out = []
    for path, content in outputs.items():
        try:
            current = path.read_bytes()
        except FileNotFoundError:
            current = None
        if current != as_bytes(content) and not (
            current is not None and path.suffix == ".svg" and _same_drawing(current, content)
        ):
            out.append(path)
    return out


def _same_drawing(current: bytes, content: str | bytes) -> bool:
    from ..plot import drawing_of_svg

    return drawing_of_svg(current) == drawing_of_svg(as_bytes(content))


def sync(outputs: Outputs, check: bool) -> list[Path]:
    """Write every stale output (unless ``check``); return the stale ones."""
    paths = stale(outputs)
    if not check:
        for path in paths:
            write_bytes(path, as_bytes(outputs[path]))
    return paths


def is_clone(datapackage: Path) -> bool:
    """Whether the descriptor lies in a clone of the repository (its generator scripts
    beside it), where the generated files are committed and must follow the data."""
    return (datapackage.parent / "scripts" / "gen_docs.py").is_file()


def out_of_date(datapackage: Path) -> list[tuple[Path, str]]:
    """In a clone, each committed generated file that no longer matches the package,
    with the generator that rewrites it (``docs``, ``citation``, ``figure``); nothing
    elsewhere. The figure is compared by what it draws (``plot.Drawing``), which needs
    no matplotlib."""
    if not is_clone(datapackage):
        return []
    from ..descriptor import read_descriptor
    from ..plot import drawing, drawing_of_svg
    from .citation import citation_outputs
    from .docs import docs_outputs

    root = datapackage.parent
    found = [(path, "docs") for path in stale(docs_outputs(datapackage, root / "docs"))]
    found += [(path, "citation") for path in stale(citation_outputs(datapackage))]
    svg = root / "docs" / "timeline.svg"
    try:
        drawn = drawing_of_svg(svg.read_bytes())
    except (OSError, UnicodeDecodeError):
        drawn = None
    if drawn != drawing(datapackage):
        found.append((svg, "figure"))
    shot = root / "docs" / "site.png"
    version = str(read_descriptor(datapackage).get("version"))
    try:
        shown = png_text(shot.read_bytes()).get("version")
    except OSError:
        shown = None
    if shown != version:
        found.append((shot, "screenshot"))
    return found


def png_text(png: bytes) -> dict[str, str]:
    """The text chunks (``tEXt``) of a PNG, as {keyword: text}."""
    out: dict[str, str] = {}
    pos = 8  # after the signature
    while pos + 8 <= len(png):
        length = int.from_bytes(png[pos:pos + 4], "big")
        kind = png[pos + 4:pos + 8]
        if kind == b"tEXt":
            key, _, value = png[pos + 8:pos + 8 + length].partition(b"\0")
            out[key.decode("latin-1")] = value.decode("latin-1")
        if kind == b"IEND":
            break
        pos += 12 + length
    return out


def with_png_text(png: bytes, text: dict[str, str]) -> bytes:
    """The PNG with ``text`` as ``tEXt`` chunks after its header (latin-1 keys and values)."""
    import zlib

    end_of_header = 8 + 12 + int.from_bytes(png[8:12], "big")
    chunks = b""
    for key, value in text.items():
        data = key.encode("latin-1") + b"\0" + value.encode("latin-1")
        crc = zlib.crc32(b"tEXt" + data).to_bytes(4, "big")
        chunks += len(data).to_bytes(4, "big") + b"tEXt" + data + crc
    return png[:end_of_header] + chunks + png[end_of_header:]

