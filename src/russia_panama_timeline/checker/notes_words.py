"""Layer 2: ``notes`` are written for the dataset's readers, not about how it was made.

A note such as "Source row defined by helper r3" or "reported under lead decision 3
(r2 had confirmed)" tells a reader nothing about the evidence and points at documents
the reader cannot see. The words below are how such working notes are written; each
is matched as whole words, and each is narrow enough that ordinary prose about the
events passes (a presidential *candidate*, a *batch* of vaccines, *the merger* of two
agencies, an *audit of the* canal's accounts, the *lead* of an article, an EU
*decision*). The list is documented in docs/checking.md; the tests hold both sides.

Every ``notes`` column of every resource is searched with one RE2 expression over the
whole column (Arrow); Python's ``re`` only names the word in the few findings shown.
"""

from __future__ import annotations

import re

import pyarrow.compute as pc

from .columns import mask, rows_where
from .files import Table, show
from .report import Report
from .schema_checks import present_mask

# (pattern, what it catches) -- RE2 and Python agree on this syntax; ``\b`` is ASCII in
# RE2, hence re.ASCII below. Case is ignored except for r1..r9 (so "R2" passes).
WORKING_WORDS: tuple[tuple[str, str], ...] = (
    (r"\b(?i:helpers?)\b", "helper, helpers"),
    (r"\b(?i:lead decisions?)\b", "lead decision"),
    (r"\b(?i:the merger (?:may|might|can|could|should|will|would|must))\b",
     "the merger may (can, should, will...)"),
    (r"\b(?i:merged by (?:the )?(?:lead|merger|helpers?|hand))\b", "merged by the lead"),
    (r"\b(?i:(?:re-?)?audits?)\b", "audit, re-audit (but not an audit of the/a/its...)"),
    (r"\br[1-9]\b", "r1 to r9 as a word (lower case)"),
    (r"\b(?i:to-?do)\b", "to-do, todo, TODO"),
    (r"\b(?i:reviewers?)\b", "reviewer"),
    (r"\b(?i:review)\s*[:;]|\((?i:review)\b", "Review: ..., (review ...)"),
    (r"\b(?i:batch(?:es)?[ -]?[0-9]+)\b", "batch 2, batch-3 (not a batch of ...)"),
    (r"\b(?i:candidates? (?:rows?|events?|sources?|citations?|dates?|files?))\b",
     "candidate row (event, source...)"),
)
# An audit the note is about (a comptroller's audit of the accounts) is prose.
EXEMPT = r"\b(?i:(?:re-?)?audits? (?:of|by) (?:the|a|an|its|their))\b"

HITS = "|".join(f"(?:{pattern})" for pattern, _ in WORKING_WORDS)
_PY_HITS = re.compile(HITS, re.ASCII)
_PY_EXEMPT = re.compile(EXEMPT, re.ASCII)


def working_word(text: str) -> str | None:
    """The first working word in ``text`` (None if there is none): the rule on one
    value, for messages and tests; ``check_working_words`` applies it to columns."""
    exempt = {m.start() for m in _PY_EXEMPT.finditer(text)}
    for m in _PY_HITS.finditer(text):
        if m.start() not in exempt:
            return m.group(0)
    return None


def check_working_words(table: Table, report: Report) -> None:
    """No ``notes`` cell speaks of how the data was made."""
    if "notes" not in table.columns or table.nrows == 0:
        return
    col = table.columns["notes"]
    # A search (RE2's DFA) finds the few notes with a hit; only those are counted.
    bad = present_mask(table, "notes") & mask(pc.match_substring_regex(col, HITS))
    if bad.any():
        sub = rows_where(col, bad)
        hits = pc.fill_null(pc.count_substring_regex(sub, HITS), 0).to_numpy()
        exempt = pc.fill_null(pc.count_substring_regex(sub, EXEMPT), 0).to_numpy()
        bad[bad] = hits > exempt
    report.add_rows(
        "notes-working-words",
        table.file,
        "notes",
        bad,
        table.line,
        lambda i: (
            f"{show(table.value('notes', i))} speaks of how the data was made "
            f"({working_word(table.value('notes', i))!r}): notes are for readers; say what "
            "the evidence is and what is uncertain"
        ),
    )
