"""The static site built from the data package (``russia-panama-timeline site``)."""

from .build import MARKER, SiteError, build_site

__all__ = ["MARKER", "SiteError", "build_site"]
