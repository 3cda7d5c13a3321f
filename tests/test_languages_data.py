"""The shipped translations, held to the English in what a machine can check.

Every event's title and summary and every actor's name is in Spanish and Russian;
the Russian is in Cyrillic; no translation is the English again; and every number and
year of the English is in the translation (compared as digits, so the conventions of
each language, ``5.000`` or ``5 000`` for ``5,000`` and ``1,5`` for ``1.5``, agree).
Read with the csv module and plain regular expressions, independently of the checker's
``translation`` rule, which says the same.

To see what is left to translate: ``russia-panama-timeline info`` (how many rows each
language has) and ``russia-panama-timeline check`` (each missing or doubtful cell,
with its line: codes ``translation-missing``, ``translation-same``,
``translation-script``, ``translation-numbers``).
"""

from __future__ import annotations

import csv
import json
import re
import unicodedata
from collections import Counter
from pathlib import Path

import pytest


def _translations(descriptor: Path) -> list[tuple[str, str, str, str]]:
    """(resource, column, English column, language) for every translated field."""
    package = json.loads(descriptor.read_text(encoding="utf-8"))
    return [(res["name"], f["name"], f["translation"]["of"], f["translation"]["language"])
            for res in package["resources"] for f in res["schema"]["fields"]
            if isinstance(f.get("translation"), dict)]


def _rows(descriptor: Path, name: str) -> list[dict[str, str]]:
    with open(descriptor.parent / "data" / f"{name}.csv", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def numbers(text: str) -> Counter[str]:
    """The numbers of a text as digit strings: group separators and leading zeros off."""
    text = re.sub(r"(?<=\d)[,.](?=\d{3}(?!\d))", "", text)
    text = re.sub(r"(?<!\d)(\d{1,3})[ \u00a0\u202f\u2009](?=\d{3}(?!\d))", r"\1", text)
    return Counter(n.lstrip("0") or "0" for n in re.findall(r"[0-9]+", text))


def _cyrillic_share(text: str) -> float:
    letters = [c for c in text if c.isalpha()]
    cyrillic = [c for c in letters if unicodedata.name(c, "").startswith("CYRILLIC")]
    return len(cyrillic) / len(letters) if letters else 1.0


def _cells(descriptor: Path) -> list[tuple[str, int, str, str, str, str]]:
    """(resource, line, column, language, English, translation) of every translated cell."""
    out = []
    for name, column, base, lang in _translations(descriptor):
        for i, row in enumerate(_rows(descriptor, name)):
            out.append((name, i + 2, column, lang, row[base], row[column]))
    return out


def test_the_package_has_spanish_and_russian(installed_datapackage: Path) -> None:
    langs = {lang for *_, lang in _translations(installed_datapackage)}
    assert langs == {"es", "ru"}


def test_every_text_is_translated(installed_datapackage: Path) -> None:
    missing = [f"{name}.csv:{line}: {column}" for name, line, column, _, english, text
               in _cells(installed_datapackage) if english and not text.strip()]
    assert missing == [], f"{len(missing)} cells to translate, the first: {missing[:5]}"


def test_no_translation_is_the_english_again(installed_datapackage: Path) -> None:
    kinds = {r["actor_id"]: r["kind"] for r in _rows(installed_datapackage, "actors")}
    names_as_english = {r["name"] for r in _rows(installed_datapackage, "actors")
                        if kinds[r["actor_id"]] in ("media", "company")}
    # a state's name, in a language of Latin letters (Guatemala in Spanish)
    states = {r["name"] for r in _rows(installed_datapackage, "actors")
              if kinds[r["actor_id"]] == "state"}
    same = [f"{name}.csv:{line}: {column}" for name, line, column, lang, english, text
            in _cells(installed_datapackage)
            if text and text == english and not (name == "actors" and text in names_as_english)
            and not (name == "actors" and lang == "es" and text in states)]
    assert same == []


def test_russian_is_written_in_cyrillic(installed_datapackage: Path) -> None:
    latin = [f"{name}.csv:{line}: {column}" for name, line, column, lang, _, text
             in _cells(installed_datapackage)
             if lang == "ru" and text and _cyrillic_share(text) < 0.5]
    assert latin == []


def test_every_number_of_the_english_is_in_the_translation(
        installed_datapackage: Path) -> None:
    lost = []
    for name, line, column, _, english, text in _cells(installed_datapackage):
        if not text:
            continue  # said by test_every_text_is_translated
        gone = numbers(english) - numbers(text)
        if gone:
            lost.append(f"{name}.csv:{line}: {column}: {', '.join(sorted(gone))}")
    assert lost == []


@pytest.mark.parametrize(("english", "translation"), [
    ("5,000 tests in 2020", "5.000 pruebas en 2020"),
    ("5,000 tests in 2020", "5 000 тестов в 2020 году"),
    ("1.5 million", "1,5 millones"),
    ("No. 035", "n.º 35"),
    ("1,000,000", "1.000.000"),
])
def test_numbers_agree_across_conventions(english: str, translation: str) -> None:
    assert numbers(english) == numbers(translation)


def test_a_lost_number_is_seen() -> None:
    assert numbers("68 ships in 2025") - numbers("buques en 2025") == Counter({"68": 1})
