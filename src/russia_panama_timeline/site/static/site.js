/* The page's tables and the timeline, drawn from window.SITE_DATA (assets/data.js).
 *
 * Plain JavaScript, no framework and no network: the data is embedded by
 * `russia-panama-timeline site`, because browsers refuse to fetch local files from a
 * page opened from disk. Every resource of the data package is shown with the fields
 * its schema declares; the events table adds search, filters and sorting, lists each
 * event's sources with their role, locator, the date each states and whose information
 * it carries, and downloads the rows it shows as CSV.
 *
 * The view lives in the address: the search, the filters, the sort and the event the
 * timeline shows are the query (?q=colon&type=vote&event=ID), so a view can be
 * bookmarked and shared, and Back and Forward step through the reader's choices (each
 * filter chosen is a step; typing a search is one step, not one per letter; moving
 * through the timeline replaces the event without adding steps). The links to the
 * other languages carry the same query and anchor, so they open on the same view.
 *
 * Search ignores case and accents in every script, as `russia-panama-timeline events
 * --search` does (query.py): both decompose (NFKD), drop the combining marks and
 * lower-case. Events sort by the earliest day they may have started, an open start by
 * its end.
 */
(function () {
  "use strict";

  var data = window.SITE_DATA;
  var ui = data.ui || {};
  var EVENTS = "events";
  var CONTRADICTING = "contradicting";
  var ACTOR_FIELD = /^actor\d*$/;
  var STATE_KEYS = ["q", "type", "status", "decade", "actor", "sort", "event"];

  /* ---- small helpers ---------------------------------------------------------- */

  /* An interface string, with {name} filled in from vars. */
  function t(key, vars) {
    var text = ui[key] !== undefined ? ui[key] : key;
    return text.replace(/\{(\w+)\}/g, function (all, name) {
      return vars && vars[name] !== undefined ? String(vars[name]) : all;
    });
  }

  function fold(text) {
    return String(text).normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
  }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      var value = attrs[key];
      if (value === null || value === undefined || value === false) return;
      if (key === "text") node.textContent = value;
      else node.setAttribute(key, value === true ? "" : String(value));
    });
    (children || []).forEach(function (child) {
      if (child === null || child === undefined) return;
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  function isUrl(value) {
    return typeof value === "string" && /^https?:\/\/[^\s]+$/.test(value);
  }

  function link(label, url) {
    return isUrl(url) ? el("a", { href: url, rel: "noopener", text: label }) : el("span", { text: label });
  }

  function resource(name) {
    for (var i = 0; i < data.resources.length; i++) {
      if (data.resources[i].name === name) return data.resources[i];
    }
    return null;
  }

  /* Rows of a resource as objects keyed by field name. */
  function records(res) {
    var names = res.fields.map(function (f) { return f.name; });
    return res.rows.map(function (row) {
      var rec = {};
      names.forEach(function (name, i) { rec[name] = row[i]; });
      return rec;
    });
  }

  /* A resource's rows by their (single-field) primary key. */
  var byKey = {};
  function rowByKey(name, key) {
    if (!byKey[name]) {
      var res = resource(name);
      byKey[name] = {};
      if (res && res.primaryKey.length === 1) {
        records(res).forEach(function (rec) { byKey[name][String(rec[res.primaryKey[0]])] = rec; });
      }
    }
    return byKey[name][String(key)] || null;
  }

  function anchor(resName, key) {
    return resName + "-" + String(key).replace(/[^A-Za-z0-9_.:-]/g, "_");
  }

  function compare(a, b) {
    if (a === b) return 0;
    if (a === null || a === undefined || a === "") return -1;
    if (b === null || b === undefined || b === "") return 1;
    if (typeof a === "number" && typeof b === "number") return a - b;
    return String(a).localeCompare(String(b));
  }

  /* A CSV field as RFC 4180 writes it: quoted when it holds a comma, a quote or a line break. */
  function csvField(value) {
    if (value === null || value === undefined) return "";
    var text = String(value);
    return /[",\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }

  /* ---- the view in the address ------------------------------------------------ */

  var view = {
    get: function () {
      var params = new URLSearchParams(window.location.search);
      var state = {};
      STATE_KEYS.forEach(function (key) { state[key] = params.get(key) || ""; });
      return state;
    },
    /* The query for a state, keys in a fixed order, empty values left out. */
    query: function (state) {
      var params = new URLSearchParams();
      STATE_KEYS.forEach(function (key) { if (state[key]) params.set(key, state[key]); });
      var text = params.toString();
      return text ? "?" + text : "";
    },
    /* Put a state in the address: "push" (a new step for Back) or "replace". */
    set: function (state, how) {
      var url = window.location.pathname + view.query(state) + window.location.hash;
      if (url === window.location.pathname + window.location.search + window.location.hash) return;
      if (how === "push") window.history.pushState(null, "", url);
      else window.history.replaceState(null, "", url);
      view.links();
    },
    /* The links to the other languages open the same view. */
    links: function () {
      var suffix = window.location.search + window.location.hash;
      Array.prototype.forEach.call(document.querySelectorAll("a[data-lang-href]"), function (a) {
        a.setAttribute("href", a.getAttribute("data-lang-href") + suffix);
      });
    }
  };

  /* ---- counts and timeline ---------------------------------------------------- */

  function showCounts() {
    var parts = data.resources.map(function (res) {
      var name = res.title || res.name;
      return t("count", { n: res.rows.length, name: name, lname: name.toLowerCase() });
    });
    document.getElementById("counts").textContent = parts.join(t("counts_sep"));
  }

  var timeline = null;

  function showTimeline(state, onChange) {
    if (!window.TL || !data.timeline) return;
    // Nothing is fetched: no web-font style sheet (font: null), the language's messages
    // come with the data (a data: URL, never a file to fetch), no analytics, and the
    // data is passed as an object, not a URL.
    var options = {
      font: null,
      theme: null,
      script_path: data.root + "assets/timelinejs/js/",
      language: data.timelineLanguage || "en",
      ga_measurement_id: null,
      soundcite: false,
      hash_bookmark: false,
      timenav_height_percentage: 40,
      timenav_mobile_height_percentage: 35
    };
    timeline = window.siteTimeline = new window.TL.Timeline("timeline", data.timeline, options);
    timeline.on("ready", function () {
      // Open on the event the address names (a shared or bookmarked view).
      if (state.event && data.events.byId[state.event]) timeline.goToId(state.event);
      timeline.on("change", function (e) {
        onChange(e && data.events.byId[e.unique_id] ? e.unique_id : "");
      });
    });
  }

  /* ---- the events table ------------------------------------------------------- */

  function fieldInfo(res, name) {
    for (var i = 0; i < res.fields.length; i++) {
      if (res.fields[i].name === name) return res.fields[i];
    }
    return null;
  }

  /* How the page's language says a value of a controlled vocabulary ("confirmado"). */
  function said(field, value) {
    return field && field.valueNames && field.valueNames[value] ? field.valueNames[value] : value;
  }

  function actorName(field, code) {
    return field && field.names && field.names[code] ? field.names[code] : null;
  }

  function citationItem(cite) {
    var refs = data.events.refs || {};
    var parts = [];
    Object.keys(refs).forEach(function (column) {
      if (cite[column] === undefined) return;
      var target = refs[column];
      var rec = rowByKey(target, cite[column]);
      var label = rec && rec.title ? rec.title : String(cite[column]);
      if (rec && rec.title_en) label += " [" + rec.title_en + "]";
      var url = null;
      if (rec) {
        Object.keys(rec).forEach(function (k) { if (!url && isUrl(rec[k])) url = rec[k]; });
      }
      parts.push(link(label, url));
      parts.push(" ");
      var table = resource(target);
      parts.push(el("a", { href: "#" + anchor(target, cite[column]), class: "ref",
        title: t("in_table", { table: table ? table.title : target }), text: "(" + cite[column] + ")" }));
    });
    var citing = resource(data.events.citations);
    var roleField = citing ? fieldInfo(citing, "role") : null;
    var role = cite.role ? el("span", { class: "role role-" + cite.role, text: said(roleField, cite.role) }) : null;
    var locator = cite.locator ? el("span", { class: "locator", text: cite.locator }) : null;
    var note = cite.notes ? el("span", { class: "cite-note", text: cite.notes }) : null;
    var evidence = cite.evidence ? el("span", { class: "evidence", text: cite.evidence }) : null;
    var children = [role, " "].concat(parts);
    if (locator) children.push(", ", locator);
    if (evidence) children.push("; ", evidence);
    if (note) children.push(" — ", note);
    return el("li", {}, children);
  }

  function allFields(res, rec) {
    var dl = el("dl", { class: "fields" });
    res.fields.forEach(function (field) {
      var value = rec[field.name];
      if (value === null || value === undefined || value === "") return;
      var shown = String(value);
      var label = field.labels && field.labels[shown];
      var name = actorName(field, shown);
      dl.appendChild(el("dt", { title: field.description, text: field.title + " (" + field.name + ")" }));
      var dd = el("dd", {}, [isUrl(value) ? link(shown, value) : said(field, shown)]);
      if (name) dd.appendChild(document.createTextNode(" — " + name));
      if (label) dd.appendChild(el("small", { class: "label", text: " " + label }));
      dl.appendChild(dd);
    });
    return el("details", { class: "all-fields" }, [el("summary", { text: t("all_fields") }), dl]);
  }

  /* Where an event sorts in time: the earliest day it may have started, an open start by its end. */
  function day(rec) {
    return rec.date_start || rec.date_end || null;
  }

  function buildEvents(state) {
    var res = resource(EVENTS);
    if (!res) return null;
    var extras = data.events.byId;
    var actorFields = res.fields.filter(function (f) { return ACTOR_FIELD.test(f.name); });
    var events = records(res).map(function (rec, i) {
      var extra = extras[rec.event_id] || { date: rec.date, decade: null, citations: [] };
      var actors = actorFields.map(function (f) { return rec[f.name]; }).filter(function (a) { return a; });
      var contradicting = extra.citations.filter(function (c) { return c.role === CONTRADICTING; });
      var words = [rec.event_id, extra.date];
      Object.keys(rec).forEach(function (k) { if (rec[k] !== null) words.push(String(rec[k])); });
      actors.forEach(function (code) {
        actorFields.forEach(function (f) { var n = actorName(f, code); if (n) words.push(n); });
      });
      extra.citations.forEach(function (c) {
        Object.keys(data.events.refs || {}).forEach(function (column) {
          var src = rowByKey(data.events.refs[column], c[column]);
          if (src) Object.keys(src).forEach(function (k) { if (src[k] !== null) words.push(String(src[k])); });
        });
        if (c.locator) words.push(c.locator);
        if (c.evidence) words.push(c.evidence);
      });
      return {
        order: i,
        rec: rec,
        extra: extra,
        actors: actors,
        contradicting: contradicting,
        haystack: fold(words.join(" \u0001 "))
      };
    });

    var columns = [
      { key: "date", title: t("col_date"), sort: function (e) { return [day(e.rec), e.rec.date_end, e.rec.event_id]; } },
      { key: "event", title: t("col_event"), sort: function (e) { return [e.rec.title, e.order]; } },
      { key: "type", title: t("col_type"), sort: function (e) { return [e.rec.event_type, e.order]; } },
      { key: "status", title: t("col_status"), sort: function (e) { return [e.rec.status, e.order]; } },
      { key: "actors", title: t("col_actors"), sort: function (e) { return [e.actors.join(" "), e.order]; } }
    ];

    var table = document.getElementById("events-table");
    var tbody = table.tBodies[0];
    var headRow = el("tr");
    table.tHead.appendChild(headRow);
    var sortState = { key: "date", dir: 1 };

    columns.forEach(function (col) {
      var button = el("button", { type: "button", class: "sort", "data-sort": col.key, text: col.title });
      var th = el("th", { scope: "col", "data-key": col.key, class: "col-" + col.key }, [button]);
      button.addEventListener("click", function () {
        sortState.dir = sortState.key === col.key ? -sortState.dir : 1;
        sortState.key = col.key;
        changed("push");
      });
      headRow.appendChild(th);
    });

    var typeField = fieldInfo(res, "event_type");
    var statusField = fieldInfo(res, "status");
    events.forEach(function (e) {
      var rec = e.rec;
      var tr = el("tr", { id: anchor(EVENTS, rec.event_id), class: "event status-" + rec.status });
      var dateCell = el("td", { class: "date" }, [
        el("span", { class: "when", text: e.extra.date }),
        el("br"),
        el("code", { class: "edtf", title: t("edtf_date"), text: rec.date })
      ]);
      var body = [el("strong", { class: "title", text: rec.title })];
      if (rec.summary) body.push(el("p", { class: "summary", text: rec.summary }));
      if (rec.status === "disputed") {
        var box = el("div", { class: "disputed-box" }, [el("strong", { text: t("disputed") })]);
        if (e.contradicting.length) {
          box.appendChild(document.createTextNode(" " + t("contradicted_by") + " "));
          var list = el("ul", { class: "cites" });
          e.contradicting.forEach(function (c) { list.appendChild(citationItem(c)); });
          box.appendChild(list);
        }
        body.push(box);
      }
      if (rec.notes) body.push(el("p", { class: "notes" }, [el("em", { text: t("note") + " " }), rec.notes]));
      if (e.extra.citations.length) {
        var cites = el("ul", { class: "cites" });
        e.extra.citations.forEach(function (c) { cites.appendChild(citationItem(c)); });
        body.push(el("div", { class: "sources" }, [el("span", { class: "sources-label", text: t("sources") }), cites]));
      }
      body.push(allFields(res, rec));
      var actorCell = el("td", { class: "actors" });
      e.actors.forEach(function (code, i) {
        var f = actorFields[i] || actorFields[0];
        var name = actorName(f, code);
        var label = f && f.labels && f.labels[code];
        if (i) actorCell.appendChild(document.createTextNode(" → "));
        actorCell.appendChild(el("abbr", { title: name || label || code, text: code }));
      });
      tr.appendChild(dateCell);
      tr.appendChild(el("td", { class: "event-cell" }, body));
      tr.appendChild(el("td", { class: "type" }, [el("abbr", { title: (typeField && typeField.labels && typeField.labels[rec.event_type]) || "", text: said(typeField, rec.event_type) })]));
      tr.appendChild(el("td", { class: "status" }, [el("span", { class: "badge badge-" + rec.status, title: (statusField && statusField.labels && statusField.labels[rec.status]) || "", text: said(statusField, rec.status) })]));
      tr.appendChild(actorCell);
      e.row = tr;
    });

    /* filters */
    var search = document.getElementById("f-search");
    var selects = {
      type: document.getElementById("f-type"),
      status: document.getElementById("f-status"),
      decade: document.getElementById("f-decade"),
      actor: document.getElementById("f-actor")
    };
    function fill(select, values, labelOf, titleOf) {
      values.forEach(function (v) {
        select.appendChild(el("option", { value: v, title: titleOf ? titleOf(v) : null, text: labelOf ? labelOf(v) : v }));
      });
    }
    function present(get) {
      var seen = {};
      events.forEach(function (e) { [].concat(get(e)).forEach(function (v) { if (v !== null && v !== undefined) seen[v] = true; }); });
      return seen;
    }
    var types = present(function (e) { return e.rec.event_type; });
    fill(selects.type, (typeField && typeField.enum ? typeField.enum : Object.keys(types).sort()).filter(function (v) { return types[v]; }),
      function (v) { return said(typeField, v); }, function (v) { return typeField && typeField.labels ? typeField.labels[v] : null; });
    var statuses = present(function (e) { return e.rec.status; });
    fill(selects.status, (statusField && statusField.enum ? statusField.enum : Object.keys(statuses).sort()).filter(function (v) { return statuses[v]; }),
      function (v) { return said(statusField, v); }, function (v) { return statusField && statusField.labels ? statusField.labels[v] : null; });
    var decades = Object.keys(present(function (e) { return e.extra.decade; })).map(Number).sort(function (a, b) { return a - b; });
    fill(selects.decade, decades.map(String), function (v) { return t("decade", { decade: v }); });
    var actors = Object.keys(present(function (e) { return e.actors; })).sort();
    fill(selects.actor, actors, function (code) {
      for (var i = 0; i < actorFields.length; i++) {
        var name = actorName(actorFields[i], code);
        if (name) return code + " — " + name;
      }
      return code;
    }, function (code) {
      var f = actorFields[0];
      return f && f.labels ? f.labels[code] : null;
    });

    function matches(e) {
      var words = fold(search.value).split(/\s+/).filter(Boolean);
      if (words.some(function (w) { return e.haystack.indexOf(w) < 0; })) return false;
      if (selects.type.value && e.rec.event_type !== selects.type.value) return false;
      if (selects.status.value && e.rec.status !== selects.status.value) return false;
      if (selects.decade.value && String(e.extra.decade) !== selects.decade.value) return false;
      if (selects.actor.value && e.actors.indexOf(selects.actor.value) < 0) return false;
      return true;
    }

    var shownEvents = [];

    function render() {
      var col = columns.filter(function (c) { return c.key === sortState.key; })[0];
      var sorted = events.slice().sort(function (a, b) {
        var ka = col.sort(a), kb = col.sort(b);
        for (var i = 0; i < ka.length; i++) {
          var c = compare(ka[i], kb[i]);
          if (c) return c * sortState.dir;
        }
        return 0;
      });
      shownEvents = [];
      sorted.forEach(function (e) {
        var ok = matches(e);
        e.row.hidden = !ok;
        if (ok) shownEvents.push(e);
        tbody.appendChild(e.row);
      });
      Array.prototype.forEach.call(headRow.children, function (th) {
        var key = th.getAttribute("data-key");
        th.setAttribute("aria-sort", key === sortState.key ? (sortState.dir > 0 ? "ascending" : "descending") : "none");
      });
      var n = events.length, shown = shownEvents.length;
      document.getElementById("shown").textContent =
        shown === n ? t("shown_all", { n: n }) : t("shown_some", { shown: shown, n: n });
      document.getElementById("f-download").disabled = shown === 0;
    }

    /* The controls from a state (the address), ignoring values the page does not offer. */
    function apply(state) {
      search.value = state.q;
      Object.keys(selects).forEach(function (k) {
        var select = selects[k];
        var ok = Array.prototype.some.call(select.options, function (o) { return o.value === state[k]; });
        select.value = ok ? state[k] : "";
      });
      var key = state.sort.replace(/^-/, "");
      var known = columns.some(function (c) { return c.key === key; });
      sortState.key = known ? key : "date";
      sortState.dir = known && state.sort.charAt(0) === "-" ? -1 : 1;
      render();
    }

    /* The state of the controls, with the event the timeline shows. */
    var current = { event: "" };
    function read() {
      var state = { q: search.value.trim(), event: current.event };
      Object.keys(selects).forEach(function (k) { state[k] = selects[k].value; });
      var sort = sortState.key === "date" && sortState.dir > 0 ? "" : sortState.key;
      state.sort = sort && sortState.dir < 0 ? "-" + sort : sort;
      return state;
    }

    var typing = false;
    function changed(how) {
      render();
      view.set(read(), how);
    }

    search.addEventListener("input", function () {
      changed(typing ? "replace" : "push");  // one step for a whole search
      typing = true;
    });
    Object.keys(selects).forEach(function (k) {
      selects[k].addEventListener("change", function () { typing = false; changed("push"); });
    });
    var form = document.getElementById("filters");
    form.addEventListener("submit", function (ev) { ev.preventDefault(); typing = false; });
    form.addEventListener("reset", function () {
      typing = false;
      window.setTimeout(function () { sortState.key = "date"; sortState.dir = 1; changed("push"); }, 0);
    });
    document.getElementById("f-download").addEventListener("click", function () {
      var names = res.fields.map(function (f) { return f.name; });
      var lines = [names.map(csvField).join(",")];
      shownEvents.forEach(function (e) {
        lines.push(names.map(function (name) { return csvField(e.rec[name]); }).join(","));
      });
      var blob = new Blob([lines.join("\n") + "\n"], { type: "text/csv;charset=utf-8" });
      var url = URL.createObjectURL(blob);
      var a = el("a", { href: url, download: t("download_file") });
      document.body.appendChild(a);
      a.click();
      document.body.removeChild(a);
      window.setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
    });

    window.addEventListener("popstate", function () {
      typing = false;
      var state = view.get();
      apply(state);
      current.event = state.event;
      if (timeline && state.event && data.events.byId[state.event]) timeline.goToId(state.event);
      view.links();
    });

    apply(state);
    current.event = state.event;
    return {
      /* The timeline moved to another event: the address follows, without a new step. */
      eventShown: function (id) {
        current.event = id;
        view.set(read(), "replace");
      }
    };
  }

  /* ---- every other resource, as a plain sortable table ------------------------ */

  function buildOtherTables() {
    var container = document.getElementById("tables");
    var citing = data.events.citations;
    var refs = data.events.refs || {};
    data.resources.forEach(function (res) {
      if (res.name === EVENTS || res.name === citing) return;
      var citedBy = {};
      var refColumns = Object.keys(refs).filter(function (c) { return refs[c] === res.name; });
      if (refColumns.length) {
        Object.keys(data.events.byId).forEach(function (eventId) {
          data.events.byId[eventId].citations.forEach(function (c) {
            refColumns.forEach(function (column) {
              if (c[column] === undefined) return;
              var list = citedBy[c[column]] = citedBy[c[column]] || [];
              if (list.indexOf(eventId) < 0) list.push(eventId);
            });
          });
        });
      }
      var section = el("section", { id: res.name + "-section", class: "resource" }, [el("h2", { text: res.title })]);
      if (res.descriptionHtml) {
        // markup.html rendered the descriptor's Markdown with raw HTML off: safe to insert.
        var about = el("div", { class: "resource-description" });
        about.innerHTML = res.descriptionHtml;
        section.appendChild(about);
      }
      var table = el("table", { id: res.name + "-table", class: "data" });
      var head = el("tr");
      var fieldsShown = res.fields.slice();
      fieldsShown.forEach(function (field, i) {
        var button = el("button", { type: "button", class: "sort", title: field.description, text: field.title });
        button.addEventListener("click", function () { sortBy(i); });
        head.appendChild(el("th", { scope: "col", "data-key": field.name }, [button]));
      });
      if (refColumns.length) head.appendChild(el("th", { scope: "col", text: t("col_events") }));
      table.appendChild(el("thead", {}, [head]));
      var tbody = el("tbody");
      table.appendChild(tbody);
      var key = res.primaryKey.length === 1 ? res.primaryKey[0] : null;
      var rows = records(res).map(function (rec, order) {
        var tr = el("tr", { id: key ? anchor(res.name, rec[key]) : null });
        fieldsShown.forEach(function (field) {
          var value = rec[field.name];
          var td = el("td", { class: "f-" + field.name });
          if (value !== null && value !== undefined) {
            var shown = String(value);
            if (isUrl(value)) td.appendChild(link(shown, value));
            else if (field.references && rowByKey(field.references, value)) {
              td.appendChild(el("a", { href: "#" + anchor(field.references, value), text: shown }));
            } else {
              var label = field.labels && field.labels[shown];
              td.appendChild(label ? el("abbr", { title: label, text: said(field, shown) }) : document.createTextNode(shown));
            }
          }
          tr.appendChild(td);
        });
        if (refColumns.length) {
          var td = el("td", { class: "cited-by" });
          (citedBy[key ? rec[key] : ""] || []).forEach(function (eventId, i) {
            if (i) td.appendChild(document.createTextNode(", "));
            td.appendChild(el("a", { href: "#" + anchor(EVENTS, eventId), text: eventId }));
          });
          tr.appendChild(td);
        }
        return { rec: rec, order: order, tr: tr };
      });
      var state = { index: -1, dir: 1 };
      function sortBy(i) {
        state.dir = state.index === i ? -state.dir : 1;
        state.index = i;
        var name = fieldsShown[i].name;
        rows.sort(function (a, b) { return compare(a.rec[name], b.rec[name]) * state.dir || a.order - b.order; });
        rows.forEach(function (r) { tbody.appendChild(r.tr); });
        Array.prototype.forEach.call(head.children, function (th, j) {
          th.setAttribute("aria-sort", j === i ? (state.dir > 0 ? "ascending" : "descending") : "none");
        });
      }
      rows.forEach(function (r) { tbody.appendChild(r.tr); });
      section.appendChild(el("div", { class: "table-wrap" }, [table]));
      container.appendChild(section);
    });
  }

  var initial = view.get();
  showCounts();
  var eventsView = buildEvents(initial);
  buildOtherTables();
  view.links();
  showTimeline(initial, function (id) { if (eventsView) eventsView.eventShown(id); });
})();
