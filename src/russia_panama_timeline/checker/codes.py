"""Every finding code the checker can emit: the one list, as data.

A code is a promise to users (scripts filter on it), so it is declared once here,
with its layer (1: what the descriptor and Table Schema say; 2: what a schema cannot
say), what it means, and whether ``fmt`` repairs it. The table of codes in docs/checking.md is
generated from this list (``russia_panama_timeline.generate``), ``Report.add`` refuses
a code that is not in it, and the tests require every code to be produced by a case
of the fault corpus.

To add a check: add its ``Code`` below (in the order docs/checking.md should list it),
write the rule that emits it and register it in ``registry.py`` (which says what the
rule reads), and add a fault to ``tests/_faults.py``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Code:
    """One finding code and what it means (``meaning`` is Markdown, one sentence or two)."""

    code: str
    layer: int
    meaning: str
    fmt_fixes: bool = False


_ALL = (
    # Layer 1: the descriptor, the files, the Table Schema ----------------------------
    Code(
        "descriptor",
        1,
        "`datapackage.json` is not valid Data Package v2 (its `$schema` or a resource's, "
        "the profile, a `pattern` that is not a regular expression, an `orderBy` naming "
        "unknown fields). The data is not checked until this is fixed.",
    ),
    Code(
        "profile",
        1,
        "`datapackage.json` breaks the official Data Package 2.0 JSON Schema (shipped in "
        "the package, so the check stays offline): the finding names the JSON path, e.g. "
        "`contributors[0].roles` written as a string. `frictionless validate` does not "
        "apply this schema. The data is not checked until this is fixed.",
    ),
    Code("vocabulary", 1, "an `enum` value has no `categories` label documenting it."),
    Code(
        "unsupported",
        1,
        "the descriptor uses a Table Schema feature the package's readers do not implement "
        "(a field type such as `geopoint`, a constraint such as `exclusiveMinimum`, a CSV "
        "dialect property such as `commentChar`, an encoding other than UTF-8); the loaders "
        "and `build` refuse it too, and the data is not checked until this is fixed. Or a "
        "rule of the checker needs a resource, field or foreign key the package does not "
        "declare: the finding names the rules that therefore do not run.",
    ),
    Code(
        "bytes",
        1,
        "the file's size differs from the `bytes` pinned in the descriptor.",
        fmt_fixes=True,
    ),
    Code(
        "hash",
        1,
        "the file's SHA-256 differs from the `hash` pinned in the descriptor.",
        fmt_fixes=True,
    ),
    Code(
        "encoding",
        1,
        "the file starts with a byte-order mark (`fmt` removes it), or a byte is not "
        "UTF-8 (its line and offset are given; fix it by hand, then run `fmt`).",
    ),
    Code(
        "line-endings",
        1,
        "this line ends differently (LF, CRLF, CR) from the file's other lines.",
        fmt_fixes=True,
    ),
    Code(
        "header",
        1,
        "the header row is not the schema's field names in order (missing, unexpected, "
        "repeated or reordered names).",
    ),
    Code("blank-row", 1, "an empty line where a record was expected.", fmt_fixes=True),
    Code("ragged-row", 1, "a row with more or fewer cells than the header."),
    Code(
        "csv-syntax",
        1,
        "a quoted cell opened on this line is never closed, so the rest of the file "
        "cannot be read as rows.",
    ),
    Code("required", 1, "an empty cell in a required field (or a primary-key field)."),
    Code(
        "type",
        1,
        "the value is not of the field's type: a real calendar day `YYYY-MM-DD` for "
        "`date`, a decimal number for `number`, ...",
    ),
    Code(
        "enum",
        1,
        "the value is not in the field's vocabulary (event types, roles, kinds of actor, "
        "...).",
    ),
    Code(
        "pattern",
        1,
        "the value does not match the field's `pattern` (ids, EDTF shape, locators, "
        "Wikidata QIDs `Q[1-9][0-9]*`, ISO 3166 alpha-3 and numeric shapes).",
    ),
    Code("min-length", 1, "the value is shorter than allowed (in characters)."),
    Code("max-length", 1, "the value is longer than allowed (in characters)."),
    Code("minimum", 1, "a value below its field's `minimum` (latitude, longitude)."),
    Code("maximum", 1, "a value above its field's `maximum` (latitude, longitude)."),
    Code("unique", 1, "the value repeats an earlier row's (the message names that row's line)."),
    Code(
        "primary-key",
        1,
        "the row's primary key (composite keys included) repeats an earlier row's.",
    ),
    Code(
        "foreign-key",
        1,
        "the value is not a key of the table it refers to (as the resource's "
        "`foreignKeys` say).",
    ),
    # Layer 2: what a schema cannot say ----------------------------------------------
    Code(
        "edtf-parse",
        2,
        "`date` (or a source's `published`, or a citation's `date_stated`) is not a valid "
        "EDTF date: not EDTF at all, a "
        "day not on the calendar (`2021-02-29`), an interval that ends before it starts "
        "or is open at both ends, a set `[A..B]` whose B is not after A or whose ends "
        "differ in precision.",
    ),
    Code(
        "edtf-bounds",
        2,
        "`date_start`/`date_end` are not the strict lower/upper bounds of `date` (empty "
        "for an open end).",
        fmt_fixes=True,
    ),
    Code(
        "edtf-precision",
        2,
        "`date_precision` does not agree with `date` (`day`, `month`, `year`; `bounded` "
        "for one unknown day `[A..B]`, `[..B]` or `[A..]`; `period` for an interval or "
        "open end).",
        fmt_fixes=True,
    ),
    Code(
        "date-qualifier-notes",
        2,
        "`date` carries `?`, `~` or `%` but `notes` is empty: say why the date is "
        "uncertain or approximate.",
    ),
    Code(
        "date-beyond-sources",
        2,
        "the event's `date` is narrower than the intersection of the `date_stated` of its "
        "`primary` and `corroborating` citations: the row claims more than any source "
        "states (widen the date, or cite a source that states the narrower one).",
    ),
    Code(
        "date-wider-than-sources",
        2,
        "the event's `date` is wider than the intersection of the `date_stated` of its "
        "`primary` and `corroborating` citations: the message gives the bounds the sources "
        "state and the date they allow.",
    ),
    Code(
        "date-sources-disagree",
        2,
        "the `primary` and `corroborating` citations of the event state dates with no day "
        "in common: at most one can be right; make the others `contradicting`.",
    ),
    Code(
        "citation-outside-date",
        2,
        "a `primary` or `corroborating` citation states a date (`date_stated`) that does "
        "not overlap the event's `date`: make it `contradicting`, and say in the event's "
        "`notes` what it states.",
    ),
    Code(
        "date-unsourced",
        2,
        "no `primary` or `corroborating` citation of the event states a date, and its "
        "`notes` do not say where the date comes from (they must speak of the date: "
        "*date*, *dates*, *dated* or *dating*).",
    ),
    Code(
        "status-confirmed",
        2,
        "the event is `confirmed`, but does not earn it: it needs two `primary` or "
        "`corroborating` citations of distinct origin (`origin`, else the source's "
        "`original_publisher`, else `publisher`; case and spacing ignored) whose "
        "`date_stated` lies within the event's bounds, or one such citation of an official "
        "record (`issuer`, a public body) of `actor1`/`actor2`, their ancestors or "
        "descendants in the actors tree, or an international organisation. Checked once "
        "the date agrees with its sources.",
    ),
    Code(
        "notes-working-words",
        2,
        "a `notes` cell speaks of how the data was made (a helper, a lead decision, an "
        "audit, r1 to r9, a to-do, a reviewer, a batch or a candidate row) rather than of "
        "the evidence: notes are for readers. The words are listed below.",
    ),
    Code(
        "actor-iso",
        2,
        "a `state` lacks an ISO 3166 alpha-3 or numeric code, its alpha-3 code is not its "
        "`actor_id`, or an actor that is not a state has ISO codes.",
    ),
    Code("actor-parent-cycle", 2, "following `parent` from this actor comes back to it."),
    Code("country-not-state", 2, "an event's `country` is an actor that is not a `state`."),
    Code(
        "source-date",
        2,
        "a `primary` or `corroborating` source was published (its `published`, upper "
        "bound) before the event could have started (`date_start`). Skipped when either "
        "is empty.",
    ),
    Code("cited-in-cycle", 2, "following `cited_in` from this source comes back to it."),
    Code("uncited-event", 2, "the event has no row in `event_sources`."),
    Code(
        "unused-source",
        2,
        "the source is cited by no event and is no other source's `cited_in`.",
    ),
    Code("url", 2, "not an absolute `http(s)` URL with a host."),
    Code("language", 2, "not an ISO 639-1 code (the 184 codes ship with the package)."),
    Code("coordinates", 2, "only one of `latitude` and `longitude` is given."),
    Code("text-nfc", 2, "the text is not in Unicode normal form C.", fmt_fixes=True),
    Code("text-trim", 2, "the cell starts or ends with white space.", fmt_fixes=True),
    Code("text-control", 2, "the cell holds a control character (a tab, a line break, ...)."),
    Code(
        "formula",
        2,
        "the cell begins with `=`, `+`, `-` or `@` and is not a number: a spreadsheet "
        "would run it as a formula.",
    ),
    Code(
        "translation-missing",
        2,
        "a field that translates another (its `translation` property, as `title_es` "
        "translates `title`) is empty where the English has a text.",
    ),
    Code(
        "translation-same",
        2,
        "the translation is the English text again (allowed only for a name of an actor "
        "whose `kind` is `media` or `company`, which many languages write as English "
        "does, or, in a language written in Latin letters, `state`: Guatemala in Spanish).",
    ),
    Code(
        "translation-script",
        2,
        "fewer than half the letters of the translation are in its language's script "
        "(Russian in Cyrillic, Spanish in Latin letters), or a word mixes Latin and "
        "Cyrillic letters (a look-alike letter typed in the wrong alphabet).",
    ),
    Code(
        "translation-numbers",
        2,
        "a number of the English text is not in the translation (compared as digits: "
        "`5,000`, `5.000` and `5 000` agree, and so do `1.5` and `1,5`).",
    ),
    Code(
        "generated",
        2,
        "in a clone of the repository, a committed file generated from the data (the "
        "data dictionary and finding codes in `docs/`, `CITATION.cff`, `.zenodo.json`, "
        "`docs/dataset.jsonld`, `docs/timeline.svg`, the version `docs/site.png` shows) "
        "no longer matches it: the finding names the script that regenerates it. Checked "
        "once the data is valid.",
    ),
    Code(
        "order",
        2,
        "the row is out of the canonical order given by the resource's `orderBy` (empty "
        "values first, numbers by value); the message names the row it should follow.",
        fmt_fixes=True,
    ),
)

CODES: dict[str, Code] = {c.code: c for c in _ALL}


class UnknownCode(LookupError):
    """A check tried to emit a code that is not declared above: a bug in the checker,
    never a property of the data (so it is not a finding and not a DataError)."""


def known(code: str) -> str:
    """``code`` itself if it is declared; UnknownCode otherwise."""
    if code not in CODES:
        raise UnknownCode(
            f"finding code {code!r} is not declared in russia_panama_timeline/checker/codes.py"
        )
    return code
