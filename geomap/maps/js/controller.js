// geomap runtime, part 6: the controller of one map. It holds the events of every type
// layer, the filters (types through the layer control, the day slider, a date range,
// a country, free text), the shared cluster group and areas, and the popups.
/* global TIME_TEXT, GEO_TEXT, spanOf, plain, fold, num, isoOf, clusterIcon, TypeLayer,
   HeatLayer, RegionLayer, LabelLayer, AreaSet, EventPanel, LegendControl, TimeControl,
   SearchControl, FullscreenControl, MiniMap, NoticeControl, outlineGeoJSON, dollarShim */

var MAX_LISTED = 50;
var layerControls = [];
L.Control.Layers.addInitHook(function () { layerControls.push(this); });
dollarShim(window);
// folium's own markers use Leaflet's default icon, whose images the offline page
// carries as data URIs: the icon reads them from the stylesheet, not from files
if (L.Icon.Default && window.GEOMAP_ICONS) {
  L.Icon.Default.imagePath = "";
  L.Icon.Default.mergeOptions(window.GEOMAP_ICONS);
}

function Controller(map, options) {
  this.map = map;
  this.options = options;
  this.layers = [];
  this.events = [];
  this.bySlug = {};
  this.day = null;
  this.range = null;
  this.country = "";
  this.text = "";
  this.ready = false;
  this.outlines = null;
  this.selected = null;
  this.areas = new AreaSet(this, {areas: []});
  this._shown = [];
  this._listeners = [];
  this._scheduled = false;
  this._index = null;
  this._uid = 0;
  var self = this;
  map.createPane("geomapOutlines").style.zIndex = 150;
  map.createPane("geomapLabels").style.zIndex = 360;
  map.getPane("geomapLabels").style.pointerEvents = "none";
  map.createPane("geomapHeat").style.zIndex = 380;
  map.getPane("geomapHeat").style.pointerEvents = "none";
  this.cluster = L.markerClusterGroup({
    maxClusterRadius: options.clusterRadius || 40,
    chunkedLoading: true,
    showCoverageOnHover: false,
    spiderfyOnMaxZoom: true,
    iconCreateFunction: clusterIcon,
    chunkProgress: function (done, total) {
      if (done >= total) { setTimeout(function () { self._loaded(); }, 0); }
    }
  });
  map.addLayer(this.cluster);
  // popups and tooltips are bound on first use, not once per marker
  this.cluster.on("click", function (e) {
    var m = e.layer;
    if (m && m._geomap) { self._openMarker(m); }
  });
  this.cluster.on("mouseover", function (e) {
    var m = e.layer;
    if (m && m._geomap && !m.getTooltip()) {
      m.bindTooltip(function (l) { return self.tooltipHtml([l._geomap]); }, {sticky: true});
      m.openTooltip(e.latlng);
    }
  });
  map.on("resize", this._fitScreen, this);
  map._geomap = this;
  // after the page's script has added every control: fit the events inside them
  // (two turns: the panel and the legend settle the map's size in the first)
  setTimeout(function () {
    setTimeout(function () { map.invalidateSize(); self._fitScreen(); self.fit(); }, 0);
  }, 0);
  this._changed();
}

Controller.prototype._register = function (layer) {
  layer.index = this.layers.length;
  this.layers.push(layer);
  this.bySlug[layer.options.slug] = layer;
  for (var i = 0; i < layer.events.length; i++) {
    var ev = layer.events[i];
    ev.uid = this._uid++;
    ev.li = layer.index;
    ev.base = true;
    this.events.push(ev);
    if (ev.gp === 3) { this.areas.add(ev); }
  }
  this._index = null;
};
Controller.prototype._listen = function (fn, context) { this._listeners.push([fn, context]); };
Controller.prototype._changed = function () {
  if (this._scheduled) { return; }
  this._scheduled = true;
  this.ready = false;
  var self = this;
  Promise.resolve().then(function () { self._scheduled = false; self._sync(); });
};
Controller.prototype.timeFiltered = function () { return this.day !== null || !!this.range; };
Controller.prototype._sync = function () {
  var add = [], remove = [], day = this.day, r = this.range, shown = [];
  var country = this.country, text = this.text;
  for (var i = 0; i < this.layers.length; i++) {
    var layer = this.layers[i], on = this.map.hasLayer(layer), events = layer.events;
    for (var j = 0; j < events.length; j++) {
      var ev = events[j];
      var base = (!country || this._plainStr(ev, "cty") === country) &&
        (!text || this._textOf(ev).indexOf(text) !== -1);
      var inDay = day === null || (ev.span !== null && ev.span[0] <= day && day <= ev.span[1]);
      var inRange = !r || (ev.date !== null && (r[0] === null || ev.date >= r[0]) &&
                           (r[1] === null || ev.date <= r[1]));
      ev.base = on && base;
      ev.timeShown = inDay && inRange && base;
      ev.visible = on && ev.timeShown;
      if (ev.visible) { shown.push(ev); }
      var m = ev.marker;
      if (m) {
        if (ev.visible && !m._geomapIn) { add.push(m); m._geomapIn = true; } else if (!ev.visible && m._geomapIn) { remove.push(m); m._geomapIn = false; }
      }
    }
  }
  this._shown = shown;
  var t0 = Date.now();
  this.areas.redraw(this.map);
  // the cluster group: markers one by one when few change, else rebuilt from the shown
  // markers (markercluster removes one marker at a time through every zoom level)
  var markers = this.cluster, keep = [];
  for (var s = 0; s < shown.length; s++) { if (shown[s].marker) { keep.push(shown[s].marker); } }
  if (remove.length > 2000 && remove.length > keep.length) {
    markers.clearLayers();
    add = keep;
  } else if (remove.length) {
    markers.removeLayers(remove);
  }
  var t1 = Date.now();
  if (add.length) { markers.addLayers(add); } else { this._loaded(); }
  var t2 = Date.now();
  for (var k = 0; k < this._listeners.length; k++) {
    this._listeners[k][0].call(this._listeners[k][1]);
  }
  this.timing = {remove: t1 - t0, add: t2 - t1, listeners: Date.now() - t2};
};
Controller.prototype._loaded = function () {
  if (this._scheduled) { return; }
  this.ready = true;
  this.map.fire("geomap:ready");
};
Controller.prototype.layer = function (slug) { return this.bySlug[slug] || null; };
Controller.prototype.visibleEvents = function () { return this._shown; };
Controller.prototype.byDate = function (a, b) {
  var da = a.date === null ? Infinity : a.date, db = b.date === null ? Infinity : b.date;
  return da - db || a.li - b.li || a.uid - b.uid;
};
Controller.prototype._textOf = function (ev) {
  if (ev._text === undefined) { ev._text = EventPanel.textOf(this, ev); }
  return ev._text;
};
Controller.prototype._plainStr = function (ev, key) {
  var v = ev.p[key];
  if (!num(v)) { return ""; }
  var cache = ev.s._plain || (ev.s._plain = {});
  if (!(v in cache)) { cache[v] = plain(ev.s[v]); }
  return cache[v];
};
// the first and last day the events may have happened on
Controller.prototype.dayRange = function () {
  var lo = null, hi = null;
  for (var i = 0; i < this.events.length; i++) {
    var s = this.events[i].span;
    if (!s) { continue; }
    if (lo === null || s[0] < lo) { lo = s[0]; }
    if (hi === null || s[1] > hi) { hi = s[1]; }
  }
  return lo === null ? null : [lo, hi];
};
// the first and last of the events' dates (as written)
Controller.prototype.dateRange = function () {
  var lo = null, hi = null;
  for (var i = 0; i < this.events.length; i++) {
    var d = this.events[i].date;
    if (d === null) { continue; }
    if (lo === null || d < lo) { lo = d; }
    if (hi === null || d > hi) { hi = d; }
  }
  return lo === null ? null : [lo, hi];
};
Controller.prototype.countries = function () {
  var seen = {}, out = [];
  for (var i = 0; i < this.events.length; i++) {
    var c = this._plainStr(this.events[i], "cty");
    if (c && !seen[c]) { seen[c] = true; out.push(c); }
  }
  return out.sort();
};
// -- filters -------------------------------------------------------------------------------
// show only the events that may have happened on ``day`` (days since 1970), or all (null)
Controller.prototype.setDay = function (day) {
  this.day = day === null || day === undefined ? null : Math.round(day);
  this._changed();
};
// show only the events dated from ``lo`` to ``hi`` (days since 1970; null: open)
Controller.prototype.setRange = function (lo, hi) {
  lo = num(lo) ? Math.round(lo) : null;
  hi = num(hi) ? Math.round(hi) : null;
  if (lo !== null && hi !== null && lo > hi) { var t = lo; lo = hi; hi = t; }
  this.range = lo === null && hi === null ? null : [lo, hi];
  this._changed();
};
Controller.prototype.setCountry = function (name) { this.country = name || ""; this._changed(); };
Controller.prototype.setText = function (text) {
  this.text = fold(String(text || "").trim());
  this._changed();
};
Controller.prototype.clearFilters = function () {
  this.day = null; this.range = null; this.country = ""; this.text = "";
  for (var i = 0; i < this.layers.length; i++) {
    if (!this.map.hasLayer(this.layers[i])) { this.map.addLayer(this.layers[i]); }
  }
  this._changed();
};
Controller.prototype.dayOf = function (iso) {
  var s = spanOf(iso, 1);
  return s ? s[0] : null;
};
// -- the view ------------------------------------------------------------------------------
// room the controls in the map's corners take, for fitting and panning
Controller.prototype.padding = function () {
  var corners = this.map._controlCorners || {}, size = {};
  ["topleft", "topright", "bottomleft", "bottomright"].forEach(function (name) {
    var c = corners[name];
    size[name] = c ? {x: c.offsetWidth, y: c.offsetHeight} : {x: 0, y: 0};
  });
  var map = this.map.getSize();
  var left = Math.min(size.topleft.x, map.x / 4), right = Math.min(
    Math.max(size.topright.x, size.bottomright.x), map.x / 3);
  var top = Math.min(Math.max(size.topleft.y, size.topright.y) / 2, map.y / 4);
  var bottom = Math.min(Math.max(size.bottomleft.y, size.bottomright.y), map.y / 3);
  return {topLeft: [left + 12, top + 12], bottomRight: [right + 12, bottom + 12]};
};
Controller.prototype.fit = function () {
  var b = this.options.bounds;
  if (!b) { return; }
  var pad = this.padding();
  this.map.fitBounds(b, {paddingTopLeft: pad.topLeft, paddingBottomRight: pad.bottomRight,
                         maxZoom: this.options.maxZoom || 10, animate: false});
};
// the layer control collapses on small maps (and opens on hover, focus or a tap)
Controller.prototype._fitScreen = function () {
  var size = this.map.getSize(), self = this;
  this._small = size.x < 1100 || size.y < 640;
  layerControls.forEach(function (c) {
    if (c._map !== self.map) { return; }
    if (!c._geomapToggle && !c.options.collapsed) {
      c._geomapToggle = true;
      L.DomEvent.on(c.getContainer(), "mouseenter", function () {
        if (self._small) { c.expand(); }
      });
      L.DomEvent.on(c.getContainer(), "mouseleave", function () {
        if (self._small) { c.collapse(); }
      });
      L.DomEvent.on(c._layersLink, "click", function () { if (self._small) { c.expand(); } });
      self.map.on("click", function () { if (self._small) { c.collapse(); } });
    }
    if (self._small) { c.collapse(); } else if (!self.options.collapsed) { c.expand(); }
  });
};
Controller.prototype.focus = function (events) {
  if (!events.length) { return; }
  var bounds = L.latLngBounds(events.map(function (ev) { return [ev.lat, ev.lng]; }));
  var pad = this.padding();
  this.map.fitBounds(bounds.pad(0.05), {maxZoom: this.options.focusZoom || 10,
    paddingTopLeft: pad.topLeft, paddingBottomRight: pad.bottomRight});
};
// fly to an event and open its popup (a marker: out of its cluster; an area: its shape)
Controller.prototype.openEvent = function (ev) {
  var self = this, map = this.map;
  this.selected = ev;
  if (this.panel) { this.panel.scrollTo(ev); this.panel._render(); }
  if (ev.marker) {
    var m = ev.marker;
    if (!m._geomapIn) { return; }
    // a marker out of its cluster is on the map itself (getVisibleParent needs an icon)
    var shown = function () { return map.hasLayer(m) && map.getBounds().contains(m.getLatLng()); };
    if (shown()) { this._openMarker(m); return; }
    var started = Date.now();
    this.cluster.zoomToShowLayer(m, function () { self._openMarker(m); });
    // zoomToShowLayer calls back only for markers with an icon: watch for circle markers
    var poll = setInterval(function () {
      if (shown() && !self.cluster._inZoomAnimation) {
        clearInterval(poll);
        if (!m.isPopupOpen()) { self._openMarker(m); }
      } else if (Date.now() - started > 6000) { clearInterval(poll); }
    }, 60);
  } else if (ev.area && ev.area.layer) {
    var area = ev.area, pad = this.padding(), at = L.latLng(area.lat, area.lng);
    map.once("moveend", function () { self.areas.open(at, ev); });
    map.fitBounds(this.areas.bounds(area), {maxZoom: 7, paddingTopLeft: pad.topLeft,
                                            paddingBottomRight: pad.bottomRight});
  }
};
Controller.prototype._openMarker = function (m) {
  var self = this;
  if (!m.getPopup()) {
    m.bindPopup(function (l) { return self.popupHtml([l._geomap]); }, this.popupOptions());
  }
  this.selected = m._geomap;
  if (this.panel) { this.panel._render(); }
  m.openPopup();
};
Controller.prototype.popupOptions = function () {
  var pad = this.padding();
  return {maxWidth: 360, className: "geomap-popup-wrapper", autoPanPaddingTopLeft: pad.topLeft,
          autoPanPaddingBottomRight: [pad.bottomRight[0], 20]};
};
// -- search ---------------------------------------------------------------------------------
// places (events' as resolved and as written, then labelled places) whose name contains
// ``query``, most events first
Controller.prototype.search = function (query) {
  var q = fold(String(query || "").trim());
  if (q.length < 2) { return []; }
  if (!this._index) {
    var byHtml = {}, entries = [];
    for (var i = 0; i < this.events.length; i++) {
      var ev = this.events[i], p = ev.p, keys = [p.loc, p.pm];
      for (var k = 0; k < keys.length; k++) {
        var html = num(keys[k]) ? ev.s[keys[k]] : null;
        if (typeof html !== "string" || !html) { continue; }
        var entry = byHtml[html];
        if (!entry) {
          var text = plain(html);
          entry = byHtml[html] = {html: html, text: text, key: fold(text), events: [],
                                  seen: new Set(), kind: "place"};
          entries.push(entry);
        }
        if (!entry.seen.has(ev)) { entry.seen.add(ev); entry.events.push(ev); }
      }
    }
    this._index = entries;
  }
  var found = this._index.filter(function (e) { return e.key.indexOf(q) !== -1; });
  if (this.labels) {
    var have = {};
    found.forEach(function (e) { have[e.key] = true; });
    found = found.concat(this.labels.search(q).filter(function (e) { return !have[e.key]; }));
  }
  found.sort(function (a, b) {
    var sa = a.key.indexOf(q) === 0 ? 0 : 1, sb = b.key.indexOf(q) === 0 ? 0 : 1;
    if (sa !== sb) { return sa - sb; }
    if (a.events.length !== b.events.length) { return b.events.length - a.events.length; }
    return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
  });
  return found.slice(0, 8);
};
// -- popups ---------------------------------------------------------------------------------
Controller.prototype.tooltipHtml = function (events) {
  var ev = events[0], p = ev.p;
  var parts = [typeof p.d === "string" ? p.d : "", ev.layer.options.name, this._str(ev, "loc")];
  var text = parts.filter(function (x) { return x; }).join(" \u00B7 ");
  if (events.length > 1) { text += " (+" + (events.length - 1) + " more)"; }
  return text;
};
Controller.prototype._str = function (ev, key) {
  var v = ev.p[key];
  return num(v) && typeof ev.s[v] === "string" ? ev.s[v] : "";
};
Controller.prototype.listHtml = function (events) {
  var parts = [];
  for (var i = 0; i < Math.min(events.length, MAX_LISTED); i++) {
    parts.push(this.eventHtml(events[i]));
  }
  if (events.length > MAX_LISTED) {
    parts.push('<div class="geomap-muted">and ' + (events.length - MAX_LISTED) +
               " more (see the event list)</div>");
  }
  return parts.join("");
};
Controller.prototype.popupHtml = function (events) {
  if (events.length === 1) { return this.eventHtml(events[0]); }
  return '<div class="geomap-popup-list"><div class="geomap-popup-count">' + events.length +
    " events</div>" + this.listHtml(events) + "</div>";
};
function link(url, text) {  // ``url`` and ``text`` are escaped: no quotes, no tags
  return /^https?:\/\/\S+$/i.test(url) ?
    '<a href="' + url + '" target="_blank" rel="noopener noreferrer">' + text + "</a>" : text;
}
// one event's popup: escaped strings from the data joined with constant markup
Controller.prototype.eventHtml = function (ev) {
  var p = ev.p, o = ev.layer.options, self = this, rows = [];
  function str(key) { return self._str(ev, key); }
  var date = typeof p.d === "string" ? p.d : "";
  if (TIME_TEXT[p.tp]) { date += ' <span class="geomap-muted">(' + TIME_TEXT[p.tp] + ")</span>"; }
  rows.push(["Date", date]);
  var actors = [str("a1"), str("a2")].filter(function (x) { return x; });
  rows.push(["Actors", actors.length ? actors.join(" \u2014 ") :
             '<span class="geomap-muted">not named</span>']);
  if (num(p.f)) { rows.push(["Fatalities", String(p.f)]); }
  rows.push(["As written", "\u201C" + str("pm") + "\u201D"]);
  var resolved = [str("loc"), str("adm"), str("cty")].filter(function (x) { return x; });
  var where = resolved.join(", ");
  if (num(p.g)) {
    where += ' <span class="geomap-muted">(GeoNames <a href="https://www.geonames.org/' +
      p.g + '" target="_blank" rel="noopener noreferrer">' + p.g + "</a>)</span>";
  }
  rows.push(["Resolved to", where]);
  rows.push(["Precision", ev.gp + " \u2014 " + GEO_TEXT[ev.gp]]);
  if (num(p.c)) { rows.push(["Confidence", p.c.toFixed(2)]); }
  var doc = str("doc"), title = str("ttl"), url = str("url"), src = str("src");
  var docText = title ? title + (doc ? ' <span class="geomap-muted">(' + doc + ")</span>" : "") :
    doc;
  if (url) { docText = link(url, docText || url); }
  if (docText) { rows.push(["Document", docText]); }
  if (src && src !== doc && src !== url) { rows.push(["Source", link(src, src)]); }
  var body = rows.map(function (r) {
    return "<tr><th>" + r[0] + "</th><td>" + r[1] + "</td></tr>";
  }).join("");
  var sub = str("st");
  return '<div class="geomap-popup" data-event-id="' + ev.id + '"><h4>' +
    '<span class="geomap-swatch" style="background:' + o.color + '"></span>' + o.name +
    (sub ? " <small>\u00B7 " + sub + "</small>" : "") + "</h4><table>" + body +
    '</table><blockquote class="geomap-evidence">' +
    (typeof p.n === "string" ? p.n : "") + "</blockquote></div>";
};

// -- layers and controls the Python side creates ---------------------------------------
Controller.prototype.typeLayer = function (data, options) {
  return new TypeLayer(this, data, options);
};
Controller.prototype.areaData = function (data) {
  var old = this.areas;
  this.areas = new AreaSet(this, data);
  for (var i = 0; i < old.areas.length; i++) {
    old.areas[i].events.forEach(function (ev) { this.areas.add(ev); }, this);
  }
};
Controller.prototype.heatLayer = function (data, options) {
  return new HeatLayer(this, data, options);
};
Controller.prototype.regionLayer = function (data, options) {
  return new RegionLayer(this, data, options);
};
Controller.prototype.labelLayer = function (data, options) {
  return new LabelLayer(this, data, options);
};
Controller.prototype.outlineLayer = function (data) {
  var map = this.map, container = map.getContainer();
  this.outlines = data;
  var layer = L.geoJSON(outlineGeoJSON(data), {
    pane: "geomapOutlines", interactive: false,
    style: {color: "#8c8c8c", weight: 0.8, fillColor: "#f4f1ea", fillOpacity: 1}
  });
  layer.on("add", function () { L.DomUtil.addClass(container, "geomap-offline-base"); });
  layer.on("remove", function () {
    L.DomUtil.removeClass(container, "geomap-offline-base");
  });
  return layer;
};
// when a tile layer's tiles all fail (no network), show ``fallback`` and say so
Controller.prototype.tileFallback = function (tiles, fallback) {
  var map = this.map, self = this, loaded = 0, failed = 0;
  if (!this.notice) { this.notice = new NoticeControl({position: "bottomright"}).addTo(map); }
  tiles.on("loading", function () { loaded = 0; failed = 0; });
  tiles.on("tileload", function () { loaded++; });
  tiles.on("tileerror", function () { failed++; });
  tiles.on("load", function () {
    if (loaded || !failed) { self.notice.hide(); return; }
    // after the tile layer has finished handling its own event
    setTimeout(function () {
      if (!map.hasLayer(tiles)) { return; }
      map.removeLayer(tiles);
      map.addLayer(fallback);
      self.notice.show("The map tiles could not load (no network?): showing country " +
                       "outlines instead.");
    }, 0);
  });
};
Controller.prototype.legend = function (html, options) {
  return new LegendControl(this, html, options);
};
Controller.prototype.timeControl = function (options) { return new TimeControl(this, options); };
Controller.prototype.searchControl = function (options) {
  return new SearchControl(this, options);
};
Controller.prototype.fullscreenControl = function (options) {
  return new FullscreenControl(options);
};
Controller.prototype.miniMap = function (options) { return new MiniMap(this, options); };
// the list and the timeline live beside the map, not on it: a stand-in control
Controller.prototype.eventPanel = function (options) {
  var self = this;
  return {addTo: function () { self.panel = new EventPanel(self, options); return self.panel; }};
};

window.GeomapRuntime = {
  controller: function (map, options) { return new Controller(map, options || {}); },
  isoOf: isoOf
};
