"""The record in Spanish and Russian: the schema, the loaders, the checker's translation
rule, dates in each language, the interface strings, the command line and the exports.

Most tests work on a copy of the package whose translation cells are filled with
pseudo-translations (``_pseudo``: marked or transliterated, never shipped) where the
shipped ones are empty, so they test the code whatever the state of the translations;
expectations are read from that copy's CSV files with the csv module. What the shipped
translations must satisfy is ``test_languages_data.py``.
"""

from __future__ import annotations

import csv
import json
import re
import urllib.parse
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from _corrupt import edit
from _pseudo import fill, pseudo

from russia_panama_timeline.checker import check_package
from russia_panama_timeline.cli import main
from russia_panama_timeline.edtf_words import date_words
from russia_panama_timeline.errors import DataError, LanguageError
from russia_panama_timeline.load import languages, load_actors, load_events

LANGS = ("es", "ru")


@pytest.fixture
def translated(package_copy: Path) -> Path:
    """The package copy with every translation cell filled (pseudo where empty)."""
    return fill(package_copy)


def _rows(descriptor: Path, table: str) -> list[dict[str, str]]:
    with open(descriptor.parent / "data" / f"{table}.csv", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _findings(descriptor: Path) -> list[tuple[str, int | None, str | None]]:
    return [(f.code, f.line, f.field) for f in check_package(descriptor).findings]


# --- the schema ---------------------------------------------------------------------------


def test_schema_declares_each_translation_beside_the_english(installed_datapackage: Path) -> None:
    descriptor = json.loads(installed_datapackage.read_text(encoding="utf-8"))
    by_name = {r["name"]: r for r in descriptor["resources"]}
    expected = {
        "events": {("title_es", "title", "es"), ("summary_es", "summary", "es"),
                   ("title_ru", "title", "ru"), ("summary_ru", "summary", "ru")},
        "actors": {("name_es", "name", "es"), ("name_ru", "name", "ru")},
    }
    for name, pairs in expected.items():
        fields = by_name[name]["schema"]["fields"]
        declared = {(f["name"], f["translation"]["of"], f["translation"]["language"])
                    for f in fields if "translation" in f}
        assert declared == pairs
        for column, _, _ in pairs:
            field = next(f for f in fields if f["name"] == column)
            assert "reference" in field["description"] and field["type"] == "string"
        english = {f["name"]: f for f in fields}
        for base in {b for _, b, _ in pairs}:
            assert "reference" in english[base]["description"]  # English is the reference
    for res in descriptor["resources"]:  # notes stay in English: never translated
        assert not [f for f in res["schema"]["fields"]
                    if f.get("translation", {}).get("of") == "notes"]
    assert languages(installed_datapackage) == ("en", "es", "ru")


# --- the loaders -----------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_load_events_in_a_language(translated: Path, lang: str) -> None:
    english = load_events(translated)
    other = load_events(translated, lang=lang)
    assert list(other.columns) == list(english.columns)
    assert (other.dtypes == english.dtypes).all()
    assert len(other) == len(english)
    rows = _rows(translated, "events")
    assert list(other["title"]) == [r[f"title_{lang}"] for r in rows]
    assert list(other["summary"]) == [r[f"summary_{lang}"] for r in rows]
    assert list(english["title"]) == [r["title"] for r in rows]
    for column in english.columns:  # everything else is the English table's
        if column not in ("title", "summary"):
            pd.testing.assert_series_equal(other[column], english[column])
    assert not {c for c in english.columns if c.endswith(("_es", "_ru"))}


@pytest.mark.parametrize("lang", LANGS)
def test_load_actors_in_a_language(translated: Path, lang: str) -> None:
    english, other = load_actors(translated), load_actors(translated, lang=lang)
    assert list(other.columns) == list(english.columns)
    assert (other.dtypes == english.dtypes).all()
    assert list(other["name"]) == [r[f"name_{lang}"] for r in _rows(translated, "actors")]


def test_english_is_the_default(translated: Path) -> None:
    pd.testing.assert_frame_equal(load_events(translated), load_events(translated, lang="en"))


@pytest.mark.parametrize("lang", ["fr", "EN", "", "es-ES"])
def test_unknown_language_is_a_clear_error(translated: Path, lang: str) -> None:
    with pytest.raises(LanguageError, match=r"the package's languages are en, es, ru"):
        load_events(translated, lang=lang)
    with pytest.raises(LanguageError):
        load_actors(translated, lang=lang)


def test_missing_translation_is_a_data_error_naming_file_line_and_field(
        translated: Path) -> None:
    line = edit(translated, "events", lambda r: True, lambda r: r.__setitem__("title_ru", ""))
    with pytest.raises(DataError, match=rf"data/events.csv:{line}: title_ru: no Russian text"):
        load_events(translated, lang="ru")
    load_events(translated, lang="es")  # the other languages are whole
    load_events(translated)


# --- the checker's translation rule --------------------------------------------------------


def test_a_fully_translated_package_is_valid(translated: Path) -> None:
    assert _findings(translated) == []


def test_every_empty_translation_is_a_finding(package_copy: Path) -> None:
    fill(package_copy)
    line = edit(package_copy, "actors", lambda r: True, lambda r: r.update(name_es="", name_ru=""))
    assert _findings(package_copy) == [("translation-missing", line, "name_es"),
                                       ("translation-missing", line, "name_ru")]


@pytest.mark.parametrize(("english", "translation", "found"), [
    ("5,000 tests in 2020", "5.000 pruebas en 2020", False),
    ("5,000 tests in 2020", "5 000 тестов в 2020 году", False),
    ("5,000 tests in 2020", "5\u00a0000 тестов в 2020 году", False),
    ("1.5 million in 2024", "1,5 millones en 2024", False),
    ("Decree No. 035 of 2024", "Decreto n.º 35 de 2024", False),
    ("68 ships, 68 more", "68 buques", True),  # a number twice in English, once here
    ("votes 100–11 with 58 abstentions", "votos 100 a 11 con abstenciones", True),
    ("1,000,000 dollars", "1.000.000 de dólares", False),
    ("in 2025–2026", "en 2025-2026", False),
])
def test_numbers_of_the_english_must_be_in_the_translation(
        translated: Path, english: str, translation: str, found: bool) -> None:
    lang = "ru" if re.search(r"[\u0400-\u04ff]", translation) else "es"
    texts = {"summary_es": pseudo(english, "es"), "summary_ru": pseudo(english, "ru"),
             f"summary_{lang}": translation}
    line = edit(translated, "events", lambda r: True,
                lambda r: r.update(summary=english, **texts))
    expected = [("translation-numbers", line, f"summary_{lang}")] if found else []
    assert _findings(translated) == expected


def test_a_name_the_language_writes_as_english_does_is_allowed_for_media(
        translated: Path) -> None:
    rows = _rows(translated, "actors")
    assert any(r["kind"] == "media" for r in rows)
    edit(translated, "actors", lambda r: r["kind"] == "media",
         lambda r: r.__setitem__("name_es", r["name"]))
    assert _findings(translated) == []


def test_text_hygiene_applies_to_every_language(translated: Path) -> None:
    line = edit(translated, "events", lambda r: True,
                lambda r: r.__setitem__("title_es", r["title_es"] + " "))
    assert _findings(translated) == [("text-trim", line, "title_es")]


def test_spanish_in_cyrillic_letters_is_a_finding(translated: Path) -> None:
    line = edit(translated, "events", lambda r: True,
                lambda r: r.__setitem__("title_es", r["title_ru"]))
    assert _findings(translated) == [("translation-script", line, "title_es")]


# --- dates in each language (CLDR through Babel) -------------------------------------------


@pytest.mark.parametrize(("edtf", "es", "ru"), [
    ("1948-06-17", "17 de junio de 1948", "17 июня 1948 г."),
    ("2025-04", "abril de 2025", "апрель 2025 г."),
    ("2014", "2014", "2014"),
    ("2025-04~", "c. abril de 2025", "ок. апреля 2025 г."),
    ("2024-11-06?", "6 de noviembre de 2024 (?)", "6 ноября 2024 г. (?)"),
    ("2024-09-25/2024-09-29", "25–29 de septiembre de 2024", "25—29 сентября 2024 г."),
    ("2024-09-25/2024-10-03", "25 de septiembre\u2009–\u20093 de octubre de 2024",
     "25 сентября — 3 октября 2024 г."),
    ("2025-04/2025-06", "abril–junio de 2025", "апрель\u00a0— июнь 2025 г."),
    ("1988/1991", "1988–1991", "1988—1991"),
    ("../2022-02-23", "antes del 24 de febrero de 2022", "до 24 февраля 2022 г."),
    ("../2022-02", "antes de marzo de 2022", "до марта 2022 г."),
    ("2014-03/..", "desde marzo de 2014", "с марта 2014 г."),
    ("2022-02-24/..", "desde el 24 de febrero de 2022", "с 24 февраля 2022 г."),
    ("[1988-11-01..1988-11-03]", "entre el 1 y el 3 de noviembre de 1988",
     "между 1 и 3 ноября 1988 г."),
    ("[1988-10-28..1988-11-03]", "entre el 28 de octubre y el 3 de noviembre de 1988",
     "между 28 октября и 3 ноября 1988 г."),
])
def test_dates_in_spanish_and_russian(edtf: str, es: str, ru: str) -> None:
    def plain(text: str) -> str:
        """The words, with the punctuation CLDR chooses and changes between its versions
        (an en or em dash between two dates, and the spaces around it) made one."""
        text = re.sub(r"\s*[–—]\s*", "–", text)
        return re.sub(r"[\u00a0\u2009\u202f]", " ", text)

    assert plain(date_words(edtf, "es")) == plain(es)
    assert plain(date_words(edtf, "ru")) == plain(ru)


def test_dates_in_english_are_unchanged() -> None:
    assert date_words("../2022-02-23", "en") == "before 24 February 2022"
    assert date_words("2024-09-25/2024-09-29") == "25–29 September 2024"


def test_dates_in_an_unknown_language_are_refused() -> None:
    with pytest.raises(ValueError, match="the languages are en, es, ru"):
        date_words("2024", "fr")


# --- the interface strings -------------------------------------------------------------------


def test_every_interface_string_is_in_every_language() -> None:
    from russia_panama_timeline import i18n

    english = i18n.STRINGS["en"]
    for lang in LANGS:
        other = i18n.STRINGS[lang]
        assert set(other) == set(english) | {"site_title", "lead"}, lang
        for key, text in english.items():
            # the same values filled in (a name may be said capitalised or not)
            ours, theirs = _slots(text), _slots(other[key])
            assert theirs - {"name", "lname"} == ours - {"name", "lname"}, (lang, key)
            assert bool(theirs & {"name", "lname"}) == bool(ours & {"name", "lname"})
            assert bool(other[key]) == bool(text) or key in ("translation_note",
                                                              "reference_note"), (lang, key)
        assert other["translation_note"] and other["reference_note"]
        assert other["language_name"] != english["language_name"]
    russian = " ".join(i18n.STRINGS["ru"].values())
    assert len(re.findall(r"[\u0400-\u04ff]", russian)) > len(re.findall(r"[A-Za-z]", russian))


def _slots(text: str) -> set[str]:
    return set(re.findall(r"\{(\w+)\}", text))


def test_the_translated_title_and_lead_follow_the_english(installed_datapackage: Path) -> None:
    """When the descriptor's title or first paragraph changes, this fails: translate the
    new text into i18n.STRINGS (site_title, lead) and update i18n.SOURCE."""
    from russia_panama_timeline import i18n

    descriptor = json.loads(installed_datapackage.read_text(encoding="utf-8"))
    first = " ".join(re.split(r"\n\s*\n", descriptor["description"].strip())[0].split())
    assert {"site_title": descriptor["title"], "lead": first} == i18n.SOURCE


def test_every_heading_and_vocabulary_is_translated(installed_datapackage: Path) -> None:
    from russia_panama_timeline import i18n

    descriptor = json.loads(installed_datapackage.read_text(encoding="utf-8"))
    for lang in LANGS:
        for res in descriptor["resources"]:
            assert res["name"] in i18n.RESOURCE_TITLES[lang]
            for field in res["schema"]["fields"]:
                if "translation" in field:
                    continue
                assert field["name"] in i18n.FIELD_TITLES[lang], (lang, field["name"])
                enum = (field.get("constraints") or {}).get("enum")
                if enum and field["name"] in i18n.VALUE_NAMES[lang]:
                    assert set(i18n.VALUE_NAMES[lang][field["name"]]) == set(enum)
        for name in ("event_type", "status", "role"):
            assert name in i18n.VALUE_NAMES[lang]


# --- the command line and the exports -------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_events_in_a_language(translated: Path, lang: str,
                              capsys: pytest.CaptureFixture[str]) -> None:
    rows = _rows(translated, "events")
    word = rows[0][f"title_{lang}"].split()[-1]
    assert main(["events", str(translated), "--lang", lang, "--format", "json"]) == 0
    found = json.loads(capsys.readouterr().out)
    by_id = {r["event_id"]: r for r in rows}
    assert all(e["title"] == by_id[e["event_id"]][f"title_{lang}"] for e in found)
    assert all(e["summary"] == by_id[e["event_id"]][f"summary_{lang}"] for e in found)
    assert main(["events", str(translated), "--lang", lang, "--search", word.upper(),
                 "--format", "json"]) == 0
    hits = {e["event_id"] for e in json.loads(capsys.readouterr().out)}
    assert rows[0]["event_id"] in hits


def test_info_counts_what_is_translated(package_copy: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    fill(package_copy)
    edit(package_copy, "events", lambda r: True, lambda r: r.__setitem__("title_ru", ""))
    assert main(["info", str(package_copy)]) == 0
    out = capsys.readouterr().out
    n_events, n_actors = len(_rows(package_copy, "events")), len(_rows(package_copy, "actors"))
    assert (f"languages: en (reference), es (events {n_events}/{n_events}, actors "
            f"{n_actors}/{n_actors}), ru (events {n_events - 1}/{n_events}, actors "
            f"{n_actors}/{n_actors})") in out


@pytest.mark.parametrize("lang", LANGS)
def test_timeline_in_a_language(translated: Path, lang: str) -> None:
    from russia_panama_timeline import i18n
    from russia_panama_timeline.timelinejs import build_timeline

    timeline = build_timeline(translated, lang)
    rows = {r["event_id"]: r for r in _rows(translated, "events")}
    assert len(timeline["events"]) == len(rows)
    for slide in timeline["events"]:
        row = rows[slide["unique_id"]]
        assert slide["text"]["headline"] == _escape(row[f"title_{lang}"])
        assert slide["display_date"] == date_words(row["date"], lang)
    assert timeline["title"]["text"]["headline"] == i18n.STRINGS[lang]["site_title"]
    assert i18n.STRINGS[lang]["based_on"] in timeline["title"]["text"]["text"]


def _escape(text: str) -> str:
    import html

    return html.escape(text, quote=False)


def test_parquet_carries_the_languages(translated: Path, tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    from russia_panama_timeline.parquet import build_parquet

    build_parquet(translated, tmp_path / "parquet")
    events = pq.read_schema(tmp_path / "parquet" / "events.parquet")
    assert json.loads(events.metadata[b"languages"]) == ["en", "es", "ru"]
    assert json.loads(events.field("title_ru").metadata[b"translation"]) == \
        {"of": "title", "language": "ru"}
    table = pq.read_table(tmp_path / "parquet" / "events.parquet")
    assert table.column("summary_es").to_pylist() == \
        [r["summary_es"] for r in _rows(translated, "events")]
    sources = pq.read_schema(tmp_path / "parquet" / "sources.parquet")
    assert b"languages" not in (sources.metadata or {})


def test_json_ld_says_the_languages_and_keeps_one_name(translated: Path) -> None:
    from russia_panama_timeline.jsonld import dataset_jsonld

    doc = dataset_jsonld(translated)
    assert doc["inLanguage"] == ["en", "es", "ru"]
    assert isinstance(doc["name"], str) and isinstance(doc["description"], str)


def test_data_dictionary_says_which_fields_have_translations() -> None:
    text = (Path(__file__).resolve().parents[1] / "docs" / "data-dictionary.md") \
        .read_text(encoding="utf-8")
    assert "- Translations (English is the reference): `title` → `title_es` (es), " \
           "`title_ru` (ru); `summary` → `summary_es` (es), `summary_ru` (ru)" in text
    assert "`name` → `name_es` (es), `name_ru` (ru)" in text
    assert "translation of `title` into `es`" in text


def _data_url(url: str) -> bytes:
    assert url.startswith("data:application/json;charset=utf-8,")
    body = url.split(",", 1)[1].split("#", 1)[0]
    return urllib.parse.unquote(body).encode("utf-8")


@pytest.fixture(scope="module")
def translated_site(tmp_path_factory: pytest.TempPathFactory,
                    installed_datapackage_path: Path) -> Path:
    """The site built once from a translated copy of the package."""
    import shutil

    from russia_panama_timeline.site import build_site

    copy = tmp_path_factory.mktemp("pkg") / "pkg"
    copy.mkdir()
    shutil.copy2(installed_datapackage_path, copy / "datapackage.json")
    shutil.copytree(installed_datapackage_path.parent / "data", copy / "data")
    out = tmp_path_factory.mktemp("site") / "site"
    build_site(fill(copy / "datapackage.json"), out)
    return out


@pytest.fixture(scope="module")
def installed_datapackage_path() -> Path:
    import russia_panama_timeline as rpt

    return Path(rpt.DATAPACKAGE)


def test_site_data_carries_timelinejs_locale_unmodified(translated_site: Path) -> None:
    """Each language's page gives TimelineJS the vendored locale file's bytes."""
    from test_site import site_data

    out = translated_site
    vendor = Path(__file__).resolve().parents[1] / "src" / "russia_panama_timeline" / "site" / \
        "vendor" / "timelinejs" / "js" / "locale"
    for lang in LANGS:
        data: Any = json.loads(re.search(
            r"^window\.SITE_DATA = (.*);$",
            (out / "assets" / f"data-{lang}.js").read_text(encoding="utf-8"), re.M)[1])
        assert data["lang"] == lang and data["root"] == "../"
        assert _data_url(data["timelineLanguage"]) == (vendor / f"{lang}.json").read_bytes()
        assert data["timelineLanguage"].endswith(f"#{lang}.json")
        assert (out / "assets" / "timelinejs" / "js" / "locale" / f"{lang}.json").read_bytes() \
            == (vendor / f"{lang}.json").read_bytes()
    assert site_data(out)["timelineLanguage"] == "en"


@pytest.mark.parametrize("lang", ("en", *LANGS))
def test_each_language_has_its_page_linking_only_to_the_site(translated_site: Path,
                                                              lang: str) -> None:
    from test_site import _Tags

    page = translated_site / ("index.html" if lang == "en" else f"{lang}/index.html")
    parser = _Tags()
    text = page.read_text(encoding="utf-8")
    parser.feed(text)
    (html_attrs,) = [a for tag, a in parser.tags if tag == "html"]
    assert html_attrs["lang"] == lang
    switch = {a.get("hreflang"): a.get("href") for tag, a in parser.tags
              if tag == "a" and "data-lang-href" in a}
    assert set(switch) == {"en", *LANGS} - {lang}
    alternates = {a["hreflang"]: a["href"] for tag, a in parser.tags
                  if tag == "link" and a.get("rel") == "alternate"}
    assert set(alternates) == {"en", *LANGS}
    for target in [*switch.values(), *alternates.values()]:
        assert (page.parent / target).resolve().is_file(), target
    local = [a.get("href") or a.get("src") or "" for tag, a in parser.tags
             if tag in ("a", "link", "script", "img")]
    for target in local:
        if target and not re.match(r"^([a-z][a-z0-9+.-]*:|#)", target):
            assert (page.parent / target.partition("#")[0]).resolve().is_file(), target
            assert (page.parent / target).resolve().is_relative_to(translated_site.resolve())
    csp = re.search(r"connect-src ([^;]+);", text)[1]
    assert csp == ("'none'" if lang == "en" else "data:")


def test_the_threaded_path_finds_what_the_plain_one_does(
        package_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A million-row table's columns are worked on two at a time; the findings (and
    # their order) must be those of the plain loop.
    from _faults import FAULTS

    from russia_panama_timeline.checker import translation_checks

    for name in ("translation_missing", "translation_same", "translation_script",
                 "translation_script_lookalike", "translation_numbers"):
        FAULTS[name](package_copy)
    plain = check_package(package_copy).findings
    assert {f.code for f in plain} >= {"translation-missing", "translation-same",
                                       "translation-script", "translation-numbers"}
    monkeypatch.setattr(translation_checks, "THREADS_FROM", 0)
    assert check_package(package_copy).findings == plain
