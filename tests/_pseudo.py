"""Pseudo-translations: fill a package copy's empty translation columns mechanically.

For the tests of the languages (loaders, site, command line) on a package whose
translations are not all written yet, and to show that a package with every
translation passes the checker. Never shipped: a pseudo-translation is marked (Spanish
``[es] …``) or transliterated letter by letter (Russian in Cyrillic letters), keeps
every number of the English, and differs from it, so the checker's translation rule
accepts it; a reader would not.
"""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from pathlib import Path

from conftest import repin

_LATIN = "abcdefghijklmnopqrstuvwxyz"
_CYRILLIC = "абцдефгхийклмнопкрстуввксз"
LATIN_TO_CYRILLIC = str.maketrans(_LATIN + _LATIN.upper(), _CYRILLIC + _CYRILLIC.upper())


def pseudo(text: str, lang: str) -> str:
    """A pseudo-translation of ``text`` into ``lang``."""
    if lang == "ru":  # accents off first: a Latin letter with one has no Cyrillic twin
        plain = "".join(c for c in unicodedata.normalize("NFKD", text)
                        if not unicodedata.combining(c))
        return unicodedata.normalize("NFC", plain.translate(LATIN_TO_CYRILLIC))
    return f"[{lang}] {text}"


def fill(descriptor: Path, *, only_empty: bool = True) -> Path:
    """Write a pseudo-translation into every translation cell (the empty ones only,
    by default) of the package at ``descriptor``, re-pin it, and return it."""
    package = json.loads(descriptor.read_text(encoding="utf-8"))
    for res in package["resources"]:
        pairs = [(f["name"], f["translation"]["of"], f["translation"]["language"])
                 for f in res["schema"]["fields"] if isinstance(f.get("translation"), dict)]
        if not pairs:
            continue
        path = descriptor.parent / res["path"]
        with open(path, encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
            header = list(rows[0]) if rows else []
        for row in rows:
            for column, base, lang in pairs:
                if row[base] and (not row[column] or not only_empty):
                    row[column] = pseudo(row[base], lang)
        out = io.StringIO()
        writer = csv.DictWriter(out, header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        path.write_text(out.getvalue(), encoding="utf-8")
    repin(descriptor)
    return descriptor
