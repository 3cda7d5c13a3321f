"""Layer 2 rules about actors, qualified dates and official records.

The actors resource gives every actor a kind and a parent; a schema can hold the
shapes of its codes (Wikidata QIDs, ISO 3166 codes) with patterns, but not that a
state has ISO codes equal to its id, that an event's ``country`` is a state, that the
``parent`` tree has no cycles, or which sources are the official record of an event's
actors (for the ``confirmed`` status, see ``evidence``). Those are here, on whole
columns: codes come from the shared key dictionaries (``Keys``), so a million events
cost numpy work.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pyarrow.compute as pc

from .columns import isin, mask
from .files import Table, show
from .keys import Keys, position
from .report import Report
from .schema_checks import present_mask

if TYPE_CHECKING:
    from .declared import Tables

STATE = "state"
ORGANISATION = "international organisation"
QUALIFIERS = r"[?~%]"
# Kinds of actor whose own records are official records (not a company's or a group's page)
PUBLIC_BODIES = ("state", "historical state", "government body", "legislature", ORGANISATION)


def check_actor_codes(actors: Table, report: Report) -> None:
    """A state has both ISO 3166 codes and its alpha-3 code is its ``actor_id``;
    no other kind has ISO codes."""
    state = isin(actors.columns["kind"], [STATE])
    for name in ("iso3166_alpha3", "iso3166_numeric"):
        has = present_mask(actors, name)
        report.add_rows(
            "actor-iso",
            actors.file,
            name,
            state & ~has,
            actors.line,
            lambda i, name=name: (
                f"{actors.value('actor_id', i)} is a state but has no {name} "
                "(every state has its ISO 3166 codes)"
            ),
        )
        report.add_rows(
            "actor-iso",
            actors.file,
            name,
            ~state & has,
            actors.line,
            lambda i, name=name: (
                f"{show(actors.value(name, i))}: only a state has ISO 3166 codes, and "
                f"{actors.value('actor_id', i)} is a "
                f"{actors.value('kind', i) or 'actor of no kind'}"
            ),
        )
    alpha = actors.columns["iso3166_alpha3"]
    differs = state & present_mask(actors, "iso3166_alpha3") & mask(
        pc.not_equal(alpha, actors.columns["actor_id"])
    )
    report.add_rows(
        "actor-iso",
        actors.file,
        "iso3166_alpha3",
        differs,
        actors.line,
        lambda i: (
            f"{actors.value('iso3166_alpha3', i)} is not the state's actor_id "
            f"{actors.value('actor_id', i)} (a state's id is its alpha-3 code)"
        ),
    )


def parents(actors: Table, keys: Keys) -> np.ndarray:
    """Row of each actor's parent (-1 for none or an unknown one)."""
    codes, size = keys.codes(actors.name, "parent")
    ids, _ = keys.codes(actors.name, "actor_id")
    return np.where(present_mask(actors, "parent"), position(codes, ids, size), -1)


def _cycles(nxt: np.ndarray) -> np.ndarray:
    """Rows that lie on a cycle of ``nxt`` (pointer doubling: log n numpy steps)."""
    n = len(nxt)
    jump, steps = nxt.copy(), 1
    while steps < n:
        jump = np.where(jump >= 0, jump[np.maximum(jump, 0)], -1)
        steps *= 2
    on_cycle = np.zeros(n, dtype=bool)
    on_cycle[np.unique(jump[jump >= 0])] = True
    return on_cycle


def check_actor_tree(tables: Tables, report: Report) -> None:
    """Following ``parent`` from any actor ends: the actors form a tree."""
    actors = tables["actors"]
    nxt = parents(actors, tables.key_codes)
    if len(nxt) == 0:
        return
    report.add_rows(
        "actor-parent-cycle",
        actors.file,
        "parent",
        _cycles(nxt),
        actors.line,
        lambda i: f"{actors.value('actor_id', i)}: following parent goes round in a cycle",
    )


def _rows_of(keys: Keys, table: Table, name: str, target: Table) -> np.ndarray:
    """Row of ``target`` (by its ``actor_id``) named in each row's ``name`` (-1 if none);
    the rule declares the link of the two columns."""
    codes, size = keys.codes(table.name, name)
    ids, _ = keys.codes(target.name, "actor_id")
    return np.where(present_mask(table, name), position(codes, ids, size), -1)


def check_country(tables: Tables, report: Report) -> None:
    """An event's ``country`` is a state (unknown ids are foreign-key findings)."""
    events, actors = tables["events"], tables["actors"]
    row = _rows_of(tables.key_codes, events, "country", actors)
    state = isin(actors.columns["kind"], [STATE])
    bad = row >= 0
    bad[bad] = ~state[row[bad]]
    report.add_rows(
        "country-not-state",
        events.file,
        "country",
        bad,
        events.line,
        lambda i: (
            f"{events.value('country', i)} is a "
            f"{actors.value('kind', int(row[i])) or 'actor of no kind'}, not a state "
            "(country names where the event took place, by a state's ISO code)"
        ),
    )


def check_qualified_dates(events: Table, report: Report) -> None:
    """A date with ``?``, ``~`` or ``%`` says in ``notes`` why it is uncertain or approximate."""
    qualified = present_mask(events, "date") & mask(
        pc.match_substring_regex(events.columns["date"], QUALIFIERS)
    )
    report.add_rows(
        "date-qualifier-notes",
        events.file,
        "notes",
        qualified & ~present_mask(events, "notes"),
        events.line,
        lambda i: (
            f"empty, but date {events.value('date', i)} is qualified: notes must say why "
            "it is uncertain (?) or approximate (~)"
        ),
    )


def _related_pairs(nxt: np.ndarray) -> np.ndarray:
    """Codes ``a * n + b`` of every pair of actor rows where one is ``b`` itself or an
    ancestor of the other (both orders), for a membership test per citation."""
    n = len(nxt)
    pairs = [np.arange(n) * n + np.arange(n)]
    node, ancestor = np.arange(n), nxt.copy()
    for _ in range(n):  # at most the depth of the tree (cycles are reported elsewhere)
        live = ancestor >= 0
        if not live.any():
            break
        node, ancestor = node[live], ancestor[live]
        pairs += [node * n + ancestor, ancestor * n + node]
        ancestor = nxt[ancestor]
    return np.unique(np.concatenate(pairs))


def official_records(
    events: Table, sources: Table, actors: Table, keys: Keys, ev: np.ndarray, so: np.ndarray,
) -> np.ndarray:
    """Per citation (the row of its event ``ev`` and of its source ``so``, -1 for none),
    whether the source is an official record of the event: its ``issuer`` is a public
    body (a state, a government body, a legislature or an international organisation)
    and is actor1 or actor2, an ancestor or descendant of either, or an international
    organisation recording its own proceedings. The caller's rule declares
    ``sources.issuer``, ``events.actor1``/``actor2`` and ``actors.kind``/``parent``, and
    their links to ``actors.actor_id``."""
    nxt = parents(actors, keys)
    n_act = actors.nrows
    known = (so >= 0) & (ev >= 0)
    issuer = np.full(len(so), -1, dtype=np.int64)
    issuer[known] = _rows_of(keys, sources, "issuer", actors)[so[known]]
    public = isin(actors.columns["kind"], PUBLIC_BODIES)
    organisation = isin(actors.columns["kind"], [ORGANISATION])
    has = issuer >= 0
    has[has] = public[issuer[has]]
    ok = np.zeros(len(so), dtype=bool)
    ok[has] = organisation[issuer[has]]
    related = _related_pairs(nxt)
    for name in ("actor1", "actor2"):
        actor = np.full(len(so), -1, dtype=np.int64)
        actor[known] = _rows_of(keys, events, name, actors)[ev[known]]
        both = has & (actor >= 0)
        ok[both] |= np.isin(issuer[both] * n_act + actor[both], related)
    return ok
