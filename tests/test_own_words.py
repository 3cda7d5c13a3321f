"""Our own words: no title, summary or notes shares a run of 8 words with the article.

The article the package starts from is kept, for copyright reasons, outside the
repository, in ``../shared/source/`` beside the repository's root (CI provides it).
Words are compared case-insensitively, as runs of letters and digits, so punctuation
and line breaks do not hide a copied passage. Source titles are bibliographic data and
are not compared (a cited title is quoted by design).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import russia_panama_timeline as rpt

REPO = Path(__file__).resolve().parents[1]
SOURCE_DIR = REPO.parent / "shared" / "source"
RUN = 8
# Free-text fields written in the project's own words, per resource.
OWN_WORDS = {
    "events": ("title", "summary", "notes"),
    "sources": ("notes",),
    "event_sources": ("notes",),
    "actors": ("notes",),
}
_WORD = re.compile(r"\w+", re.UNICODE)


def words(text: str) -> list[str]:
    return [w.casefold() for w in _WORD.findall(text)]


def runs(text: str, n: int = RUN) -> set[tuple[str, ...]]:
    """Every run of ``n`` consecutive words of ``text``."""
    w = words(text)
    return {tuple(w[i : i + n]) for i in range(len(w) - n + 1)}


def shared_runs(cells: dict[str, str], article: set[tuple[str, ...]]) -> list[str]:
    """``where: run`` for every cell sharing a run with the article."""
    out = []
    for where, text in cells.items():
        for run in sorted(runs(text) & article):
            out.append(f"{where}: {' '.join(run)}")
    return out


def _article_runs() -> set[tuple[str, ...]]:
    if not SOURCE_DIR.is_dir():
        pytest.skip(f"{SOURCE_DIR} is absent: the article is not distributed with the repository")
    texts = sorted(SOURCE_DIR.glob("*.txt"))
    assert texts, f"{SOURCE_DIR} holds no .txt copy of the article"
    found: set[tuple[str, ...]] = set()
    for path in texts:
        found |= runs(path.read_text(encoding="utf-8"))
    return found


def _cells() -> dict[str, str]:
    loaders = {
        "events": rpt.load_events,
        "sources": rpt.load_sources,
        "event_sources": rpt.load_event_sources,
        "actors": rpt.load_actors,
    }
    cells = {}
    for name, fields in OWN_WORDS.items():
        frame = loaders[name]()
        for i, row in enumerate(frame.to_dict("records")):
            for field in fields:
                value = row[field]
                if isinstance(value, str) and value:
                    cells[f"{name} row {i + 1} {field}"] = value
    return cells


def test_no_run_of_eight_words_from_the_article() -> None:
    article = _article_runs()
    assert shared_runs(_cells(), article) == []


def test_the_comparison_finds_a_copied_passage() -> None:
    # The check can fail: eight words lifted from the article, inside other words and
    # with different case and punctuation, are found.
    article = _article_runs()
    text = (SOURCE_DIR / sorted(p.name for p in SOURCE_DIR.glob("*.txt"))[0]).read_text(
        encoding="utf-8"
    )
    lifted = " ".join(words(text)[200:208]).upper()
    cell = {"events row 1 summary": f"As we said, {lifted}; and so on."}
    assert len(shared_runs(cell, article)) == 1
    # ... and seven words are not a run.
    short = " ".join(words(text)[200:207])
    assert shared_runs({"x": short}, article) == []


def test_runs_are_counted_on_words_not_characters() -> None:
    assert runs("One, two; three four five six seven eight!") == {
        ("one", "two", "three", "four", "five", "six", "seven", "eight")
    }
    assert runs("one two three four five six seven") == set()


def test_no_bare_web_address_in_event_text() -> None:
    # Sources carry the addresses; an address typed into a title, summary or note would
    # be turned into a link with an inline handler by TimelineJS, which the site's
    # content security policy blocks (and it is no citation).
    events = rpt.load_events()
    found = [
        (row["event_id"], field)
        for row in events.to_dict("records")
        for field in OWN_WORDS["events"]
        if isinstance(row[field], str) and re.search(r"https?://", row[field])
    ]
    assert found == []
