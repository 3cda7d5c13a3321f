"""Actor codes, held to a maintained list (pycountry, offline), and the loader for them."""

from __future__ import annotations

import re

import pandas as pd
import pycountry
import pytest

import russia_panama_timeline as rpt


@pytest.fixture(scope="module")
def actors() -> pd.DataFrame:
    return rpt.load_actors()


def _iso_entry(alpha3: str):
    """The ISO 3166-1 country, or the ISO 3166-3 former country, with this alpha-3 code."""
    return pycountry.countries.get(alpha_3=alpha3) or pycountry.historic_countries.get(
        alpha_3=alpha3
    )


def test_every_state_has_its_iso_codes(actors: pd.DataFrame) -> None:
    states = actors[actors["kind"] == "state"]
    assert len(states) > 0
    wrong = []
    for row in states.itertuples():
        entry = _iso_entry(str(row.iso3166_alpha3))
        if entry is None or entry.numeric != row.iso3166_numeric or row.actor_id != entry.alpha_3:
            wrong.append((row.actor_id, row.iso3166_alpha3, row.iso3166_numeric))
    assert wrong == []


def test_the_pycountry_comparison_can_fail() -> None:
    assert _iso_entry("PAN").numeric == "591"
    assert _iso_entry("SUN").numeric == "810"  # ISO 3166-3: the USSR
    assert _iso_entry("RUE") is None  # the Russian Empire predates ISO 3166


def test_only_states_have_iso_codes(actors: pd.DataFrame) -> None:
    others = actors[actors["kind"] != "state"]
    assert others["iso3166_alpha3"].isna().all()
    assert others["iso3166_numeric"].isna().all()


def test_wikidata_items_are_qids_or_explained(actors: pd.DataFrame) -> None:
    qid = actors["wikidata"].dropna()
    assert all(re.fullmatch(r"Q[1-9][0-9]*", q) for q in qid)
    assert qid.is_unique
    unexplained = actors[actors["wikidata"].isna() & actors["notes"].isna()]["actor_id"]
    assert unexplained.tolist() == []  # an empty item says why in notes


def test_events_name_known_actors_and_states_as_countries(actors: pd.DataFrame) -> None:
    events = rpt.load_events()
    kinds = dict(zip(actors["actor_id"], actors["kind"], strict=True))
    for field in ("actor1", "actor2", "country"):
        assert set(events[field].dropna()) <= set(kinds), field
    assert {kinds[c] for c in events["country"].dropna()} <= {"state"}


def test_parents_are_actors(actors: pd.DataFrame) -> None:
    assert set(actors["parent"].dropna()) <= set(actors["actor_id"])
    assert actors["parent"].notna().any()


def test_load_actors_types_kind_from_the_schema(actors: pd.DataFrame) -> None:
    assert isinstance(actors["kind"].dtype, pd.CategoricalDtype)
    assert actors["iso3166_numeric"].dtype == pd.StringDtype()  # leading zeros kept
