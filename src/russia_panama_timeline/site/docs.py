"""The reference pages (``docs/*.md``) as HTML pages of the site.

The README links the reference pages in the repository's ``docs/`` (the data dictionary, the
checker's finding codes, the Parquet files, the command line); the site carries the
same pages, rendered from the same Markdown with markdown-it-py, so a reader of a
published site has them without the repository. Links between pages (``cli.md``) become
links between the rendered pages (``cli.html``), a link to the README becomes the site's
front page, and headings get the ids GitHub gives them, so ``#events`` anchors work in
both places. Rendering is deterministic.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from pathlib import Path
from string import Template
from typing import Any

from ..descriptor import DATAPACKAGE

DOCS_DIR = "docs"
_COMMENT = re.compile(r"<!--.*?-->\n?", flags=re.S)


def shipped_docs() -> Path | None:
    """The folder of reference pages: inside the installed package (the wheel carries
    them), or the repository's ``docs/`` in a source checkout."""
    folder = DATAPACKAGE.parent / DOCS_DIR
    return folder if folder.is_dir() and any(folder.glob("*.md")) else None


def slug(text: str) -> str:
    """GitHub's heading id: lower case, punctuation dropped, spaces as hyphens."""
    text = re.sub(r"[^\w\- ]", "", text.strip().lower())
    return text.replace(" ", "-")


def _title(markdown: str, fallback: str) -> str:
    match = re.search(r"^# (.+)$", markdown, flags=re.M)
    return re.sub(r"`", "", match[1]).strip() if match else fallback


def _href(target: str, pages: set[str], root_files: set[str]) -> str:
    """Where a link in ``docs/PAGE.md`` points, from ``DIR/docs/PAGE.html``."""
    if re.match(r"^[a-z][a-z0-9+.-]*:|^#|^/", target):
        return target
    path, hash_, fragment = target.partition("#")
    suffix = f"#{fragment}" if hash_ else ""
    if path in ("../README.md", "../README"):
        return "../index.html" + suffix
    if path.endswith(".md") and "/" not in path and path[:-3] in pages:
        return f"{path[:-3]}.html{suffix}"
    if "/" not in path and path in root_files:
        return f"../{path}{suffix}"  # the site keeps the figure and the like at its root
    return target


def render_page(markdown: str, pages: set[str], root_files: set[str]) -> tuple[str, str]:
    """(title, HTML body) of one page."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": False}).enable("table")
    tokens = md.parse(_COMMENT.sub("", markdown))
    seen: dict[str, int] = {}
    for i, token in enumerate(tokens):
        if token.type == "heading_open":
            base = slug(tokens[i + 1].content.replace("`", ""))
            n = seen.get(base, 0)
            seen[base] = n + 1
            token.attrSet("id", base if n == 0 else f"{base}-{n}")
        for child in token.children or []:
            if child.type == "link_open":
                child.attrSet("href", _href(str(child.attrGet("href")), pages, root_files))
            elif child.type == "image":
                child.attrSet("src", _href(str(child.attrGet("src")), pages, root_files))
    return _title(markdown, "Reference"), md.renderer.render(tokens, md.options, {})


def write_pages(sources: Iterable[tuple[str, str]], out: Path, template: str,
                root_files: set[str]) -> list[tuple[str, str]]:
    """Render each (name, Markdown) into ``out/docs/NAME.html``; return (name, title)
    for the site's list of reference pages, in the order given."""
    sources = list(sources)
    pages = {name for name, _ in sources}
    listed = []
    (out / DOCS_DIR).mkdir(parents=True, exist_ok=True)
    page = Template(template)
    for name, markdown in sources:
        title, body = render_page(markdown, pages, root_files)
        (out / DOCS_DIR / f"{name}.html").write_text(
            page.substitute(title=html.escape(title), body=body), encoding="utf-8")
        listed.append((name, title))
    return listed


def read_shipped(descriptor: dict[str, Any] | None = None) -> list[tuple[str, str]]:
    """Every shipped reference page as (name, Markdown), by name; with ``descriptor``,
    the generated sections (the data dictionary, the finding codes) are rendered anew
    for it, so the site documents the package it was built from."""
    from ..generate.docs import replace_section, sections

    folder = shipped_docs()
    if folder is None:
        return []
    generated = sections(descriptor) if descriptor is not None else {}
    pages = []
    for path in sorted(folder.glob("*.md")):
        text = path.read_text(encoding="utf-8")
        for name, body in generated.get(path.name, []):
            text = replace_section(text, name, body)
        pages.append((path.stem, text))
    return pages


def docs_list_html(listed: list[tuple[str, str]]) -> str:
    items = [f'      <li><a href="{DOCS_DIR}/{html.escape(name)}.html">{html.escape(title)}</a>'
             "</li>" for name, title in listed]
    return "\n".join(items)


__all__: Any = ["docs_list_html", "read_shipped", "render_page", "slug", "write_pages"]
