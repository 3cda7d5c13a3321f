"""The site's interface strings: every word the page says that is not data.

The page (``template.html``, as ``$ui_KEY``) and its script (``site.js``, through
``SITE_DATA.ui``) take their words from here, so a language is one dictionary and a
string is never written twice. ``{name}`` in a string is filled in by the script (or
by the build, for the footer). Besides the strings: the tables' and columns' headings
and the controlled vocabularies in each language. English is the reference: its
headings and values are the schema's own, and the Spanish and Russian say the same.
Dates are not here: ``edtf_words`` says them with CLDR.
"""

from __future__ import annotations

from typing import Any

DEFAULT = "en"

STRINGS: dict[str, dict[str, str]] = {
    "en": {
        "language_name": "English",
        "nav_timeline": "Timeline",
        "nav_events": "Events",
        "nav_sources": "Sources",
        "nav_figure": "Figure",
        "nav_downloads": "Downloads",
        "nav_cite": "Cite",
        "nav_reference": "Reference",
        "version": "Version",
        "data_licence": "data licence",
        "noscript": "The interactive timeline and the tables need JavaScript; the figure "
                    "and the downloads below do not.",
        "search": "Search",
        "search_placeholder": "titles, summaries, notes, sources",
        "search_hint": "Case and accents are ignored: colon finds Colón.",
        "filter_type": "Type",
        "filter_status": "Status",
        "filter_decade": "Decade",
        "filter_actor": "Actor",
        "filter_all": "all",
        "filter_all_decades": "all",
        "clear": "Clear",
        "download_csv": "Download these events (CSV)",
        "download_file": "events-selection.csv",
        "shown_all": "All {n} events.",
        "shown_some": "{shown} of {n} events shown.",
        "decade": "{decade}s",
        "col_date": "Date",
        "col_event": "Event and sources",
        "col_type": "Type",
        "col_status": "Status",
        "col_actors": "Actors",
        "col_events": "Events",
        "edtf_date": "EDTF date",
        "disputed": "Disputed.",
        "contradicted_by": "Contradicted by:",
        "note": "Note:",
        "sources": "Sources:",
        "all_fields": "All fields",
        "in_table": "in the {table} table",
        "counts_sep": ", ",
        "figure_heading": "Figure",
        "figure_text": "Every event on one time axis, one lane per event type; each mark "
                       "shows how precisely the date is known, disputed events are red.",
        "figure_alt": "The timeline figure: every event on one time axis, one lane per "
                      "event type",
        "downloads_heading": "Downloads",
        "downloads_text": "This folder is itself the data package: open "
                          "<code>datapackage.json</code> with frictionless, pandas or any "
                          "Data Package tool.",
        "download_descriptor": "the Frictionless Data Package descriptor (every schema and "
                               "the metadata)",
        "download_figure": "The figure",
        "download_jsonld": "schema.org metadata",
        "cite_heading": "How to cite",
        "reference_heading": "Reference",
        "reference_missing": "The reference pages are in the repository's "
                             "<code>docs/</code>.",
        "footer": "Data licence: {licence}. The timeline is drawn with {timelinejs} by "
                  "Northwestern University Knight Lab, used under the {mpl}. Built by "
                  "<code>russia-panama-timeline site</code> from "
                  "<code>datapackage.json</code>.",
        "mpl": "Mozilla Public License 2.0",
        "languages_label": "Language",
        "translation_note": "",
        "reference_note": "",
        "based_on": "Based on:",
        "slide_disputed": "Disputed: sources disagree.",
        "count": "{n} {lname}",
    },
    "es": {
        "language_name": "Español",
        "site_title": "Cronología de las relaciones entre Rusia y Panamá",
        "lead": "Eventos fechados de las relaciones entre Rusia (y, antes, el Imperio ruso y "
                "la URSS) y Panamá, desde el reconocimiento de Panamá por Rusia en 1903 "
                "hasta 2026, cada uno enlazado con los documentos que lo registran.",
        "nav_timeline": "Cronología",
        "nav_events": "Eventos",
        "nav_sources": "Fuentes",
        "nav_figure": "Gráfico",
        "nav_downloads": "Descargas",
        "nav_cite": "Cómo citar",
        "nav_reference": "Referencia",
        "version": "Versión",
        "data_licence": "licencia de los datos",
        "noscript": "La cronología interactiva y las tablas necesitan JavaScript; el gráfico "
                    "y las descargas de más abajo, no.",
        "search": "Buscar",
        "search_placeholder": "títulos, resúmenes, notas, fuentes",
        "search_hint": "No distingue mayúsculas ni acentos: «colon» encuentra «Colón».",
        "filter_type": "Tipo",
        "filter_status": "Estado",
        "filter_decade": "Década",
        "filter_actor": "Actor",
        "filter_all": "todos",
        "filter_all_decades": "todas",
        "clear": "Limpiar",
        "download_csv": "Descargar estos eventos (CSV)",
        "download_file": "eventos-seleccion.csv",
        "shown_all": "Todos los eventos: {n}.",
        "shown_some": "{shown} de {n} eventos.",
        "decade": "década de {decade}",
        "col_date": "Fecha",
        "col_event": "Evento y fuentes",
        "col_type": "Tipo",
        "col_status": "Estado",
        "col_actors": "Actores",
        "col_events": "Eventos",
        "edtf_date": "fecha en EDTF",
        "disputed": "En disputa.",
        "contradicted_by": "Fuentes en contra:",
        "note": "Nota:",
        "sources": "Fuentes:",
        "all_fields": "Todos los campos",
        "in_table": "en la tabla {table}",
        "counts_sep": ", ",
        "figure_heading": "Gráfico",
        "figure_text": "Todos los eventos en un mismo eje temporal, una franja por tipo de "
                       "evento; cada marca indica con qué precisión se conoce la fecha, y los "
                       "eventos en disputa aparecen en rojo. Los rótulos del gráfico están en "
                       "inglés.",
        "figure_alt": "El gráfico de la cronología: todos los eventos en un mismo eje temporal, "
                      "una franja por tipo de evento",
        "downloads_heading": "Descargas",
        "downloads_text": "Esta carpeta es en sí misma el paquete de datos: abra "
                          "<code>datapackage.json</code> con frictionless, pandas o cualquier "
                          "herramienta para Data Package.",
        "download_descriptor": "el descriptor del paquete de datos Frictionless (todos los "
                               "esquemas y los metadatos)",
        "download_figure": "El gráfico",
        "download_jsonld": "Metadatos de schema.org",
        "cite_heading": "Cómo citar",
        "reference_heading": "Referencia",
        "reference_missing": "Las páginas de referencia están en la carpeta <code>docs/</code> "
                             "del repositorio.",
        "footer": "Licencia de los datos: {licence}. La cronología se dibuja con {timelinejs}, "
                  "de Northwestern University Knight Lab, usado según la {mpl}. Sitio "
                  "generado por <code>russia-panama-timeline site</code> a partir de "
                  "<code>datapackage.json</code>.",
        "mpl": "Mozilla Public License 2.0",
        "languages_label": "Idioma",
        "translation_note": "Títulos, resúmenes y nombres traducidos del inglés, que es la "
                            "referencia; las notas están en inglés y las fuentes, en su "
                            "idioma original.",
        "reference_note": "(en inglés)",
        "based_on": "Basado en:",
        "slide_disputed": "En disputa: las fuentes no coinciden.",
        "count": "{n} {lname}",
    },
    "ru": {
        "language_name": "Русский",
        "site_title": "Хронология российско-панамских отношений",
        "lead": "Датированные события в отношениях России (а до неё — Российской империи и "
                "СССР) с Панамой: от признания Панамы Россией в 1903 году до 2026 года; "
                "каждое событие связано с документами, которые о нём сообщают.",
        "nav_timeline": "Хронология",
        "nav_events": "События",
        "nav_sources": "Источники",
        "nav_figure": "Диаграмма",
        "nav_downloads": "Скачать",
        "nav_cite": "Как цитировать",
        "nav_reference": "Справка",
        "version": "Версия",
        "data_licence": "лицензия данных",
        "noscript": "Для интерактивной хронологии и таблиц нужен JavaScript; диаграмма и "
                    "файлы для скачивания ниже доступны и без него.",
        "search": "Поиск",
        "search_placeholder": "заголовки, описания, источники",
        "search_hint": "Регистр букв и диакритические знаки не учитываются (е и ё "
                       "равнозначны).",
        "filter_type": "Тип",
        "filter_status": "Статус",
        "filter_decade": "Десятилетие",
        "filter_actor": "Участник",
        "filter_all": "все",
        "filter_all_decades": "все",
        "clear": "Сбросить",
        "download_csv": "Скачать эти события (CSV)",
        "download_file": "sobytiya-vyborka.csv",
        "shown_all": "Все события: {n}.",
        "shown_some": "Показано {shown} из {n}.",
        "decade": "{decade}-е",
        "col_date": "Дата",
        "col_event": "Событие и источники",
        "col_type": "Тип",
        "col_status": "Статус",
        "col_actors": "Участники",
        "col_events": "События",
        "edtf_date": "дата в формате EDTF",
        "disputed": "Оспаривается.",
        "contradicted_by": "Противоречащие источники:",
        "note": "Примечание:",
        "sources": "Источники:",
        "all_fields": "Все поля",
        "in_table": "в таблице «{table}»",
        "counts_sep": "; ",
        "figure_heading": "Диаграмма",
        "figure_text": "Все события на одной оси времени, по полосе на каждый тип события; "
                       "отметка показывает, насколько точно известна дата, оспариваемые "
                       "события выделены красным. Подписи на диаграмме — на английском языке.",
        "figure_alt": "Диаграмма хронологии: все события на одной оси времени, по полосе на "
                      "каждый тип события",
        "downloads_heading": "Данные для скачивания",
        "downloads_text": "Эта папка сама является пакетом данных: откройте "
                          "<code>datapackage.json</code> в frictionless, pandas или любом "
                          "другом инструменте для Data Package.",
        "download_descriptor": "дескриптор пакета данных Frictionless (все схемы и метаданные)",
        "download_figure": "Диаграмма",
        "download_jsonld": "Метаданные schema.org",
        "cite_heading": "Как цитировать",
        "reference_heading": "Справочные материалы",
        "reference_missing": "Справочные страницы находятся в папке <code>docs/</code> "
                             "репозитория.",
        "footer": "Лицензия данных: {licence}. Хронология построена с помощью {timelinejs} "
                  "(Northwestern University Knight Lab), который используется на условиях "
                  "{mpl}. Сайт создан командой <code>russia-panama-timeline site</code> из "
                  "<code>datapackage.json</code>.",
        "mpl": "Mozilla Public License 2.0",
        "languages_label": "Язык",
        "translation_note": "Заголовки, описания и названия переведены с английского, "
                            "который служит эталоном; примечания даны на английском, источники "
                            "— на языке оригинала.",
        "reference_note": "(на английском)",
        "based_on": "По материалам:",
        "slide_disputed": "Оспаривается: источники расходятся.",
        "count": "{name}: {n}",
    },
}

SOURCE = {
    "site_title": "Russia–Panama Relations Timeline",
    "lead": "Dated events in relations between Russia (the Russian Empire and the USSR before "
            "it) and Panama, from Russia's recognition of Panama in 1903 to 2026, each linked "
            "to the documents that report it.",
}
"""The English that ``site_title`` and ``lead`` translate: the descriptor's title and its
description's first paragraph. The English page takes them from the descriptor; a test
holds these to it, so a changed English text is noticed and translated again."""

RESOURCE_TITLES: dict[str, dict[str, str]] = {
    "es": {"events": "Eventos", "sources": "Fuentes", "event_sources": "Citas",
           "actors": "Actores"},
    "ru": {"events": "События", "sources": "Источники", "event_sources": "Ссылки на источники",
           "actors": "Участники"},
}
"""Tables' headings in each language (the English is the schema's ``title``)."""

FIELD_TITLES: dict[str, dict[str, str]] = {
    "es": {
        "event_id": "Identificador del evento", "date": "Fecha (EDTF)",
        "date_start": "Primer día posible", "date_end": "Último día posible",
        "date_precision": "Precisión de la fecha", "event_type": "Tipo de evento",
        "plover_type": "Tipo PLOVER", "title": "Título", "summary": "Resumen",
        "actor1": "Parte que actúa", "actor2": "Parte sobre la que se actúa",
        "country": "País", "place": "Lugar", "latitude": "Latitud", "longitude": "Longitud",
        "geo_precision": "Precisión del lugar", "status": "Estado de la evidencia",
        "notes": "Notas (en inglés)", "source_id": "Identificador de la fuente",
        "source_type": "Tipo de fuente", "title_en": "Título en inglés", "author": "Autor",
        "publisher": "Editor", "original_publisher": "Editor original",
        "issuer": "Emisor del documento oficial", "published": "Fecha de publicación (EDTF)",
        "accessed": "Fecha de consulta", "url": "Dirección", "language": "Idioma",
        "cited_in": "Citada en", "role": "Función", "locator": "Ubicación en la fuente",
        "date_stated": "Fecha que indica la fuente (EDTF)",
        "origin": "De quién es la información",
        "actor_id": "Identificador del actor", "name": "Nombre", "kind": "Clase",
        "parent": "Depende de", "wikidata": "Elemento de Wikidata",
        "iso3166_alpha3": "Código ISO 3166 alfa-3",
        "iso3166_numeric": "Código ISO 3166 numérico",
    },
    "ru": {
        "event_id": "Идентификатор события", "date": "Дата (EDTF)",
        "date_start": "Самая ранняя возможная дата", "date_end": "Самая поздняя возможная дата",
        "date_precision": "Точность даты", "event_type": "Тип события",
        "plover_type": "Тип по PLOVER", "title": "Заголовок", "summary": "Описание",
        "actor1": "Действующая сторона", "actor2": "Сторона, на которую направлено действие",
        "country": "Страна", "place": "Место", "latitude": "Широта", "longitude": "Долгота",
        "geo_precision": "Точность места", "status": "Статус подтверждения",
        "notes": "Примечания (на английском)", "source_id": "Идентификатор источника",
        "source_type": "Тип источника", "title_en": "Название на английском",
        "author": "Автор", "publisher": "Издатель",
        "original_publisher": "Первоначальный издатель",
        "issuer": "Орган, выпустивший документ", "published": "Дата публикации (EDTF)",
        "accessed": "Дата обращения", "url": "Адрес", "language": "Язык",
        "cited_in": "Цитируется в", "role": "Роль", "locator": "Место в источнике",
        "date_stated": "Дата, указанная источником (EDTF)",
        "origin": "Чьи это сведения",
        "actor_id": "Идентификатор участника", "name": "Название", "kind": "Вид",
        "parent": "Входит в", "wikidata": "Элемент Викиданных",
        "iso3166_alpha3": "Код ISO 3166 alpha-3", "iso3166_numeric": "Цифровой код ISO 3166",
    },
}
"""Column headings in each language, by field name (the English is the schema's
``title``; a field without an entry keeps it)."""

VALUE_NAMES: dict[str, dict[str, dict[str, str]]] = {
    "es": {
        "event_type": {
            "diplomatic": "diplomático", "agreement": "acuerdo", "statement": "declaración",
            "parliamentary": "parlamentario", "registry": "registro de buques",
            "sanctions": "sanciones", "military": "militar", "economic": "económico",
            "humanitarian": "humanitario", "assessment": "evaluación", "vote": "votación",
            "cultural": "cultural",
        },
        "status": {"confirmed": "confirmado", "reported": "reportado", "disputed": "disputado"},
        "role": {"primary": "principal", "corroborating": "corrobora",
                 "contradicting": "contradice", "cited": "citada", "background": "contexto"},
        "date_precision": {"day": "día", "month": "mes", "year": "año",
                           "bounded": "un día entre dos", "period": "período"},
        "geo_precision": {"site": "lugar exacto", "city": "ciudad", "region": "región",
                          "country": "país"},
        "kind": {
            "state": "Estado", "historical state": "Estado histórico",
            "government body": "organismo público", "legislature": "órgano legislativo",
            "international organisation": "organización internacional", "person": "persona",
            "company": "empresa", "media": "medio de comunicación",
            "think tank": "centro de estudios", "group": "grupo",
        },
        "source_type": {
            "analysis": "análisis", "news": "noticia", "interview": "entrevista",
            "official": "documento oficial", "journal": "revista académica",
            "website": "sitio web", "reference": "obra de referencia",
        },
    },
    "ru": {
        "event_type": {
            "diplomatic": "дипломатия", "agreement": "соглашение", "statement": "заявление",
            "parliamentary": "парламент", "registry": "судовой реестр", "sanctions": "санкции",
            "military": "военная сфера", "economic": "экономика",
            "humanitarian": "гуманитарная сфера", "assessment": "оценка",
            "vote": "голосование", "cultural": "культура",
        },
        "status": {"confirmed": "подтверждено", "reported": "сообщается",
                   "disputed": "оспаривается"},
        "role": {"primary": "основной", "corroborating": "подтверждает",
                 "contradicting": "противоречит", "cited": "цитируется",
                 "background": "контекст"},
        "date_precision": {"day": "день", "month": "месяц", "year": "год",
                           "bounded": "день в интервале", "period": "период"},
        "geo_precision": {"site": "точное место", "city": "город", "region": "регион",
                          "country": "страна"},
        "kind": {
            "state": "государство", "historical state": "историческое государство",
            "government body": "государственный орган", "legislature": "законодательный орган",
            "international organisation": "международная организация", "person": "лицо",
            "company": "компания", "media": "СМИ", "think tank": "аналитический центр",
            "group": "группа",
        },
        "source_type": {
            "analysis": "аналитика", "news": "новость", "interview": "интервью",
            "official": "официальный документ", "journal": "научный журнал",
            "website": "сайт", "reference": "справочное издание",
        },
    },
}
"""Controlled vocabularies said in each language, by field and value (the English page
shows the values themselves; the schema's category labels stay as their definitions)."""

LANGUAGES = tuple(STRINGS)


def strings(lang: str = DEFAULT) -> dict[str, str]:
    """The interface strings of ``lang``; KeyError for a language the site does not speak."""
    return dict(STRINGS[lang])


def field_title(lang: str, name: str, english: str) -> str:
    """A column's heading in ``lang``: the translation, or the schema's English title."""
    return FIELD_TITLES.get(lang, {}).get(name, english)


def resource_title(lang: str, name: str, english: str) -> str:
    """A table's heading in ``lang``: the translation, or the schema's English title."""
    return RESOURCE_TITLES.get(lang, {}).get(name, english)


def value_names(lang: str, field: str) -> dict[str, str]:
    """How ``lang`` says each value of a controlled vocabulary (empty: as it is)."""
    return dict(VALUE_NAMES.get(lang, {}).get(field, {}))


def template_values(lang: str = DEFAULT) -> dict[str, Any]:
    """The strings as ``string.Template`` values, ``ui_KEY``, HTML-escaped except those
    that hold markup of their own (a ``<code>``: these strings are ours, not data)."""
    import html

    return {f"ui_{key}": text if "<" in text else html.escape(text)
            for key, text in STRINGS[lang].items()}
