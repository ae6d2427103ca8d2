// geomap runtime, part 5: the event list beside the map and the timeline beneath it.
// The list is a table of every event shown (only the rows in view are in the DOM, so it
// keeps up with 100,000 events); the timeline stacks events per day, week or month by
// type, and dragging across it (older to newer) filters the map and the list.
/* global isoOf, plain, fold, binUnit, binStart, binEnd, dayOf */
/* exported EventPanel */

var ROW_HEIGHT = 82;
var OVERSCAN = 6;

function el(tag, cls, parent, attrs) {
  var node = document.createElement(tag);
  if (cls) { node.className = cls; }
  if (parent) { parent.appendChild(node); }
  for (var k in attrs || {}) {
    if (Object.prototype.hasOwnProperty.call(attrs, k)) { node.setAttribute(k, attrs[k]); }
  }
  return node;
}

function isoDay(value) {
  var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value || "");
  return m ? dayOf(+m[1], +m[2], +m[3]) : null;
}

function EventPanel(ctrl, options) {
  this._ctrl = ctrl;
  this.options = options || {};
  this.rows = [];
  this._drawn = {};
  var map = ctrl.map, container = map.getContainer();
  // the page: [map + timeline | list]
  var layout = el("div", "geomap-layout");
  container.parentNode.insertBefore(layout, container);
  var main = el("div", "geomap-main", layout);
  main.appendChild(container);
  container.style.height = "auto";
  container.style.width = "auto";
  L.DomUtil.addClass(container, "geomap-map");
  this.layout = layout;
  if (this.options.timeline !== false) { this._buildTimeline(main); }
  if (this.options.list !== false) { this._buildList(layout); }
  ctrl._listen(this.update, this);
  var self = this;
  window.addEventListener("resize", function () { self._resized(); });
  setTimeout(function () { map.invalidateSize(); self._resized(); }, 0);
}

// -- the list ---------------------------------------------------------------------------
EventPanel.prototype._buildList = function (layout) {
  var ctrl = this._ctrl, self = this;
  var aside = el("aside", "geomap-panel", layout, {"aria-label": "Event list"});
  var filters = el("div", "geomap-filters", aside);
  var text = el("input", "geomap-filter-text", filters,
    {type: "search", placeholder: "Filter events: actor, place, words\u2026",
     "aria-label": "Filter events"});
  text.addEventListener("input", function () { ctrl.setText(text.value); });
  var line = el("div", "geomap-filter-line", filters);
  var country = el("select", "geomap-filter-country", line, {"aria-label": "Country"});
  el("option", "", country, {value: ""}).textContent = "All countries";
  ctrl.countries().forEach(function (name) {
    el("option", "", country, {value: name}).textContent = name;
  });
  country.addEventListener("change", function () { ctrl.setCountry(country.value); });
  var from = el("input", "geomap-filter-from", line, {type: "date", "aria-label": "From date"});
  var to = el("input", "geomap-filter-to", line, {type: "date", "aria-label": "To date"});
  function dates() { ctrl.setRange(isoDay(from.value), isoDay(to.value)); }
  from.addEventListener("change", dates);
  to.addEventListener("change", dates);
  var types = el("div", "geomap-filter-types", filters, {role: "group",
                                                         "aria-label": "Event types"});
  this._typeBoxes = ctrl.layers.map(function (layer) {
    var label = el("label", "geomap-filter-type", types);
    var box = el("input", "", label, {type: "checkbox"});
    box.checked = true;
    var sw = el("span", "geomap-swatch", label);
    sw.style.background = layer.options.color;
    var name = el("span", "", label);
    name.innerHTML = layer.options.name;  // escaped in Python
    box.addEventListener("change", function () {
      if (box.checked) { ctrl.map.addLayer(layer); } else { ctrl.map.removeLayer(layer); }
    });
    return [layer, box];
  });
  var bar = el("div", "geomap-filter-status", filters);
  var status = el("span", "geomap-list-status", bar, {role: "status"});
  var clear = el("button", "geomap-filter-clear", bar, {type: "button"});
  clear.textContent = "Clear filters";
  clear.addEventListener("click", function () {
    text.value = ""; country.value = ""; from.value = ""; to.value = "";
    ctrl.clearFilters();
  });
  var table = el("div", "geomap-list", aside, {role: "table", "aria-label": "Events"});
  var head = el("div", "geomap-list-head", table, {role: "rowgroup"});
  var headRow = el("div", "geomap-row-head", head, {role: "row"});
  ["Date", "Type", "Place", "Actors", "Evidence"].forEach(function (name) {
    el("span", "", headRow, {role: "columnheader"}).textContent = name;
  });
  var body = el("div", "geomap-list-body", table, {role: "rowgroup", tabindex: "-1"});
  var spacer = el("div", "geomap-list-spacer", body);
  body.addEventListener("scroll", function () { self._render(); });
  this._text = text; this._country = country; this._from = from; this._to = to;
  this._status = status; this._table = table; this._body = body; this._spacer = spacer;
  L.DomEvent.disableClickPropagation(aside);
};

EventPanel.prototype._render = function () {
  if (!this._body) { return; }
  var body = this._body, rows = this.rows, ctrl = this._ctrl;
  var top = body.scrollTop, height = body.clientHeight || 400;
  var first = Math.max(0, Math.floor(top / ROW_HEIGHT) - OVERSCAN);
  var last = Math.min(rows.length, Math.ceil((top + height) / ROW_HEIGHT) + OVERSCAN);
  var keep = {};
  for (var i = first; i < last; i++) {
    var ev = rows[i], node = this._drawn[ev.uid];
    if (!node) { node = this._row(ev); }
    node.style.top = (i * ROW_HEIGHT) + "px";
    node.setAttribute("aria-rowindex", String(i + 2));
    keep[ev.uid] = node;
  }
  for (var uid in this._drawn) {
    if (!keep[uid]) { this._spacer.removeChild(this._drawn[uid]); }
  }
  this._drawn = keep;
  this._spacer.style.height = (rows.length * ROW_HEIGHT) + "px";
  this._table.setAttribute("aria-rowcount", String(rows.length + 1));
  if (ctrl.selected) { this._mark(ctrl.selected); }
};

// one row: escaped strings from the data joined with constant markup
EventPanel.prototype._row = function (ev) {
  var ctrl = this._ctrl, o = ev.layer.options, self = this;
  var row = el("div", "geomap-row", this._spacer, {role: "row", tabindex: "0",
                                                   "data-event-id": ev.id});
  var date = typeof ev.p.d === "string" ? ev.p.d : "";
  var actors = [ctrl._str(ev, "a1"), ctrl._str(ev, "a2")].filter(function (x) { return x; });
  var loc = ctrl._str(ev, "loc"), cty = ctrl._str(ev, "cty");
  var place = loc === cty ? [loc] : [loc, cty].filter(function (x) { return x; });
  row.innerHTML =
    '<span role="cell" class="geomap-c-date">' + date + "</span>" +
    '<span role="cell" class="geomap-c-type"><span class="geomap-swatch" style="background:' +
    o.color + '"></span>' + o.name + "</span>" +
    '<span role="cell" class="geomap-c-place">' + place.join(", ") +
    (ev.gp === 3 ? ' <span class="geomap-muted">(area)</span>' : "") + "</span>" +
    '<span role="cell" class="geomap-c-actors">' + (actors.join(" \u2014 ") ||
      '<span class="geomap-muted">actors not named</span>') + "</span>" +
    '<span role="cell" class="geomap-c-evidence">' + (typeof ev.p.n === "string" ? ev.p.n : "") +
    "</span>";
  row.addEventListener("click", function () { ctrl.openEvent(ev); });
  row.addEventListener("keydown", function (e) {
    if (e.key === "Enter" || e.key === " ") {
      e.preventDefault();
      ctrl.openEvent(ev);
    } else if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      self.focusRow(self.rows.indexOf(ev) + (e.key === "ArrowDown" ? 1 : -1));
    }
  });
  return row;
};

EventPanel.prototype.focusRow = function (index) {
  if (index < 0 || index >= this.rows.length) { return; }
  this.scrollTo(this.rows[index]);
  this._render();
  var node = this._drawn[this.rows[index].uid];
  if (node) { node.focus(); }
};

EventPanel.prototype.scrollTo = function (ev) {
  if (!this._body) { return; }
  var i = this.rows.indexOf(ev);
  if (i < 0) { return; }
  var top = i * ROW_HEIGHT, body = this._body;
  if (top < body.scrollTop || top + ROW_HEIGHT > body.scrollTop + body.clientHeight) {
    body.scrollTop = Math.max(0, top - body.clientHeight / 3);
  }
};

EventPanel.prototype._mark = function (ev) {
  for (var uid in this._drawn) {
    L.DomUtil[+uid === ev.uid ? "addClass" : "removeClass"](this._drawn[uid],
      "geomap-row-selected");
  }
};

EventPanel.prototype.update = function () {
  var ctrl = this._ctrl;
  // the events sorted once (date, type); the rows keep that order
  if (!this._sorted || this._sorted.length !== ctrl.events.length) {
    this._sorted = ctrl.events.slice().sort(ctrl.byDate);
  }
  this.rows = this._sorted.filter(function (ev) { return ev.visible; });
  if (this._body) {
    var total = ctrl.events.length, n = this.rows.length;
    this._status.textContent = (n === total ? "All " + total : n + " of " + total) +
      (total === 1 ? " event" : " events");
    for (var i = 0; i < this._typeBoxes.length; i++) {
      this._typeBoxes[i][1].checked = ctrl.map.hasLayer(this._typeBoxes[i][0]);
    }
    var r = ctrl.range;
    this._from.value = r && r[0] !== null ? isoOf(r[0]) : "";
    this._to.value = r && r[1] !== null ? isoOf(r[1]) : "";
    this._render();
  }
  if (this._canvas) { this._drawTimeline(); }
};

// -- the timeline -------------------------------------------------------------------------
EventPanel.prototype._buildTimeline = function (main) {
  var ctrl = this._ctrl, self = this;
  var box = el("div", "geomap-timeline", main, {role: "group", "aria-label": "Timeline"});
  var head = el("div", "geomap-timeline-head", box);
  var label = el("span", "geomap-timeline-label", head, {"aria-live": "polite"});
  var clear = el("button", "geomap-timeline-clear", head, {type: "button"});
  clear.textContent = "All dates";
  clear.addEventListener("click", function () { ctrl.setRange(null, null); });
  var canvas = el("canvas", "geomap-timeline-canvas", box, {
    tabindex: "0", role: "img",
    "aria-label": "Events per period, stacked by type; drag across to choose dates, " +
      "arrow keys move the choice, Shift+arrows extend it, Escape shows all dates"});
  this._canvas = canvas; this._tlLabel = label;
  var range = ctrl.dateRange();
  this._span = range;
  var drag = null;
  function dayAt(e) {
    var rect = canvas.getBoundingClientRect(), x = e.clientX - rect.left;
    return self._dayAtX(x);
  }
  canvas.addEventListener("pointerdown", function (e) {
    if (!self._span) { return; }
    drag = {start: dayAt(e), end: dayAt(e)};
    canvas.setPointerCapture(e.pointerId);
    self._drag = drag;
    self._drawTimeline();
  });
  canvas.addEventListener("pointermove", function (e) {
    if (!drag) { return; }
    drag.end = dayAt(e);
    self._drawTimeline();
  });
  function finish(e) {
    if (!drag) { return; }
    drag.end = dayAt(e);
    var lo = Math.min(drag.start, drag.end), hi = Math.max(drag.start, drag.end);
    drag = null;
    self._drag = null;
    ctrl.setRange(binStart(lo, self._unit), binEnd(binStart(hi, self._unit), self._unit));
  }
  canvas.addEventListener("pointerup", finish);
  canvas.addEventListener("pointercancel", function () { drag = null; self._drag = null; });
  canvas.addEventListener("keydown", function (e) { self._key(e); });
};

EventPanel.prototype._key = function (e) {
  var ctrl = this._ctrl, span = this._span, unit = this._unit;
  if (!span) { return; }
  if (e.key === "Escape") { ctrl.setRange(null, null); e.preventDefault(); return; }
  if (e.key !== "ArrowLeft" && e.key !== "ArrowRight") { return; }
  e.preventDefault();
  var r = ctrl.range, step = e.key === "ArrowRight" ? 1 : -1;
  var lo = r && r[0] !== null ? r[0] : null, hi = r && r[1] !== null ? r[1] : null;
  function move(day) {
    var s = binStart(day, unit);
    return step > 0 ? binEnd(s, unit) + 1 : binStart(s - 1, unit);
  }
  if (lo === null || hi === null) {
    lo = binStart(step > 0 ? span[0] : span[1], unit);
    hi = binEnd(lo, unit);
  } else if (e.shiftKey) {
    hi = Math.max(lo, binEnd(binStart(move(hi), unit), unit));
  } else {
    lo = binStart(move(lo), unit);
    hi = binEnd(lo, unit);
  }
  lo = Math.max(lo, binStart(span[0], unit));
  hi = Math.min(hi, binEnd(binStart(span[1], unit), unit));
  if (lo <= hi) { ctrl.setRange(lo, hi); }
};

EventPanel.prototype._geometry = function () {
  var canvas = this._canvas, w = canvas.clientWidth || 600, span = this._span;
  var unit = binUnit(span[1] - span[0] + 1);
  var first = binStart(span[0], unit), last = binStart(span[1], unit);
  var bins = [];
  for (var b = first; b <= last; b = binEnd(b, unit) + 1) { bins.push(b); }
  this._unit = unit;
  this._bins = bins;
  var pad = 8;
  this._bw = (w - 2 * pad) / bins.length;
  this._pad = pad;
  return {w: w, h: canvas.clientHeight || 80};
};

EventPanel.prototype._dayAtX = function (x) {
  var i = Math.floor((x - this._pad) / this._bw);
  i = Math.max(0, Math.min(this._bins.length - 1, i));
  return this._bins[i];
};

EventPanel.prototype._drawTimeline = function () {
  var ctrl = this._ctrl, canvas = this._canvas, span = this._span;
  if (!span) { this._tlLabel.textContent = "Timeline: no dated events"; return; }
  var g = this._geometry(), ratio = window.devicePixelRatio || 1;
  canvas.width = Math.round(g.w * ratio);
  canvas.height = Math.round(g.h * ratio);
  var ctx = canvas.getContext("2d");
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.clearRect(0, 0, g.w, g.h);
  var bins = this._bins, unit = this._unit, index = {}, layers = ctrl.layers;
  for (var b = 0; b < bins.length; b++) { index[bins[b]] = b; }
  // counts[bin][layer]: events passing every filter but the dates
  var counts = bins.map(function () { return new Array(layers.length).fill(0); });
  var events = ctrl.events, max = 1;
  for (var i = 0; i < events.length; i++) {
    var ev = events[i];
    if (!ev.base || ev.date === null) { continue; }
    var at = index[binStart(ev.date, unit)];
    if (at !== undefined) { counts[at][ev.li]++; }
  }
  var totals = counts.map(function (row) { return row.reduce(function (a, c) { return a + c; }, 0); });
  for (var t = 0; t < totals.length; t++) { max = Math.max(max, totals[t]); }
  var axis = 16, top = 4, hBars = g.h - axis - top, r = ctrl.range, drag = this._drag;
  var lo = null, hi = null;
  if (drag) {
    lo = binStart(Math.min(drag.start, drag.end), unit);
    hi = binEnd(binStart(Math.max(drag.start, drag.end), unit), unit);
  } else if (r) { lo = r[0]; hi = r[1]; }
  var bw = this._bw, pad = this._pad;
  for (var k = 0; k < bins.length; k++) {
    var x = pad + k * bw, y = top + hBars, inRange = (lo === null || binEnd(bins[k], unit) >= lo) &&
      (hi === null || bins[k] <= hi);
    if (lo !== null && inRange) {
      ctx.fillStyle = "rgba(255, 214, 10, 0.28)";
      ctx.fillRect(x, top, bw, hBars);
    }
    ctx.globalAlpha = inRange ? 1 : 0.3;
    for (var l = 0; l < layers.length; l++) {
      var n = counts[k][l];
      if (!n) { continue; }
      var h = n / max * hBars;
      ctx.fillStyle = layers[l].options.color;
      ctx.fillRect(x + Math.min(1, bw * 0.1), y - h, Math.max(1, bw - Math.min(2, bw * 0.2)), h);
      y -= h;
    }
    ctx.globalAlpha = 1;
  }
  // the axis: a tick per bin when there is room, else per month or year
  ctx.fillStyle = "#444";
  ctx.font = "10px system-ui, sans-serif";
  ctx.textBaseline = "top";
  var every = Math.max(1, Math.ceil(56 / bw)), lastX = -1e9;
  for (var a = 0; a < bins.length; a += every) {
    var ax = pad + a * bw;
    if (ax - lastX < 56) { continue; }
    ctx.fillText(isoOf(bins[a]).slice(unit === "month" ? 0 : 5, unit === "month" ? 7 : 10),
      ax, g.h - axis + 3);
    lastX = ax;
  }
  ctx.strokeStyle = "#999";
  ctx.beginPath();
  ctx.moveTo(pad, top + hBars + 0.5);
  ctx.lineTo(g.w - pad, top + hBars + 0.5);
  ctx.stroke();
  var shown = ctrl.visibleEvents().length;
  this._tlLabel.textContent = "Timeline (events per " + unit + "): " + (r ?
    isoOf(r[0] !== null ? r[0] : span[0]) + " to " + isoOf(r[1] !== null ? r[1] : span[1]) +
    ", " + shown + (shown === 1 ? " event" : " events") :
    isoOf(span[0]) + " to " + isoOf(span[1]) + ", drag to choose dates");
};

EventPanel.prototype._resized = function () {
  this._ctrl.map.invalidateSize();
  if (this._canvas) { this._drawTimeline(); }
  this._render();
};

// the text the free-text filter searches (decoded and folded once per event)
EventPanel.textOf = function (ctrl, ev) {
  var keys = ["st", "a1", "a2", "pm", "loc", "adm", "cty", "doc", "ttl", "src"];
  var parts = [ev.layer.options.name, typeof ev.p.n === "string" ? ev.p.n : "",
               typeof ev.p.d === "string" ? ev.p.d : ""];
  for (var i = 0; i < keys.length; i++) { parts.push(ctrl._str(ev, keys[i])); }
  return fold(plain(parts.join(" \u0001 ")));
};
