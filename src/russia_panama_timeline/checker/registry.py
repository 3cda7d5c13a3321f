"""Every rule the checker runs on the data: the one list, as data (like ``codes.py``).

A rule declares what it needs, and the checker gives it exactly that:

- ``codes``: the finding codes it may emit (``Report.add`` refuses any other while it
  runs);
- ``reads``: the columns it reads, as ``resource.field``; or, for a rule of the Table
  Schema itself, a function of the package's schemas (``schema_reads``) saying which;
- ``links``: the foreign keys it follows (``resource.field`` to ``resource.field``),
  which the schema must declare, so that key codes compare;
- ``cross_table``: False, it runs on each table as soon as the file is read (and
  receives that table); True, it runs once every file is read, with the tables it
  reads and the shared key codes (``Keys``);
- ``after``: the cross-table rules whose findings it reads from the report (the
  repeated key values ``unique`` finds). The rules of one stage run side by side,
  each with a report of its own, merged in the order below; a rule starts once those
  it runs after are merged, and reading what it did not declare raises
  ``UndeclaredRead``. What every rule may read: the findings of the files' reading
  and of each table's own rules (cells that spoil a key, rows that were lost).

The checker keeps, after each file's own rules, only the columns the cross-table rules
declare, and hands every rule tables (and key codes) that expose only the columns it
declares: reading another raises ``UndeclaredColumn``, so a rule cannot depend on a
column the registry does not know of. A package that has a resource a rule reads
but lacks one of its columns, resources or links gets an ``unsupported`` finding
naming the rule (which does not run); a package with none of the rule's resources is
another dataset, and the rule does not apply to it (``Report.not_applicable``).

To add a rule: write its function in a module of its own under ``checker/``
(``check(table, report)`` for a rule of one table, ``check(tables, report)`` for a
cross-table rule: ``tables`` maps resource names to tables and has ``.key_codes``), declare
any new code in ``codes.py``, add one ``Rule`` below, and a fault for each code in
``tests/_faults.py``. docs/checking.md says the same for contributors.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field

from ..tableschema import Schema
from . import (
    actor_checks,
    evidence,
    notes_words,
    schema_checks,
    semantic_checks,
    translation_checks,
)
from .codes import CODES

Node = tuple[str, str]  # (resource, field)
# The rule that finds the repeated key values (``Report.repeated``), which the rules
# that follow keys read (``Report.untrusted_rows``): they declare ``after=(KEYS_RULE,)``.
KEYS_RULE = "unique"
Schemas = Mapping[str, Schema]


@dataclass(frozen=True)
class Rule:
    """One rule of the checker and everything it needs (see the module's docstring)."""

    name: str
    codes: tuple[str, ...]
    check: Callable[..., None]
    reads: tuple[str, ...] = ()  # "resource.field"
    links: tuple[tuple[str, str], ...] = ()  # ("resource.field", "resource.field")
    cross_table: bool = False
    after: tuple[str, ...] = ()
    # A rule of the Table Schema: the columns it reads, per resource, from the schemas.
    schema_reads: Callable[[Schemas], Mapping[str, frozenset[str]]] | None = field(
        default=None, compare=False)

    def columns(self, schemas: Schemas) -> dict[str, frozenset[str]]:
        """The columns this rule reads, per resource of the package."""
        if self.schema_reads is not None:
            return {name: frozenset(cols) for name, cols in self.schema_reads(schemas).items()
                    if name in schemas}
        out: dict[str, set[str]] = {}
        for res, col in map(_node, self.reads):
            out.setdefault(res, set()).add(col)
        return {res: frozenset(cols) for res, cols in out.items()}

    @property
    def reads_text(self) -> str:
        """What the rule reads, in words (Markdown), for docs/checking.md."""
        if self.schema_reads is not None:
            return (self.schema_reads.__doc__ or "").strip().rstrip(".")
        return ", ".join(f"`{r}`" for r in self.reads)

    @property
    def resources(self) -> set[str]:
        """The resources a dataset rule reads (empty for a rule of the Table Schema)."""
        return {_node(r)[0] for r in self.reads}

    def applies(self, schemas: Schemas) -> bool:
        """A rule of the Table Schema applies to every package; a dataset rule to one
        that has any of the resources it reads."""
        return self.schema_reads is not None or bool(self.resources & schemas.keys())

    def lacking(self, schemas: Schemas) -> Iterator[tuple[str, str]]:
        """(where, what is missing) for everything this rule needs that the package
        does not declare: a resource, a field, a foreign key."""
        if self.schema_reads is not None:
            return
        for res in sorted(self.resources - schemas.keys()):
            yield res, f"the package has no resource {res!r}"
        for res, col in map(_node, self.reads):
            if res in schemas and not schemas[res].has(col):
                yield f"{res}.{col}", f"the resource {res!r} has no field {col!r}"
        for a, b in self.links:
            src, dst = _node(a), _node(b)
            if not all(r in schemas and schemas[r].has(c) for r, c in (src, dst)):
                continue  # the missing resource or field is said above
            declared = {pair for fk in schemas[src[0]].foreign_keys if fk.usable
                        for pair in fk.pairs()}
            if (src, dst) not in declared:
                yield a, f"no foreignKey of {src[0]!r} says that {a} refers to {b}"


def _node(text: str) -> Node:
    res, _, col = text.partition(".")
    return res, col


# --- the rules of the Table Schema: their columns come from the schema -------------------


def _every_field(schemas: Schemas) -> dict[str, frozenset[str]]:
    """Every field, of each resource."""
    return {name: frozenset(s.names) for name, s in schemas.items()}


def _uri_fields(schemas: Schemas) -> dict[str, frozenset[str]]:
    """Every field of format `uri`, of each resource."""
    return {name: frozenset(f.name for f in s.fields if f.is_uri) for name, s in schemas.items()}


def _order_fields(schemas: Schemas) -> dict[str, frozenset[str]]:
    """The `orderBy` fields, of each resource."""
    return {name: frozenset(s.order_by) for name, s in schemas.items()}


def _unique_fields(schemas: Schemas) -> dict[str, frozenset[str]]:
    """Every `unique` field, of each resource."""
    return {name: frozenset(f.name for f in s.fields if f.unique) for name, s in schemas.items()}


def _primary_key_fields(schemas: Schemas) -> dict[str, frozenset[str]]:
    """The `primaryKey` fields, of each resource."""
    return {name: frozenset(s.primary_key) for name, s in schemas.items()}


def _foreign_key_fields(schemas: Schemas) -> dict[str, frozenset[str]]:
    """Both ends of every `foreignKeys` entry, of each resource."""
    out: dict[str, set[str]] = {name: set() for name in schemas}
    for s in schemas.values():
        for fk in s.foreign_keys:
            if not fk.usable:
                continue
            out[s.name].update(fk.fields)
            if fk.target in out:
                out[fk.target].update(fk.reference)
    return {name: frozenset(cols) for name, cols in out.items()}


def _translation_fields(schemas: Schemas) -> dict[str, frozenset[str]]:
    """Every field that translates another (its `translation` property), the field it
    translates, and `kind` where the resource has one."""
    out = {}
    for name, s in schemas.items():
        cols = {col for fields in s.translations.values() for pair in fields.items()
                for col in pair}
        if cols and s.has(translation_checks.KIND):
            cols.add(translation_checks.KIND)
        out[name] = frozenset(cols)
    return out


def _notes_fields(schemas: Schemas) -> dict[str, frozenset[str]]:
    """The `notes` field, of each resource that has one."""
    return {name: frozenset({"notes"}) for name, s in schemas.items() if s.has("notes")}


_FIELD_CODES = ("required", "type", "enum", "pattern", "min-length", "max-length",
                "minimum", "maximum")

# In the order they run (each table's own rules as its file is read, then the
# cross-table ones): the order findings of one line are listed in.
RULES: tuple[Rule, ...] = (
    # Each table's own rules ------------------------------------------------------------
    Rule("fields", _FIELD_CODES, schema_checks.check_fields, schema_reads=_every_field),
    Rule("text", ("text-control", "text-trim", "text-nfc", "formula"),
         semantic_checks.check_text, schema_reads=_every_field),
    Rule("url", ("url",), semantic_checks.check_urls, schema_reads=_uri_fields),
    Rule("language", ("language",), semantic_checks.check_language,
         reads=("sources.language",)),
    Rule("coordinates", ("coordinates",), semantic_checks.check_coordinates,
         reads=("events.latitude", "events.longitude")),
    Rule("order", ("order",), semantic_checks.check_order, schema_reads=_order_fields),
    Rule("event-dates", ("edtf-parse", "edtf-bounds", "edtf-precision"),
         semantic_checks.check_event_dates,
         reads=("events.date", "events.date_start", "events.date_end", "events.date_precision")),
    Rule("date-qualifier-notes", ("date-qualifier-notes",), actor_checks.check_qualified_dates,
         reads=("events.date", "events.notes")),
    Rule("actor-iso", ("actor-iso",), actor_checks.check_actor_codes,
         reads=("actors.actor_id", "actors.kind", "actors.iso3166_alpha3",
                "actors.iso3166_numeric")),
    Rule("published", ("edtf-parse",), semantic_checks.check_published,
         reads=("sources.published",)),
    Rule("translation", ("translation-missing", "translation-same", "translation-script",
                         "translation-numbers"),
         translation_checks.check_translations, schema_reads=_translation_fields),
    Rule("date-stated", ("edtf-parse",), evidence.check_date_stated,
         reads=("event_sources.date_stated",)),
    Rule("notes-working-words", ("notes-working-words",), notes_words.check_working_words,
         schema_reads=_notes_fields),
    # Cross-table rules -------------------------------------------------------------------
    Rule("unique", ("unique",), schema_checks.check_unique, cross_table=True,
         schema_reads=_unique_fields),
    Rule("primary-key", ("primary-key",), schema_checks.check_primary_key, cross_table=True,
         schema_reads=_primary_key_fields),
    Rule("foreign-key", ("foreign-key",), schema_checks.check_foreign_keys, cross_table=True,
         schema_reads=_foreign_key_fields),
    Rule("actor-parent-cycle", ("actor-parent-cycle",), actor_checks.check_actor_tree,
         cross_table=True,
         reads=("actors.actor_id", "actors.parent"),
         links=(("actors.parent", "actors.actor_id"),)),
    Rule("country-not-state", ("country-not-state",), actor_checks.check_country,
         cross_table=True,
         reads=("events.country", "actors.actor_id", "actors.kind"),
         links=(("events.country", "actors.actor_id"),)),
    Rule("evidence-dates",
         ("date-beyond-sources", "date-wider-than-sources", "date-sources-disagree",
          "citation-outside-date", "date-unsourced"),
         evidence.check_evidence_dates, cross_table=True, after=("unique",),
         reads=("events.event_id", "events.date", "events.notes", "event_sources.event_id",
                "event_sources.role", "event_sources.date_stated"),
         links=(("event_sources.event_id", "events.event_id"),)),
    Rule("status-confirmed", ("status-confirmed",), evidence.check_status,
         cross_table=True, after=("unique",),
         reads=("events.event_id", "events.date", "events.notes", "events.status",
                "events.actor1", "events.actor2", "sources.source_id", "sources.publisher",
                "sources.original_publisher", "sources.issuer", "event_sources.event_id",
                "event_sources.source_id", "event_sources.role", "event_sources.date_stated",
                "event_sources.origin", "actors.actor_id", "actors.kind", "actors.parent"),
         links=(("event_sources.event_id", "events.event_id"),
                ("event_sources.source_id", "sources.source_id"),
                ("sources.issuer", "actors.actor_id"),
                ("actors.parent", "actors.actor_id"),
                ("events.actor1", "actors.actor_id"),
                ("events.actor2", "actors.actor_id"))),
    Rule("cited-in-cycle", ("cited-in-cycle",), semantic_checks.check_cited_in,
         cross_table=True,
         reads=("sources.source_id", "sources.cited_in"),
         links=(("sources.cited_in", "sources.source_id"),)),
    Rule("uncited-event", ("uncited-event",), semantic_checks.check_uncited_events,
         cross_table=True,
         reads=("events.event_id", "event_sources.event_id"),
         links=(("event_sources.event_id", "events.event_id"),)),
    Rule("unused-source", ("unused-source",), semantic_checks.check_unused_sources,
         cross_table=True,
         reads=("sources.source_id", "sources.cited_in", "event_sources.source_id"),
         links=(("event_sources.source_id", "sources.source_id"),
                ("sources.cited_in", "sources.source_id"))),
    Rule("source-date", ("source-date",), semantic_checks.check_source_dates,
         cross_table=True, after=("unique",),
         reads=("events.event_id", "events.date_start", "sources.source_id",
                "sources.published", "event_sources.event_id", "event_sources.source_id",
                "event_sources.role"),
         links=(("event_sources.event_id", "events.event_id"),
                ("event_sources.source_id", "sources.source_id"))),
)


def _check_registry(rules: tuple[Rule, ...]) -> None:
    """Refuse a registry with two rules of one name, a code ``codes.py`` lacks, or an
    ``after`` that names no earlier rule or is set on a table's own rule."""
    names = [r.name for r in rules]
    if len(set(names)) != len(names):
        raise ValueError("checker/registry.py: two rules share a name")
    earlier: set[str] = set()
    for rule in rules:
        if rule.after and not rule.cross_table:
            raise ValueError(f"checker/registry.py: rule {rule.name!r} is not cross-table "
                             "and cannot run after another")
        for name in rule.after:
            if name not in earlier:
                raise ValueError(f"checker/registry.py: rule {rule.name!r} runs after "
                                 f"{name!r}, which is not an earlier rule")
        earlier.add(rule.name)
        for code in rule.codes:
            if code not in CODES:
                raise ValueError(f"checker/registry.py: rule {rule.name!r} emits {code!r}, "
                                 "which codes.py does not declare")


_check_registry(RULES)


def edtf_columns(resource: str) -> frozenset[str]:
    """The columns of ``resource`` that the rules parsing EDTF dates (those that report
    ``edtf-parse``) read: a value there that breaks its pattern is told in words."""
    return frozenset(col for rule in RULES if "edtf-parse" in rule.codes
                     for res, col in map(_node, rule.reads) if res == resource)
