"""Write the static site: one folder that works from disk (``file://``) and on any host.

The folder holds the page, its script and style sheet, TimelineJS3 (vendored, see
``vendor/timelinejs/VENDOR.md``), the data the page shows as a script (browsers refuse
``fetch`` of local files), and the downloads: ``datapackage.json`` with the CSV files at
the paths it names (so the folder is itself a valid data package), the Parquet files
built by the project's Parquet builder, the figure, the citation as BibTeX and
BibLaTeX, and the JSON-LD. Nothing in it points outside the folder except the links
to the sources' own pages.

The build stages everything in a temporary folder and swaps it in only when complete
(``atomic_dir``), so a failed build leaves the previous site whole. Output is
deterministic: the same package gives the same bytes, file for file.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
from importlib import resources as importlib_resources
from pathlib import Path
from string import Template
from typing import Any
from urllib.parse import quote

from .. import markup
from ..atomic import atomic_dir
from ..descriptor import read_descriptor, resolve, resource_path
from ..errors import PackageError
from ..i18n import DEFAULT as DEFAULT_LANGUAGE
from ..i18n import resource_title

PathLike = str | os.PathLike[str] | None

MARKER = ".russia-panama-timeline-site"
"""A file every built site holds: the build replaces only a folder that has it (or an
empty or missing one), so ``--out`` pointing at the wrong folder destroys nothing."""

ASSETS = "assets"
TIMELINEJS = f"{ASSETS}/timelinejs"
PARQUET = "parquet"
FIGURE = "timeline.svg"
BIBTEX = "citation.bib"
BIBLATEX = "citation-biblatex.bib"
JSONLD = "dataset.jsonld"

# What of the vendored TimelineJS the site needs (see VENDOR.md).
VENDOR_FILES = (
    "LICENSE",
    "VENDOR.md",
    "js/timeline.js",
    "js/timeline.js.LICENSE.txt",
    "css/timeline.css",
    "css/icons/tl-icons.woff2",
    "css/icons/tl-icons.woff",
    "css/icons/tl-icons.ttf",
    "js/locale/es.json",
    "js/locale/ru.json",
)
STATIC_FILES = ("site.css", "site.js")


class SiteError(PackageError):
    """The site cannot be built where asked, or without a missing dependency (exit 2)."""


def _here() -> Any:
    return importlib_resources.files(__package__)


def _check_target(out: Path, package_root: Path) -> None:
    """Refuse to replace a folder the site command did not write, or the package itself."""
    out_abs = out.resolve()
    root = package_root.resolve()
    if out_abs == root or root.is_relative_to(out_abs):
        raise SiteError(f"{out}: refusing to build the site over the data package's own folder")
    if out.is_symlink() or (out.exists() and not out.is_dir()):
        raise SiteError(f"{out}: exists and is not a folder")
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).is_file():
        raise SiteError(
            f"{out}: the folder is not empty and was not written by the site command "
            f"(it has no {MARKER}); choose a new or empty folder"
        )


def _script_json(value: Any) -> str:
    """JSON safe inside an HTML ``<script>``: no ``<`` that could close the element."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def build_site(datapackage: PathLike, out: str | os.PathLike[str]) -> Path:
    """Check the package and write the site into ``out``; return ``out`` as a Path.

    Raises InvalidData (from the Parquet build) when the package is invalid, SiteError
    for an unusable target or a missing dependency, DescriptorError or OSError when the
    package cannot be read; in every case ``out`` is left as it was.
    """
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        raise SiteError(
            "the site's figure needs matplotlib, which is not installed; install the plot "
            "extra: pip install 'russia-panama-timeline[plot]'"
        ) from None

    from ..parquet import build_parquet

    path = resolve(datapackage)
    descriptor = read_descriptor(path)
    out = Path(out)
    _check_target(out, path.parent)
    with atomic_dir(out) as stage:
        # Parquet first: the builder runs the checker and refuses invalid data.
        build_parquet(path, stage / PARQUET, in_place=True)  # stage is private
        _copy_package(path, descriptor, stage)
        _copy_assets(stage)
        _write_generated(path, stage)
        (stage / MARKER).write_bytes(
            b"Written by `russia-panama-timeline site`; the next build replaces this folder.\n"
        )
    return out


def _copy_package(path: Path, descriptor: dict[str, Any], stage: Path) -> None:
    """The descriptor and every resource's file, byte for byte, at the same relative paths."""
    shutil.copyfile(path, stage / "datapackage.json")
    for res in descriptor["resources"]:
        target = stage / str(res["path"])
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(resource_path(path, res), target)


def _copy_assets(stage: Path) -> None:
    here = _here()
    for name in STATIC_FILES:
        target = stage / ASSETS / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(here.joinpath("static", name).read_bytes())
    vendor = here.joinpath("vendor", "timelinejs")
    for rel in VENDOR_FILES:
        target = stage / TIMELINEJS / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(vendor.joinpath(*rel.split("/")).read_bytes())


def _write_generated(path: Path, stage: Path) -> None:
    from ..citation import read_citation, render_biblatex, render_bibtex, render_text
    from ..jsonld import dataset_jsonld
    from ..plot import render as render_figure
    from ..timelinejs import build_timeline
    from .model import site_data

    cit = read_citation(path)
    jsonld = dataset_jsonld(path, parquet_dir=PARQUET)
    (stage / JSONLD).write_text(
        json.dumps(jsonld, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    bibtex, biblatex = render_bibtex(cit), render_biblatex(cit)
    (stage / BIBTEX).write_text(bibtex, encoding="utf-8")
    (stage / BIBLATEX).write_text(biblatex, encoding="utf-8")
    (stage / FIGURE).write_bytes(render_figure(path, "svg"))

    descriptor = read_descriptor(path)
    listed = _write_docs(descriptor, stage)
    page = {
        "title": cit.title,
        "abstract": cit.abstract,
        "version": cit.version,
        "jsonld": jsonld,
        "citation_text": render_text(cit),
        "bibtex": bibtex,
        "biblatex": biblatex,
        "descriptor": descriptor,
        "listed": listed,
    }
    langs = site_languages(path)
    for lang in langs:
        data = site_data(path, lang)
        data["timeline"] = build_timeline(path, lang)
        _write_page(stage, lang, langs, data, page)


def site_languages(path: Path) -> tuple[str, ...]:
    """The languages the site is written in: those the package has texts in and the
    interface has words for, English first."""
    from ..i18n import LANGUAGES
    from ..load import languages

    return tuple(lang for lang in languages(path) if lang in LANGUAGES)


def page_path(lang: str) -> str:
    """Where a language's page is, from the site's root: English at the top."""
    return "index.html" if lang == DEFAULT_LANGUAGE else f"{lang}/index.html"


def _timeline_language(lang: str) -> str:
    """TimelineJS's ``language`` option: ``en`` (built in), or the vendored locale file's
    text as a ``data:`` URL ending in ``.json``, which TimelineJS reads as it is, so a page
    opened from disk requests no file (a fragment is not part of a data URL's body)."""
    if lang == DEFAULT_LANGUAGE:
        return "en"
    text = _here().joinpath("vendor", "timelinejs", "js", "locale", f"{lang}.json") \
        .read_text(encoding="utf-8")
    return "data:application/json;charset=utf-8," + quote(text, safe="") + f"#{lang}.json"


def _language_links(lang: str, langs: tuple[str, ...], root: str) -> tuple[str, str]:
    """The switch to the other languages (its links are kept on the same view by the
    page's script, ``data-lang-href``) and the ``<link rel=alternate>`` of the head."""
    from ..i18n import strings

    if len(langs) < 2:
        return "", ""
    items, alternates = [], []
    for other in langs:
        name = html.escape(strings(other)["language_name"])
        href = root + page_path(other)
        if other == lang:
            items.append(f'<span lang="{other}" aria-current="page">{name}</span>')
        else:
            items.append(f'<a href="{href}" data-lang-href="{href}" hreflang="{other}" '
                         f'lang="{other}">{name}</a>')
        alternates.append(f'<link rel="alternate" hreflang="{other}" href="{href}">\n')
    label = html.escape(strings(lang)["languages_label"])
    nav = f'  <nav class="languages" aria-label="{label}">{" ".join(items)}</nav>\n'
    return nav, "".join(alternates)


def _write_page(stage: Path, lang: str, langs: tuple[str, ...], data: dict[str, Any],
                page: dict[str, Any]) -> None:
    """One language's page: ``index.html`` (the default language at the top of the site,
    any other in its own folder) and the data its script shows."""
    from ..i18n import strings, template_values
    from .docs import docs_list_html

    ui = strings(lang)
    root = "" if lang == DEFAULT_LANGUAGE else "../"
    folder = (stage / page_path(lang)).parent
    folder.mkdir(parents=True, exist_ok=True)
    data_js = f"{ASSETS}/data.js" if lang == DEFAULT_LANGUAGE else f"{ASSETS}/data-{lang}.js"
    extra = {"lang": lang, "root": root, "ui": ui, "timelineLanguage": _timeline_language(lang)}
    (stage / data_js).write_text(
        "/* The data the page shows, generated from datapackage.json. */\n"
        f"window.SITE_DATA = {_script_json({**data, **extra})};\n",
        encoding="utf-8",
    )
    licence = _license(page["descriptor"])
    footer = ui["footer"].format(  # our own string, with its markup (see i18n)
            licence=licence,
            timelinejs=f'<a href="{root}{TIMELINEJS}/VENDOR.md">TimelineJS3</a>',
            mpl=f'<a href="{root}{TIMELINEJS}/LICENSE">{html.escape(ui["mpl"])}</a>',
        )
    first = _first_paragraph(page["abstract"])
    title = page["title"]
    if lang != DEFAULT_LANGUAGE:
        first, title = ui["lead"], ui["site_title"]
    languages, alternates = _language_links(lang, langs, root)
    reference = docs_list_html(page["listed"], root, ui["reference_note"]) if page["listed"] \
        else f"      <li>{ui['reference_missing']}</li>"
    template = Template(_here().joinpath("template.html").read_text(encoding="utf-8"))
    (folder / "index.html").write_text(template.substitute(
        template_values(lang),
        lang=lang,
        root=root,
        # a data: URL carries TimelineJS's locale (see _timeline_language); nothing else
        connect="'none'" if lang == DEFAULT_LANGUAGE else "data:",
        alternates=alternates,
        languages=languages,
        title=html.escape(title),
        description=html.escape(markup.plain(first)),
        lead=markup.html(first),
        version=html.escape(page["version"]),
        jsonld=_script_json(page["jsonld"]),
        citation_text=html.escape(page["citation_text"]),
        bibtex=html.escape(page["bibtex"]),
        biblatex=html.escape(page["biblatex"]),
        downloads=_downloads(page["descriptor"], ui, root, lang),
        license=licence,
        figure=FIGURE,
        assets=ASSETS,
        timelinejs=TIMELINEJS,
        bibtex_file=BIBTEX,
        biblatex_file=BIBLATEX,
        jsonld_file=JSONLD,
        data_js=root + data_js,
        reference=reference,
        footer=footer,
        translation_note=f'  <p class="translation-note">{html.escape(ui["translation_note"])}'
                         "</p>\n" if ui["translation_note"] else "",
    ), encoding="utf-8")


def _write_docs(descriptor: dict[str, Any], stage: Path) -> list[tuple[str, str]]:
    """The reference pages, rendered into ``docs/`` (in English, as the repository has
    them); (name, title) of each, for the pages' lists of them (none without docs)."""
    from .docs import read_shipped, write_pages

    sources = read_shipped(descriptor)
    if not sources:
        return []
    template = _here().joinpath("page.html").read_text(encoding="utf-8")
    root_files = {p.name for p in stage.iterdir() if p.is_file()}
    return write_pages(sources, stage, template, root_files)


def _first_paragraph(text: str) -> str:
    """The first paragraph of a (Markdown) text, its lines joined."""
    return " ".join(re.split(r"\n\s*\n", text.strip())[0].split())


def _downloads(descriptor: dict[str, Any], ui: dict[str, str], root: str = "",
               lang: str = DEFAULT_LANGUAGE) -> str:
    """The download list: the descriptor, then each resource as CSV and as Parquet."""
    def link(target: str) -> str:
        target = html.escape(target)
        return f'<a href="{root}{target}" download><code>{target}</code></a>'

    items = [f"<li>{link('datapackage.json')}: {html.escape(ui['download_descriptor'])}</li>"]
    for res in descriptor["resources"]:
        name, rel = str(res["name"]), str(res["path"])
        about = html.escape(resource_title(lang, name, markup.plain(str(res.get("title") or name))))
        items.append(f"<li>{about}: {link(rel)} · {link(f'{PARQUET}/{name}.parquet')}</li>")
    items.append(f"<li>{html.escape(ui['download_figure'])}: {link(FIGURE)}</li>")
    items.append(f"<li>{html.escape(ui['download_jsonld'])}: {link(JSONLD)}</li>")
    return "\n".join(f"      {item}" for item in items)


def _license(descriptor: dict[str, Any]) -> str:
    parts = []
    for lic in descriptor.get("licenses") or []:
        if not isinstance(lic, dict):
            continue
        label = html.escape(str(lic.get("title") or lic.get("name") or ""))
        name = html.escape(str(lic.get("name") or ""))
        url = lic.get("path")
        text = f"{label} ({name})" if name and name != label else label
        parts.append(f'<a href="{html.escape(str(url))}" rel="license">{text}</a>' if url else text)
    return ", ".join(parts) or "see the package"
