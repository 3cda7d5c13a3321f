"""Citation metadata derived from ``datapackage.json``, and the files and strings made from it.

People cite the dataset from CITATION.cff (GitHub's "Cite this repository"), from
.zenodo.json (Zenodo reads it in preference to CITATION.cff), from schema.org JSON-LD
(dataset search engines) and from ``russia-panama-timeline cite``. All of them are
rendered here from one :class:`Citation` read from the descriptor, so the title,
version, authors, license, keywords and abstract cannot disagree between them; the
committed files are regenerated with ``scripts/gen_citation.py`` (see
``generate/citation.py``) and a test fails when one has drifted.

Only the standard library is used: CITATION.cff is written as YAML text with every
scalar double-quoted (JSON string syntax, which YAML reads identically), so the
runtime package needs no YAML library.
"""

from __future__ import annotations

import csv
import html
import json
import os
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from .descriptor import DescriptorError, read_descriptor, resolve, resource, resource_path

PathLike = str | os.PathLike[str] | None

GENERATOR = "scripts/gen_citation.py"
"""The one command that rewrites every generated citation file."""

CFF_PATH = "CITATION.cff"
ZENODO_PATH = ".zenodo.json"
JSONLD_PATH = "docs/dataset.jsonld"

CODE_LICENSE = "MIT"
"""The code's license, stated beside the data's wherever the data license is given."""

# Contributor roles (Data Package v2 ``contributors[].roles``) that make an author.
_AUTHOR_ROLES = frozenset({"creator", "author"})

# sources.csv ``source_type`` -> CFF reference type; anything else is "generic".
_CFF_REFERENCE_TYPE = {
    "analysis": "article",
    "journal": "article",
    "news": "newspaper-article",
    "interview": "newspaper-article",
    "official": "government-document",
    "website": "website",
    "reference": "generic",
}

_ISO_DAY = re.compile(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?")


@dataclass(frozen=True)
class Agent:
    """A person (given and family names known) or an organisation credited by name."""

    name: str
    given: str | None = None
    family: str | None = None

    @property
    def is_person(self) -> bool:
        return bool(self.family)


@dataclass(frozen=True)
class Article:
    """A document the dataset is based on: one entry of the descriptor's ``sources``."""

    label: str
    """The descriptor's one-line reference, used where no structured field is known."""
    title: str
    url: str | None
    authors: tuple[Agent, ...]
    journal: str | None
    publisher: str | None
    published: str | None
    """EDTF/ISO date (day, month or year) as the source gives it."""
    source_type: str | None


@dataclass(frozen=True)
class Citation:
    """Everything a citation needs, read from the descriptor (and sources.csv for the article)."""

    name: str
    title: str
    version: str
    date_released: str | None
    abstract: str
    keywords: tuple[str, ...]
    license: str | None
    """SPDX identifier of the data license."""
    license_url: str | None
    authors: tuple[Agent, ...]
    identifier: str | None
    homepage: str | None
    articles: tuple[Article, ...]

    @property
    def year(self) -> str | None:
        return self.date_released[:4] if self.date_released else None


# --- reading ------------------------------------------------------------------------


def read_citation(datapackage: PathLike = None) -> Citation:
    """Build the :class:`Citation` for a descriptor (default: the installed one)."""
    path = resolve(datapackage)
    desc = read_descriptor(path)
    for key in ("title", "version"):
        if not isinstance(desc.get(key), str) or not desc[key].strip():
            raise DescriptorError(f"{path}: the descriptor has no {key!r} to cite")
    licenses = [lic for lic in desc.get("licenses") or [] if isinstance(lic, dict)]
    first_license = licenses[0] if licenses else {}
    return Citation(
        name=str(desc.get("name") or ""),
        title=desc["title"],
        version=desc["version"],
        date_released=_release_date(desc.get("created"), path),
        abstract=str(desc.get("description") or ""),
        keywords=tuple(str(k) for k in desc.get("keywords") or []),
        license=first_license.get("name"),
        license_url=first_license.get("path"),
        authors=_authors(desc.get("contributors") or [], path),
        identifier=desc.get("id"),
        homepage=desc.get("homepage"),
        articles=tuple(_article(src, desc, path) for src in desc.get("sources") or []
                       if isinstance(src, dict) and src.get("title")),
    )


def _release_date(created: Any, path: Path) -> str | None:
    """The release date is the descriptor's ``created`` day: one field, no second copy."""
    if created is None:
        return None
    try:
        return date.fromisoformat(str(created)[:10]).isoformat()
    except ValueError:
        raise DescriptorError(f"{path}: 'created' is not an ISO date-time: {created!r}") from None


def _authors(contributors: list[Any], path: Path) -> tuple[Agent, ...]:
    """Contributors with a creator/author role, or all of them when none has such a role."""
    people = [c for c in contributors if isinstance(c, dict)]
    credited = [c for c in people if _AUTHOR_ROLES & set(c.get("roles") or [])] or people
    agents = []
    for c in credited:
        given, family = c.get("givenName"), c.get("familyName")
        name = c.get("title") or " ".join(p for p in (given, family) if p)
        if name:
            agents.append(Agent(name=name, given=given, family=family))
    if not agents:
        raise DescriptorError(f"{path}: the descriptor names no contributors to credit as authors")
    return tuple(agents)


def _person(name: str) -> Agent:
    """Split "Given Family" at the last space; a single word is kept as a name."""
    name = " ".join(name.split())
    given, _, family = name.rpartition(" ")
    return Agent(name=name, given=given, family=family) if given else Agent(name=name)


def _source_row(desc: dict[str, Any], path: Path, url: str | None) -> dict[str, str] | None:
    """The row of sources.csv whose ``url`` is the article's, for its structured fields."""
    if not url:
        return None
    try:
        res = resource(desc, "sources")
    except DescriptorError:
        return None
    from .tableschema import Schema

    schema = Schema(res)
    dialect = schema.dialect
    csv_path = resource_path(path, res)
    try:
        with open(csv_path, encoding="utf-8", newline="") as fh:
            reader = csv.DictReader(fh, fieldnames=None if dialect.header else schema.names,
                                    **dialect.python_csv())
            for row in reader:
                if (row.get("url") or "").strip() == url:
                    return row
    except (OSError, UnicodeDecodeError) as exc:
        raise DescriptorError(f"{csv_path}: cannot read: {exc}") from None
    return None


def _article(src: dict[str, Any], desc: dict[str, Any], path: Path) -> Article:
    """One descriptor source, filled in from its sources.csv row where there is one.

    The descriptor's source ``title`` is a whole reference in one line
    (``Author, "Title", Series, Publisher, YYYY-MM-DD``); sources.csv has the author,
    title, publisher and date as fields but no series, so the series (the journal) is
    what is left of that line once the known fields are taken out.
    """
    label = " ".join(str(src["title"]).split())
    url = src.get("path") if isinstance(src.get("path"), str) else None
    row = _source_row(desc, path, url) or {}
    parsed = _parse_reference(label)
    authors_text = (row.get("author") or "").strip() or parsed.get("authors", "")
    publisher = (row.get("publisher") or "").strip() or None
    published = (row.get("published") or "").strip() or parsed.get("date")
    rest = [p for p in parsed.get("rest", []) if p != publisher]
    if publisher is None and rest:
        publisher = rest.pop()
    return Article(
        label=label,
        title=(row.get("title") or "").strip() or parsed.get("title") or label,
        url=url,
        authors=tuple(_person(a) for a in authors_text.split(";") if a.strip()),
        journal=", ".join(rest) or None,
        publisher=publisher,
        published=published,
        source_type=(row.get("source_type") or "").strip() or None,
    )


def _parse_reference(label: str) -> dict[str, Any]:
    """Split ``Author, "Title", part, part, date`` into its pieces (empty if it has no quotes)."""
    match = re.fullmatch(r'(?P<authors>[^"]*?),?\s*"(?P<title>[^"]+)",?\s*(?P<rest>.*)', label)
    if not match:
        return {}
    parts = [p.strip() for p in match["rest"].split(",") if p.strip()]
    dates = [p for p in parts if _ISO_DAY.fullmatch(p)]
    return {
        "authors": match["authors"].strip(),
        "title": match["title"].strip(),
        "date": dates[-1] if dates else None,
        "rest": [p for p in parts if p not in dates],
    }


# --- CITATION.cff -------------------------------------------------------------------


def _q(value: str) -> str:
    """A YAML double-quoted scalar: JSON string syntax, with YAML's extra line breaks escaped."""
    text = json.dumps(value, ensure_ascii=False)
    for ch in ("\u0085", "\u2028", "\u2029", "\ufeff"):
        text = text.replace(ch, f"\\u{ord(ch):04x}")
    return text


def _cff_agent(agent: Agent, indent: str) -> list[str]:
    if agent.is_person:
        lines = [f'{indent}- family-names: {_q(agent.family or "")}']
        if agent.given:
            lines.append(f"{indent}  given-names: {_q(agent.given)}")
        return lines
    return [f"{indent}- name: {_q(agent.name)}"]


def _cff_reference(article: Article) -> list[str]:
    kind = _CFF_REFERENCE_TYPE.get(article.source_type or "", "article")
    lines = [f"  - type: {_q(kind)}", "    authors:"]
    authors = article.authors or (Agent(name=article.publisher or "anonymous"),)
    for agent in authors:
        lines += _cff_agent(agent, "      ")
    lines.append(f"    title: {_q(article.title)}")
    if article.journal:
        lines.append(f"    journal: {_q(article.journal)}")
    if article.publisher:
        lines += ["    publisher:", f"      name: {_q(article.publisher)}"]
    if article.published:
        if len(article.published) == 10 and _ISO_DAY.fullmatch(article.published):
            lines.append(f"    date-published: {_q(article.published)}")
        lines.append(f"    year: {int(article.published[:4])}")
        if len(article.published) >= 7:
            lines.append(f"    month: {int(article.published[5:7])}")
    if article.url:
        lines.append(f"    url: {_q(article.url)}")
    return lines


def render_cff(cit: Citation) -> str:
    """CITATION.cff (CFF 1.2.0, ``type: dataset``) as text, in a fixed key order."""
    lines = [
        f"# Generated from datapackage.json by {GENERATOR}: edit the descriptor and re-run it.",
        'cff-version: "1.2.0"',
        'type: "dataset"',
        f"message: {_q(_cff_message(cit))}",
        f"title: {_q(cit.title)}",
        f"version: {_q(cit.version)}",
    ]
    if cit.date_released:
        lines.append(f"date-released: {_q(cit.date_released)}")
    lines.append("authors:")
    for agent in cit.authors:
        lines += _cff_agent(agent, "  ")
    if cit.license:
        lines.append(f"license: {_q(cit.license)}")
    if cit.homepage:
        lines.append(f"url: {_q(cit.homepage)}")
    if cit.identifier:
        lines += [
            "identifiers:",
            '  - type: "other"',
            f"    value: {_q(cit.identifier)}",
            '    description: "The data package\'s id in datapackage.json"',
        ]
    if cit.keywords:
        lines.append("keywords:")
        lines += [f"  - {_q(k)}" for k in cit.keywords]
    lines.append(f"abstract: {_q(cit.abstract)}")
    if cit.articles:
        lines.append("references:")
        for article in cit.articles:
            lines += _cff_reference(article)
    return "\n".join(lines) + "\n"


def _cff_message(cit: Citation) -> str:
    message = "If you use this dataset, please cite it as below."
    if cit.license:
        message += (
            f" The data are licensed {cit.license}; "
            f"the code that checks and builds them is licensed {CODE_LICENSE}."
        )
    return message


# --- .zenodo.json -------------------------------------------------------------------


def _markdown_to_html(text: str) -> str:
    """The descriptor's description (plain paragraphs, *emphasis*, `code`) as Zenodo HTML."""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    out = []
    for para in paragraphs:
        esc = html.escape(" ".join(para.split()), quote=False)
        esc = re.sub(r"`([^`]+)`", r"<code>\1</code>", esc)
        esc = re.sub(r"(?<![\w*])\*([^*\s][^*]*?)\*(?![\w*])", r"<em>\1</em>", esc)
        out.append(f"<p>{esc}</p>")
    return "\n".join(out)


def _zenodo_name(agent: Agent) -> str:
    return f"{agent.family}, {agent.given}" if agent.is_person and agent.given else agent.name


def zenodo_metadata(cit: Citation) -> dict[str, Any]:
    """The .zenodo.json deposit metadata, agreeing field for field with CITATION.cff."""
    meta: dict[str, Any] = {
        "upload_type": "dataset",
        "title": cit.title,
        "version": cit.version,
    }
    if cit.date_released:
        meta["publication_date"] = cit.date_released
    meta["creators"] = [{"name": _zenodo_name(a)} for a in cit.authors]
    meta["description"] = _markdown_to_html(cit.abstract)
    meta["access_right"] = "open"
    if cit.license:
        meta["license"] = cit.license  # an SPDX id, as the deposit schema requires
    meta["keywords"] = list(cit.keywords)
    related = [
        {
            "identifier": a.url,
            "relation": "isDerivedFrom",
            "resource_type": "publication-article",
            "scheme": "url",
        }
        for a in cit.articles if a.url
    ]
    if related:
        meta["related_identifiers"] = related
    if cit.articles:
        meta["references"] = [article_text(a) for a in cit.articles]
    if cit.license:
        meta["notes"] = (
            f"The data (datapackage.json and data/) are licensed {cit.license}; "
            f"the code that checks and builds them is licensed {CODE_LICENSE}."
        )
    return meta


def render_zenodo(cit: Citation) -> str:
    return json.dumps(zenodo_metadata(cit), ensure_ascii=False, indent=2) + "\n"


# --- plain text and BibTeX ----------------------------------------------------------


def _names(agents: tuple[Agent, ...]) -> str:
    names = [a.name for a in agents]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " & " + names[-1]


def article_text(article: Article) -> str:
    """One article as a reference line: authors (date). "Title". Journal. Publisher. URL"""
    parts = []
    head = _names(article.authors) if article.authors else ""
    if article.published:
        head = f"{head} ({article.published})".strip()
    if head:
        parts.append(head + ".")
    parts.append(f"\u201c{article.title}\u201d.")
    parts += [f"{p}." for p in (article.journal, article.publisher) if p]
    if article.url:
        parts.append(article.url)
    return " ".join(parts)


def render_text(cit: Citation) -> str:
    """The plain-text citation, APA-like, then the article the data are based on."""
    year = cit.year or "n.d."
    lic = f" License: {cit.license}." if cit.license else ""
    where = f" {cit.homepage}" if cit.homepage else ""
    lines = [
        f"{_names(cit.authors)} ({year}). {cit.title} (Version {cit.version}) [Data set].{lic}"
        f"{where}"
    ]
    lines += [f"Based on: {article_text(a)}" for a in cit.articles]
    return "\n".join(lines) + "\n"


_BIBTEX_SPECIALS = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "&": r"\&", "%": r"\%",
                    "$": r"\$", "#": r"\#", "_": r"\_", "~": r"\textasciitilde{}",
                    "^": r"\textasciicircum{}", "\u2013": "--", "\u2014": "---",
                    "\u201c": "``", "\u201d": "''", "\u2018": "`", "\u2019": "'",
                    "\u00a0": "~"}


def bibtex_escape(text: str) -> str:
    """Escape LaTeX specials; dashes and typographic quotes become their ASCII TeX forms
    (-- ---, `` '') so that plain 8-bit BibTeX prints them."""
    return "".join(_BIBTEX_SPECIALS.get(ch, ch) for ch in text)


def bibtex_key(cit: Citation) -> str:
    return re.sub(r"[^A-Za-z0-9_.:-]+", "-", f"{cit.name or 'dataset'}-{cit.version}")


def _bib_authors(cit: Citation) -> str:
    return " and ".join(
        f"{bibtex_escape(a.family or '')}, {bibtex_escape(a.given or '')}" if a.is_person
        else "{" + bibtex_escape(a.name) + "}"
        for a in cit.authors
    )


def _bib_entry(kind: str, cit: Citation, fields: list[tuple[str, str]]) -> str:
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@{kind}{{{bibtex_key(cit)},\n{body}\n}}\n"


def _bib_head(cit: Citation, dated: tuple[str, str | None],
              about: tuple[str, str]) -> list[tuple[str, str]]:
    """The fields both entry forms open with: author, title, the date in the form's own
    field (``year`` or ``date``), version, what the entry is, and the address."""
    fields: list[tuple[str, str]] = [
        ("author", _bib_authors(cit)),
        ("title", "{" + bibtex_escape(cit.title) + "}"),
    ]
    if dated[1]:
        fields.append((dated[0], dated[1]))
    fields.append(("version", bibtex_escape(cit.version)))
    fields.append(about)
    if cit.homepage:
        fields.append(("url", cit.homepage))
    return fields


def render_bibtex(cit: Citation) -> str:
    """A BibTeX ``@misc`` entry (understood by BibTeX and biblatex alike) with the version."""
    fields = _bib_head(cit, ("year", cit.year),
                       ("howpublished", "Data set (Frictionless Data Package)"))
    note = f"Version {cit.version}"
    if cit.license:
        note += f"; data licensed {cit.license}"
    if cit.articles:
        note += "; based on " + "; ".join(article_text(a) for a in cit.articles)
    fields.append(("note", bibtex_escape(note)))
    if cit.keywords:
        fields.append(("keywords", bibtex_escape(", ".join(cit.keywords))))
    return _bib_entry("misc", cit, fields)


def render_biblatex(cit: Citation) -> str:
    """A BibLaTeX ``@dataset`` entry: the entry type biblatex has for data sets, with
    ``date``, ``version`` and the licence; the article the data are based on goes in
    ``addendum``."""
    fields = _bib_head(cit, ("date", cit.date_released), ("type", "Frictionless Data Package"))
    if cit.license:
        fields.append(("note", bibtex_escape(f"Data licensed {cit.license}")))
    if cit.articles:
        fields.append(("addendum", bibtex_escape(
            "Based on " + "; ".join(article_text(a) for a in cit.articles))))
    if cit.keywords:
        fields.append(("keywords", bibtex_escape(", ".join(cit.keywords))))
    return _bib_entry("dataset", cit, fields)

