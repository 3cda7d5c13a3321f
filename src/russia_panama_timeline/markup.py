"""The descriptor's descriptions as a reader sees them: HTML or plain text, never Markdown.

``datapackage.json`` writes its descriptions (the package's, each resource's, each
field's and each category label) in the small Markdown the Data Package specification
allows: ```code```, ``*emphasis*``, paragraphs. Wherever the site or the TimelineJS
export shows one, it goes through this module, so the whole site says it one way:

- ``html`` for text shown as text: rendered by markdown-it-py (CommonMark, raw HTML
  off, so the descriptor cannot inject markup), block by block (``<p>``) or inline;
- ``plain`` for places that cannot hold markup (a tooltip, a ``<meta>`` description, a
  ``<title>``): the same rendering with the markup taken away (```date_start``` reads
  ``date_start``, ``*Eurasia Daily Monitor*`` reads ``Eurasia Daily Monitor``).

Rendering is deterministic: the same text gives the same bytes.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

__all__ = ["html", "plain"]


@lru_cache(maxsize=1)
def _md() -> Any:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": False})


def html(text: str, *, inline: bool = False) -> str:
    """The Markdown as HTML: paragraphs, or with ``inline`` one run of inline markup
    (for a label or a table cell). Line breaks inside a paragraph become spaces."""
    md = _md()
    if inline:
        return str(md.renderInline(" ".join(text.split())))
    return str(md.render(text.strip())).replace("\n", "")


def plain(text: str) -> str:
    """The Markdown as plain text: what ``html`` shows, without the markup; paragraphs
    are kept apart by a blank line, lines within a paragraph joined by a space."""
    paragraphs = []
    for token in _md().parse(text.strip()):
        if token.type != "inline":
            continue
        parts = []
        for child in token.children or []:
            if child.type in ("text", "code_inline"):
                parts.append(child.content)
            elif child.type in ("softbreak", "hardbreak"):
                parts.append(" ")
            elif child.type == "image":
                parts.append(child.content)
        paragraphs.append(" ".join("".join(parts).split()))
    return "\n\n".join(p for p in paragraphs if p)
