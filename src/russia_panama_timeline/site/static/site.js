/* The page's tables and the timeline, drawn from window.SITE_DATA (assets/data.js).
 *
 * Plain JavaScript, no framework and no network: the data is embedded by
 * `russia-panama-timeline site`, because browsers refuse to fetch local files from a
 * page opened from disk. Every resource of the data package is shown with the fields
 * its schema declares; the events table adds search, filters and sorting, and lists
 * each event's sources with their role, locator, and the date each states and whose
 * information it carries.
 */
(function () {
  "use strict";

  var data = window.SITE_DATA;
  var EVENTS = "events";
  var CONTRADICTING = "contradicting";
  var ACTOR_FIELD = /^actor\d*$/;

  /* ---- small helpers ---------------------------------------------------------- */

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

  function columnIndex(res) {
    var index = {};
    res.fields.forEach(function (field, i) { index[field.name] = i; });
    return index;
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

  /* ---- counts and timeline ---------------------------------------------------- */

  function showCounts() {
    var parts = data.resources.map(function (res) {
      return res.rows.length + " " + res.name.replace(/_/g, " ");
    });
    document.getElementById("counts").textContent = parts.join(", ");
  }

  function showTimeline() {
    if (!window.TL || !data.timeline) return;
    // Nothing is fetched: no web-font style sheet (font: null), the English messages
    // are built in, no analytics, and the data is passed as an object, not a URL.
    window.siteTimeline = new window.TL.Timeline("timeline", data.timeline, {
      font: null,
      theme: null,
      script_path: "assets/timelinejs/js/",
      language: "en",
      ga_measurement_id: null,
      soundcite: false,
      hash_bookmark: false,
      timenav_height_percentage: 45
    });
  }

  /* ---- the events table ------------------------------------------------------- */

  function fieldInfo(res, name) {
    for (var i = 0; i < res.fields.length; i++) {
      if (res.fields[i].name === name) return res.fields[i];
    }
    return null;
  }

  function actorName(field, code) {
    return field && field.names && field.names[code] ? field.names[code] : null;
  }

  function citationItem(cite) {
    var refs = data.events.refs || {};
    var parts = [];
    var sourceLink = null;
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
      sourceLink = link(label, url);
      parts.push(sourceLink);
      parts.push(" ");
      parts.push(el("a", { href: "#" + anchor(target, cite[column]), class: "ref", title: "in the " + target + " table", text: "(" + cite[column] + ")" }));
    });
    var role = cite.role ? el("span", { class: "role role-" + cite.role, text: cite.role }) : null;
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
      var dd = el("dd", {}, [isUrl(value) ? link(shown, value) : shown]);
      if (name) dd.appendChild(document.createTextNode(" — " + name));
      if (label) dd.appendChild(el("small", { class: "label", text: " " + label }));
      dl.appendChild(dd);
    });
    return el("details", { class: "all-fields" }, [el("summary", { text: "All fields" }), dl]);
  }

  function buildEvents() {
    var res = resource(EVENTS);
    if (!res) return;
    var extras = data.events.byId;
    var actorFields = res.fields.filter(function (f) { return ACTOR_FIELD.test(f.name); });
    var events = records(res).map(function (rec, i) {
      var extra = extras[rec.event_id] || { date: rec.date, decade: null, citations: [] };
      var actors = actorFields.map(function (f) { return rec[f.name]; }).filter(function (a) { return a; });
      var contradicting = extra.citations.filter(function (c) { return c.role === CONTRADICTING; });
      var words = [rec.event_id, extra.date];
      Object.keys(rec).forEach(function (k) { if (rec[k] !== null) words.push(String(rec[k])); });
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
        haystack: words.join(" \u0001 ").toLowerCase()
      };
    });

    var columns = [
      { key: "date", title: "Date", sort: function (e) { return [e.rec.date_start, e.rec.date_end, e.order]; } },
      { key: "event", title: "Event and sources", sort: function (e) { return [e.rec.title, e.order]; } },
      { key: "type", title: "Type", sort: function (e) { return [e.rec.event_type, e.order]; } },
      { key: "status", title: "Status", sort: function (e) { return [e.rec.status, e.order]; } },
      { key: "actors", title: "Actors", sort: function (e) { return [e.actors.join(" "), e.order]; } }
    ];

    var table = document.getElementById("events-table");
    var tbody = table.tBodies[0];
    var headRow = el("tr");
    table.tHead.appendChild(headRow);
    var sortState = { key: "date", dir: 1 };

    columns.forEach(function (col) {
      var button = el("button", { type: "button", class: "sort", "data-sort": col.key, text: col.title });
      var th = el("th", { scope: "col", "data-key": col.key }, [button]);
      button.addEventListener("click", function () {
        sortState.dir = sortState.key === col.key ? -sortState.dir : 1;
        sortState.key = col.key;
        render();
      });
      headRow.appendChild(th);
    });

    var typeField = fieldInfo(res, "event_type");
    var statusField = fieldInfo(res, "status");
    events.forEach(function (e) {
      var rec = e.rec;
      var tr = el("tr", { id: anchor(EVENTS, rec.event_id), class: "event status-" + rec.status });
      var dateCell = el("td", { class: "date" }, [
        el("span", { text: e.extra.date }),
        el("br"),
        el("code", { class: "edtf", title: "EDTF date", text: rec.date })
      ]);
      var body = [el("strong", { class: "title", text: rec.title })];
      if (rec.summary) body.push(el("p", { class: "summary", text: rec.summary }));
      if (rec.status === "disputed") {
        var box = el("div", { class: "disputed-box" }, [el("strong", { text: "Disputed." })]);
        if (e.contradicting.length) {
          box.appendChild(document.createTextNode(" Contradicted by: "));
          var list = el("ul", { class: "cites" });
          e.contradicting.forEach(function (c) { list.appendChild(citationItem(c)); });
          box.appendChild(list);
        }
        body.push(box);
      }
      if (rec.notes) body.push(el("p", { class: "notes" }, [el("em", { text: "Note: " }), rec.notes]));
      if (e.extra.citations.length) {
        var cites = el("ul", { class: "cites" });
        e.extra.citations.forEach(function (c) { cites.appendChild(citationItem(c)); });
        body.push(el("div", { class: "sources" }, [el("span", { class: "sources-label", text: "Sources:" }), cites]));
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
      tr.appendChild(el("td", { class: "type" }, [el("abbr", { title: (typeField && typeField.labels && typeField.labels[rec.event_type]) || "", text: rec.event_type })]));
      tr.appendChild(el("td", { class: "status" }, [el("span", { class: "badge badge-" + rec.status, title: (statusField && statusField.labels && statusField.labels[rec.status]) || "", text: rec.status })]));
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
      null, function (v) { return typeField && typeField.labels ? typeField.labels[v] : null; });
    var statuses = present(function (e) { return e.rec.status; });
    fill(selects.status, (statusField && statusField.enum ? statusField.enum : Object.keys(statuses).sort()).filter(function (v) { return statuses[v]; }),
      null, function (v) { return statusField && statusField.labels ? statusField.labels[v] : null; });
    var decades = Object.keys(present(function (e) { return e.extra.decade; })).map(Number).sort(function (a, b) { return a - b; });
    fill(selects.decade, decades.map(String), function (v) { return v + "s"; });
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
      var q = search.value.trim().toLowerCase();
      if (q && q.split(/\s+/).some(function (w) { return e.haystack.indexOf(w) < 0; })) return false;
      if (selects.type.value && e.rec.event_type !== selects.type.value) return false;
      if (selects.status.value && e.rec.status !== selects.status.value) return false;
      if (selects.decade.value && String(e.extra.decade) !== selects.decade.value) return false;
      if (selects.actor.value && e.actors.indexOf(selects.actor.value) < 0) return false;
      return true;
    }

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
      var shown = 0;
      sorted.forEach(function (e) {
        var ok = matches(e);
        e.row.hidden = !ok;
        if (ok) shown++;
        tbody.appendChild(e.row);
      });
      Array.prototype.forEach.call(headRow.children, function (th) {
        var key = th.getAttribute("data-key");
        th.setAttribute("aria-sort", key === sortState.key ? (sortState.dir > 0 ? "ascending" : "descending") : "none");
      });
      document.getElementById("shown").textContent =
        shown === events.length ? "All " + events.length + " events." : shown + " of " + events.length + " events shown.";
    }

    search.addEventListener("input", render);
    Object.keys(selects).forEach(function (k) { selects[k].addEventListener("change", render); });
    var form = document.getElementById("filters");
    form.addEventListener("submit", function (ev) { ev.preventDefault(); });
    form.addEventListener("reset", function () { window.setTimeout(render, 0); });
    render();
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
      var section = el("section", { id: res.name + "-section", class: "resource" }, [
        el("h2", { text: res.title }),
        res.description ? el("p", { class: "resource-description", text: res.description }) : null
      ]);
      var table = el("table", { id: res.name + "-table", class: "data" });
      var head = el("tr");
      var fieldsShown = res.fields.slice();
      fieldsShown.forEach(function (field, i) {
        var button = el("button", { type: "button", class: "sort", title: field.description, text: field.title });
        button.addEventListener("click", function () { sortBy(i); });
        head.appendChild(el("th", { scope: "col", "data-key": field.name }, [button]));
      });
      if (refColumns.length) head.appendChild(el("th", { scope: "col", text: "Events" }));
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
              td.appendChild(label ? el("abbr", { title: label, text: shown }) : document.createTextNode(shown));
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

  showCounts();
  buildEvents();
  buildOtherTables();
  showTimeline();
})();
