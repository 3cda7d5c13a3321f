"""schema.org ``Dataset`` metadata as JSON-LD, for dataset search engines and catalogues.

The metadata comes from the same :class:`~.citation.Citation` as CITATION.cff and
.zenodo.json, so name, version, license, creator and keywords agree with them; what
only the data can say is computed from the data at export time: the temporal
coverage (earliest to latest known day of any event) and the spatial coverage (the
countries and places of the events, and a bounding box of their coordinates).

``contentUrl`` paths are relative to the folder of ``datapackage.json``: the CSV
files as the descriptor names them, and the Parquet files only where they are
published (the site ships them under ``parquet/``; the repository's build output is
git-ignored, so the committed file lists none). ``variableMeasured`` lists every field
of every resource, from the Table Schema. Output is deterministic (fixed key order, sorted
places, no timestamps), so the committed ``docs/dataset.jsonld`` can be compared
with a fresh export.
"""

from __future__ import annotations

import json
import os
from typing import Any

from .citation import Agent, Article, read_citation
from .descriptor import read_descriptor, resolve

PathLike = str | os.PathLike[str] | None

PARQUET_MEDIATYPE = "application/vnd.apache.parquet"


def _agent(agent: Agent) -> dict[str, Any]:
    if agent.is_person:
        node: dict[str, Any] = {"@type": "Person", "name": agent.name}
        if agent.given:
            node["givenName"] = agent.given
        node["familyName"] = agent.family
        return node
    return {"@type": "Organization", "name": agent.name}


def _article(article: Article) -> dict[str, Any]:
    node: dict[str, Any] = {"@type": "Article", "name": article.title}
    if article.authors:
        node["author"] = [_agent(a) for a in article.authors]
    if article.published:
        node["datePublished"] = article.published
    if article.journal:
        node["isPartOf"] = {"@type": "Periodical", "name": article.journal}
    if article.publisher:
        node["publisher"] = {"@type": "Organization", "name": article.publisher}
    if article.url:
        node["url"] = article.url
    return node


def _distribution(descriptor: dict[str, Any], parquet_dir: str | None) -> list[dict[str, Any]]:
    """One DataDownload per CSV resource, and one per Parquet file built from it when
    ``parquet_dir`` says where those are published."""
    out: list[dict[str, Any]] = []
    for res in descriptor["resources"]:
        path = res.get("path") if isinstance(res, dict) else None
        if not isinstance(path, str) or not path.endswith(".csv"):
            continue
        name = res.get("name") or path
        about = res.get("title") or name
        out.append({
            "@type": "DataDownload",
            "name": f"{name}.csv",
            "description": f"{about} (CSV)",
            "contentUrl": path,
            "encodingFormat": res.get("mediatype") or "text/csv",
        })
        if parquet_dir is None:
            continue
        out.append({
            "@type": "DataDownload",
            "name": f"{name}.parquet",
            "description": f"{about} (Parquet, built by `russia-panama-timeline build`)",
            "contentUrl": f"{parquet_dir}/{name}.parquet",
            "encodingFormat": PARQUET_MEDIATYPE,
        })
    return out


def _variables(descriptor: dict[str, Any]) -> list[dict[str, Any]]:
    """One schema.org PropertyValue per field of each tabular resource, in schema order:
    ``resource.field`` as its name, the field's title and description, and the
    documented values of a controlled vocabulary."""
    from .tableschema import schemas

    out: list[dict[str, Any]] = []
    for schema in schemas(descriptor):
        for field in schema.fields:
            node: dict[str, Any] = {
                "@type": "PropertyValue",
                "name": f"{schema.name}.{field.name}",
            }
            if field.title:
                node["alternateName"] = field.title
            if field.description:
                node["description"] = " ".join(field.description.split())
            if field.enum_text:
                node["valueReference"] = [
                    {"@type": "DefinedTerm", "termCode": v, "name": field.labels.get(v, v)}
                    for v in field.enum_text
                ]
            out.append(node)
    return out


def _temporal_coverage(events: Any) -> str | None:
    """ISO 8601 interval from the earliest to the latest known day of any event.

    Both bound columns are pooled, so an open-start or open-end event still counts
    with the bound it has.
    """
    import pandas as pd

    days = pd.concat([events["date_start"], events["date_end"]]).dropna()
    if days.empty:
        return None
    return f"{days.min():%Y-%m-%d}/{days.max():%Y-%m-%d}"


def _country_names(actors: Any) -> dict[str, str]:
    """Country code -> name, from the actors resource (a state's id is its ISO code)."""
    return {str(k): str(v) for k, v in zip(actors["actor_id"], actors["name"], strict=True)}



def _number(value: float) -> float | int:
    return int(value) if float(value).is_integer() else round(float(value), 6)


def _spatial_coverage(events: Any, actors: Any) -> list[dict[str, Any]]:
    """The box around every coordinate, then each country, then each place, sorted."""
    names = _country_names(actors)
    out: list[dict[str, Any]] = []
    located = events.dropna(subset=["latitude", "longitude"])
    if len(located):
        box = " ".join(str(_number(v)) for v in (
            located["latitude"].min(), located["longitude"].min(),
            located["latitude"].max(), located["longitude"].max(),
        ))
        out.append({
            "@type": "Place",
            "name": "Extent of the located events",
            "geo": {"@type": "GeoShape", "box": box},
        })
    for code in sorted(str(c) for c in events["country"].dropna().unique()):
        out.append({"@type": "Country", "name": names.get(code, code), "identifier": code})
    import pandas as pd

    places = events.dropna(subset=["place"])[["country", "place", "latitude", "longitude"]]
    seen = set()
    for country, place, lat, lon in places.itertuples(index=False, name=None):
        has_geo = not (pd.isna(lat) or pd.isna(lon))
        seen.add((
            str(place),
            "" if pd.isna(country) else str(country),
            _number(lat) if has_geo else None,
            _number(lon) if has_geo else None,
        ))
    for place, country, lat, lon in sorted(seen, key=lambda k: (k[0], k[1], str(k[2]), str(k[3]))):
        node: dict[str, Any] = {"@type": "Place", "name": place}
        if country:
            node["containedInPlace"] = {"@type": "Country", "name": names.get(country, country),
                                        "identifier": country}
        if lat is not None:
            node["geo"] = {"@type": "GeoCoordinates", "latitude": lat, "longitude": lon}
        out.append(node)
    return out


def dataset_jsonld(datapackage: PathLike = None, parquet_dir: str | None = None) -> dict[str, Any]:
    """The schema.org Dataset node for a package (default: the installed one); with
    ``parquet_dir``, the Parquet files published there are listed as downloads too."""
    from .load import languages, load_actors, load_events

    path = resolve(datapackage)
    descriptor = read_descriptor(path)
    cit = read_citation(path)
    events = load_events(path)
    actors = load_actors(path)

    doc: dict[str, Any] = {
        "@context": "https://schema.org/",
        "@type": "Dataset",
        "name": cit.title,
    }
    if cit.name:
        doc["alternateName"] = cit.name
    if cit.identifier:
        doc["identifier"] = cit.identifier
    doc["description"] = cit.abstract
    doc["version"] = cit.version
    if cit.date_released:
        doc["datePublished"] = cit.date_released
    if cit.homepage:
        doc["url"] = cit.homepage
    if cit.license_url or cit.license:
        doc["license"] = cit.license_url or cit.license
    doc["isAccessibleForFree"] = True
    doc["creator"] = [_agent(a) for a in cit.authors]
    doc["keywords"] = list(cit.keywords)
    # The languages of the texts (BCP 47), English the reference; the name and the
    # description stay single, in English, as dataset search engines expect.
    langs = list(languages(path))
    doc["inLanguage"] = langs if len(langs) > 1 else langs[0]
    temporal = _temporal_coverage(events)
    if temporal:
        doc["temporalCoverage"] = temporal
    spatial = _spatial_coverage(events, actors)
    if spatial:
        doc["spatialCoverage"] = spatial
    doc["variableMeasured"] = _variables(descriptor)
    doc["distribution"] = _distribution(descriptor, parquet_dir)
    if cit.articles:
        doc["citation"] = [_article(a) for a in cit.articles]
        based_on = [a.url for a in cit.articles if a.url]
        if based_on:
            doc["isBasedOn"] = based_on
    return doc


def render_jsonld(datapackage: PathLike = None) -> str:
    """The JSON-LD text: two-space indent, UTF-8 characters kept, one final newline."""
    return json.dumps(dataset_jsonld(datapackage), ensure_ascii=False, indent=2) + "\n"
