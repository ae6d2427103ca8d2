"""The map's own JavaScript and CSS (written for geomap), inlined into every map page.

The script defines ``window.GeomapRuntime``: a controller per map that turns
one GeoJSON per layer into clustered markers, area circles, a heat layer,
region counts, a legend that follows the layer toggles, a day-by-day time
control, a place search, a full-screen button and a minimap.

Every string property it receives was escaped by
:func:`geomap.maps._escape.escape_text` in Python; the script only joins such
strings with its own constant markup and numbers, and it never evaluates
them. Text it reads back (for the search) is decoded in a ``<textarea>``,
which parses no tags.
"""

from __future__ import annotations

__all__ = ["RUNTIME_CSS", "RUNTIME_JS"]

RUNTIME_JS = r"""
(function (L) {
  "use strict";
  var DAY = 86400000;
  var TIME_TEXT = {1: "exact day", 2: "within a week", 3: "within a month"};
  var GEO_TEXT = {
    1: "exact place",
    2: "near the place (district level)",
    3: "region or country: drawn as an area, not an exact point"
  };
  var POINT_STYLE = {
    1: {radius: 6, weight: 1.5, opacity: 1, fillOpacity: 0.85},
    2: {radius: 8, weight: 2, opacity: 0.9, fillOpacity: 0.5, dashArray: "2 3"}
  };
  var POPUP = {maxWidth: 360, className: "geomap-popup-wrapper"};
  var MAX_LISTED = 50;

  function dayOf(y, m, d) { return Math.round(Date.UTC(y, m - 1, d) / DAY); }
  function isoOf(day) { return new Date(day * DAY).toISOString().slice(0, 10); }

  // [first day, last day] an event may have happened on, from its date and time precision
  function spanOf(iso, tp) {
    var m = /^(\d{4})-(\d{2})-(\d{2})/.exec(typeof iso === "string" ? iso : "");
    if (!m) { return null; }
    var y = +m[1], mo = +m[2], d = dayOf(y, mo, +m[3]);
    if (tp === 2) { return [d - 3, d + 3]; }
    if (tp === 3) { return [dayOf(y, mo, 1), dayOf(y, mo + 1, 1) - 1]; }
    return [d, d];
  }

  // escaped text -> plain text (a textarea parses no tags)
  var decoder = document.createElement("textarea");
  function plain(html) { decoder.innerHTML = html; return decoder.value; }
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  function num(value) { return typeof value === "number" && isFinite(value); }

  function clusterIcon(cluster) {
    var markers = cluster.getAllChildMarkers(), n = markers.length, counts = {}, order = [];
    for (var i = 0; i < n; i++) {
      var c = markers[i].options.color;
      if (!(c in counts)) { counts[c] = 0; order.push(c); }
      counts[c]++;
    }
    order.sort();
    var stops = [], acc = 0;
    for (var j = 0; j < order.length; j++) {
      var a = acc / n * 360, b = (acc + counts[order[j]]) / n * 360;
      stops.push(order[j] + " " + a.toFixed(1) + "deg " + b.toFixed(1) + "deg");
      acc += counts[order[j]];
    }
    var size = n < 10 ? 30 : n < 100 ? 36 : n < 1000 ? 42 : 48;
    return L.divIcon({
      html: '<div style="background:conic-gradient(' + stops.join(",") + ')"><span>' +
        n + "</span></div>",
      className: "geomap-cluster",
      iconSize: L.point(size, size)
    });
  }

  // -- one overlay per event type ---------------------------------------------------
  var TypeLayer = L.Layer.extend({
    initialize: function (ctrl, data, options) {
      L.setOptions(this, options);
      this._ctrl = ctrl;
      this._areas = L.layerGroup();
      this.events = [];
      var strings = data.strings || [], features = data.features || [];
      for (var i = 0; i < features.length; i++) {
        var f = features[i], p = f.properties || {}, c = f.geometry.coordinates;
        var gp = p.gp === 2 || p.gp === 3 ? p.gp : 1;
        var ev = {
          id: typeof f.id === "string" ? f.id : "", p: p, s: strings, layer: this,
          lat: c[1], lng: c[0], gp: gp, span: spanOf(p.d, p.tp),
          marker: null, timeShown: true, visible: false
        };
        if (gp !== 3) {
          ev.marker = L.circleMarker([ev.lat, ev.lng], L.extend({
            color: options.color, fillColor: options.color, fill: true,
            className: "geomap-event geomap-type-" + options.slug + " geomap-precision-" + gp
          }, POINT_STYLE[gp]));
          ev.marker._geomap = ev;
        }
        this.events.push(ev);
      }
      ctrl._register(this);
    },
    onAdd: function (map) { this._areas.addTo(map); this._ctrl._changed(); },
    onRemove: function (map) { map.removeLayer(this._areas); this._ctrl._changed(); },
    // events shown now (0 when the layer is off)
    count: function () {
      var n = 0;
      for (var i = 0; i < this.events.length; i++) { if (this.events[i].visible) { n++; } }
      return n;
    },
    // events within the time filter, whether the layer is on or off
    inTime: function () {
      var n = 0;
      for (var i = 0; i < this.events.length; i++) { if (this.events[i].timeShown) { n++; } }
      return n;
    },
    total: function () { return this.events.length; },
    areaCount: function () { return this._areas.getLayers().length; },
    _drawAreas: function () {
      var ctrl = this._ctrl, o = this.options, groups = {}, order = [];
      this._areas.clearLayers();
      for (var i = 0; i < this.events.length; i++) {
        var ev = this.events[i];
        if (ev.gp !== 3 || !ev.visible) { continue; }
        var key = ev.lat + "," + ev.lng + "," + (num(ev.p.r) ? ev.p.r : 0);
        if (!groups[key]) { groups[key] = []; order.push(key); }
        groups[key].push(ev);
      }
      for (var j = 0; j < order.length; j++) {
        var evs = groups[order[j]], first = evs[0];
        var circle = L.circle([first.lat, first.lng], {
          radius: num(first.p.r) ? first.p.r : 50000,
          pane: ctrl.options.areaPane, color: o.color, fillColor: o.color, weight: 2,
          opacity: 0.8, fillOpacity: Math.min(0.07 + 0.01 * (evs.length - 1), 0.14),
          dashArray: "6 5",
          className: "geomap-event geomap-area geomap-type-" + o.slug + " geomap-precision-3"
        });
        circle._geomapEvents = evs;
        circle.bindPopup(function (l) { return ctrl.popupHtml(l._geomapEvents); }, POPUP);
        circle.bindTooltip(function (l) { return ctrl.tooltipHtml(l._geomapEvents); },
          {sticky: true});
        this._areas.addLayer(circle);
      }
    }
  });

  // -- heat map of the events shown, drawn on a canvas ------------------------------
  var HeatLayer = L.Layer.extend({
    options: {radius: 22, alpha: 0.12, pane: "geomapHeat"},
    initialize: function (ctrl, options) {
      L.setOptions(this, options);
      this._ctrl = ctrl;
      this.drawn = 0;
      ctrl._listen(this._redraw, this);
      ctrl.heat = this;
    },
    onAdd: function (map) {
      this._canvas = L.DomUtil.create("canvas", "geomap-heat leaflet-zoom-hide");
      map.getPane(this.options.pane).appendChild(this._canvas);
      map.on("moveend resize", this._redraw, this);
      this._redraw();
    },
    onRemove: function (map) {
      L.DomUtil.remove(this._canvas);
      map.off("moveend resize", this._redraw, this);
      this._canvas = null;
      this.drawn = 0;
    },
    _stamp: function () {
      if (this._stampCanvas) { return this._stampCanvas; }
      var r = this.options.radius, s = document.createElement("canvas");
      s.width = s.height = 2 * r;
      var g = s.getContext("2d"), grad = g.createRadialGradient(r, r, 0, r, r, r);
      grad.addColorStop(0, "rgba(0,0,0,1)");
      grad.addColorStop(1, "rgba(0,0,0,0)");
      g.fillStyle = grad;
      g.fillRect(0, 0, 2 * r, 2 * r);
      this._stampCanvas = s;
      return s;
    },
    _palette: function () {
      if (this._pal) { return this._pal; }
      var c = document.createElement("canvas");
      c.width = 256; c.height = 1;
      var g = c.getContext("2d"), grad = g.createLinearGradient(0, 0, 256, 0);
      grad.addColorStop(0.0, "#313695");
      grad.addColorStop(0.3, "#4575b4");
      grad.addColorStop(0.55, "#fee090");
      grad.addColorStop(0.8, "#f46d43");
      grad.addColorStop(1.0, "#a50026");
      g.fillStyle = grad;
      g.fillRect(0, 0, 256, 1);
      this._pal = g.getImageData(0, 0, 256, 1).data;
      return this._pal;
    },
    _redraw: function () {
      var map = this._map, canvas = this._canvas;
      if (!map || !canvas) { return; }
      var size = map.getSize(), r = this.options.radius;
      L.DomUtil.setPosition(canvas, map.containerPointToLayerPoint([0, 0]));
      canvas.width = size.x;
      canvas.height = size.y;
      var ctx = canvas.getContext("2d", {willReadFrequently: true});
      var b = map.getBounds().pad(0.1), s = b.getSouth(), n = b.getNorth();
      var w = b.getWest(), e = b.getEast(), stamp = this._stamp(), drawn = 0;
      var events = this._ctrl.visibleEvents();
      ctx.globalAlpha = this.options.alpha;
      for (var i = 0; i < events.length; i++) {
        var ev = events[i];
        if (ev.lat < s || ev.lat > n || ev.lng < w || ev.lng > e) { continue; }
        var pt = map.latLngToContainerPoint([ev.lat, ev.lng]);
        ctx.drawImage(stamp, pt.x - r, pt.y - r);
        drawn++;
      }
      this.drawn = drawn;
      if (!drawn || !size.x || !size.y) { return; }
      var img = ctx.getImageData(0, 0, size.x, size.y), d = img.data, pal = this._palette();
      for (var k = 3; k < d.length; k += 4) {
        var a = d[k];
        if (!a) { continue; }
        var j = a * 4;
        d[k - 3] = pal[j]; d[k - 2] = pal[j + 1]; d[k - 1] = pal[j + 2];
        d[k] = Math.min(230, 60 + a);
      }
      ctx.putImageData(img, 0, 0);
    }
  });

  // -- event counts per first-order region: graduated circles -------------------
  var RegionLayer = L.Layer.extend({
    initialize: function (ctrl, data, options) {
      L.setOptions(this, options);
      this._ctrl = ctrl;
      this._data = data;
      this._group = L.layerGroup();
      ctrl._listen(this._redraw, this);
      ctrl.regions = this;
    },
    onAdd: function (map) { this._group.addTo(map); this._redraw(); },
    onRemove: function (map) { map.removeLayer(this._group); },
    counts: function () {
      var features = this._data.features || [], out = [], events = this._ctrl.visibleEvents();
      for (var i = 0; i < features.length; i++) { out.push(0); }
      for (var j = 0; j < events.length; j++) {
        var rg = events[j].p.rg;
        if (num(rg) && rg >= 0 && rg < out.length) { out[rg]++; }
      }
      return out;
    },
    _redraw: function () {
      if (!this._map) { return; }
      this._group.clearLayers();
      var features = this._data.features || [], counts = this.counts(), max = 0;
      for (var i = 0; i < counts.length; i++) { max = Math.max(max, counts[i]); }
      for (var j = 0; j < features.length; j++) {
        var n = counts[j];
        if (!n) { continue; }
        var p = features[j].properties || {}, c = features[j].geometry.coordinates;
        var name = [p.name, p.cty].filter(function (x) { return typeof x === "string" && x; });
        var text = name.join(", ") + ": " + n + (n === 1 ? " event" : " events");
        var radius = 8 + 26 * Math.sqrt(n / max);
        L.circleMarker([c[1], c[0]], {
          radius: radius, color: "#222", weight: 1.2, fillColor: "#555", fillOpacity: 0.3,
          className: "geomap-region", pane: this._ctrl.options.regionPane
        }).bindTooltip(text, {sticky: true}).addTo(this._group);
        L.marker([c[1], c[0]], {
          icon: L.divIcon({className: "geomap-region-label", html: String(n),
                           iconSize: [48, 16]}),
          interactive: false, keyboard: false, pane: this._ctrl.options.regionPane
        }).addTo(this._group);
      }
    }
  });

  // -- controls --------------------------------------------------------------------------
  var LegendControl = L.Control.extend({
    initialize: function (ctrl, html, options) {
      L.setOptions(this, options);
      this._ctrl = ctrl;
      this._html = html;
    },
    onAdd: function () {
      var div = L.DomUtil.create("div", "geomap-legend leaflet-bar"), ctrl = this._ctrl;
      div.innerHTML = this._html;  // built in Python from escaped text
      L.DomEvent.disableClickPropagation(div);
      L.DomEvent.disableScrollPropagation(div);
      this._div = div;
      ctrl._listen(this.update, this);
      this.update();
      return div;
    },
    update: function () {
      var ctrl = this._ctrl, layers = ctrl.layers;
      for (var i = 0; i < layers.length; i++) {
        var layer = layers[i];
        var item = this._div.querySelector('[data-geomap-type="' + layer.options.slug + '"]');
        if (!item) { continue; }
        var on = ctrl.map.hasLayer(layer);
        L.DomUtil[on ? "removeClass" : "addClass"](item, "geomap-legend-off");
        item.setAttribute("aria-disabled", on ? "false" : "true");
        var count = item.querySelector(".geomap-count");
        if (count) {
          count.textContent = ctrl.day === null ? String(layer.total()) :
            layer.inTime() + " of " + layer.total();
        }
      }
    }
  });

  var TimeControl = L.Control.extend({
    options: {position: "bottomleft", interval: 700},
    initialize: function (ctrl, options) {
      L.setOptions(this, options);
      this._ctrl = ctrl;
      this._timer = null;
    },
    onAdd: function () {
      var ctrl = this._ctrl, range = ctrl.dayRange(), self = this;
      var div = L.DomUtil.create("div", "geomap-time leaflet-bar");
      L.DomEvent.disableClickPropagation(div);
      L.DomEvent.disableScrollPropagation(div);
      if (!range) {
        div.textContent = "No dated events";
        return div;
      }
      var play = L.DomUtil.create("button", "geomap-time-play", div);
      play.type = "button";
      play.title = "Play the events day by day";
      play.textContent = "\u25B6";
      var slider = L.DomUtil.create("input", "geomap-time-slider", div);
      slider.type = "range";
      slider.min = String(range[0]);
      slider.max = String(range[1]);
      slider.step = "1";
      slider.value = String(range[0]);
      slider.setAttribute("aria-label", "Day shown");
      var label = L.DomUtil.create("span", "geomap-time-label", div);
      var all = L.DomUtil.create("button", "geomap-time-all", div);
      all.type = "button";
      all.textContent = "All dates";
      this._play = play; this._slider = slider; this._label = label; this._range = range;
      slider.addEventListener("input", function () {
        self.stop();
        ctrl.setDay(parseInt(slider.value, 10));
      });
      all.addEventListener("click", function () { self.stop(); ctrl.setDay(null); });
      play.addEventListener("click", function () {
        if (self._timer !== null) { self.stop(); } else { self.start(); }
      });
      ctrl._listen(this.update, this);
      this.update();
      return div;
    },
    start: function () {
      var ctrl = this._ctrl, range = this._range, self = this;
      if (ctrl.day === null || ctrl.day >= range[1]) { ctrl.setDay(range[0]); }
      this._play.textContent = "\u275A\u275A";
      this._play.title = "Pause";
      this._timer = setInterval(function () {
        if (ctrl.day >= range[1]) { self.stop(); } else { ctrl.setDay(ctrl.day + 1); }
      }, this.options.interval);
    },
    stop: function () {
      if (this._timer !== null) { clearInterval(this._timer); }
      this._timer = null;
      if (this._play) { this._play.textContent = "\u25B6"; this._play.title = "Play"; }
    },
    update: function () {
      var ctrl = this._ctrl, range = this._range;
      if (ctrl.day === null) {
        this._label.textContent = "All dates, " + isoOf(range[0]) + " to " + isoOf(range[1]);
      } else {
        this._slider.value = String(ctrl.day);
        var n = ctrl.visibleEvents().length;
        this._label.textContent = isoOf(ctrl.day) + ": " + n + (n === 1 ? " event" : " events");
      }
    }
  });

  var SearchControl = L.Control.extend({
    options: {position: "topleft"},
    initialize: function (ctrl, options) { L.setOptions(this, options); this._ctrl = ctrl; },
    onAdd: function () {
      var ctrl = this._ctrl, self = this;
      var div = L.DomUtil.create("div", "geomap-search leaflet-bar");
      var input = L.DomUtil.create("input", "geomap-search-input", div);
      input.type = "search";
      input.placeholder = "Find a place\u2026";
      input.setAttribute("aria-label", "Find a place among the events");
      var list = L.DomUtil.create("ul", "geomap-search-results", div);
      L.DomEvent.disableClickPropagation(div);
      L.DomEvent.disableScrollPropagation(div);
      this._results = [];
      input.addEventListener("input", function () {
        self._results = ctrl.search(input.value);
        list.innerHTML = "";
        for (var i = 0; i < self._results.length; i++) {
          var r = self._results[i], li = L.DomUtil.create("li", "", list);
          // r.html is escaped text; the rest is constant markup and a number
          li.innerHTML = r.html + ' <span class="geomap-muted">(' + r.events.length + ")</span>";
          li.addEventListener("click", self._choose.bind(self, r, input, list));
        }
      });
      input.addEventListener("keydown", function (e) {
        if (e.key === "Enter" && self._results.length) {
          self._choose(self._results[0], input, list);
        } else if (e.key === "Escape") {
          input.value = ""; list.innerHTML = ""; self._results = [];
        }
      });
      return div;
    },
    _choose: function (result, input, list) {
      input.value = result.text;
      list.innerHTML = "";
      this._results = [];
      this._ctrl.focus(result.events);
    }
  });

  var FullscreenControl = L.Control.extend({
    options: {position: "topleft"},
    onAdd: function (map) {
      var div = L.DomUtil.create("div", "leaflet-bar geomap-fullscreen");
      var a = L.DomUtil.create("a", "", div);
      a.href = "#";
      a.title = "Full screen";
      a.setAttribute("role", "button");
      a.setAttribute("aria-label", "Full screen");
      // constant markup: four corner strokes
      a.innerHTML = '<svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true">' +
        '<path d="M1 6V1h5M10 1h5v5M15 10v5h-5M6 15H1v-5" fill="none" stroke="#333" ' +
        'stroke-width="2"/></svg>';
      var container = map.getContainer();
      L.DomEvent.on(a, "click", function (e) {
        L.DomEvent.preventDefault(e);
        L.DomEvent.stopPropagation(e);
        if (document.fullscreenElement) {
          document.exitFullscreen();
        } else if (L.DomUtil.hasClass(container, "geomap-pseudo-fullscreen")) {
          L.DomUtil.removeClass(container, "geomap-pseudo-fullscreen");
          map.invalidateSize();
        } else if (container.requestFullscreen) {
          container.requestFullscreen().catch(function () {
            L.DomUtil.addClass(container, "geomap-pseudo-fullscreen");
            map.invalidateSize();
          });
        } else {
          L.DomUtil.addClass(container, "geomap-pseudo-fullscreen");
          map.invalidateSize();
        }
      });
      document.addEventListener("fullscreenchange", function () { map.invalidateSize(); });
      return div;
    }
  });

  var MiniMap = L.Control.extend({
    options: {position: "bottomright", width: 170, height: 120, zoomOffset: 5},
    initialize: function (ctrl, options) { L.setOptions(this, options); this._ctrl = ctrl; },
    onAdd: function () {
      var div = L.DomUtil.create("div", "geomap-minimap leaflet-bar");
      div.style.width = this.options.width + "px";
      div.style.height = this.options.height + "px";
      L.DomEvent.disableClickPropagation(div);
      L.DomEvent.disableScrollPropagation(div);
      return div;
    },
    addTo: function (map) {
      L.Control.prototype.addTo.call(this, map);
      var mini = L.map(this.getContainer(), {
        attributionControl: false, zoomControl: false, dragging: false,
        scrollWheelZoom: false, doubleClickZoom: false, boxZoom: false, keyboard: false,
        touchZoom: false, zoomSnap: 0, fadeAnimation: false, zoomAnimation: false,
        center: map.getCenter(),
        zoom: Math.max(map.getZoom() - this.options.zoomOffset, 0)
      });
      if (this._ctrl.outlines) {
        L.geoJSON(this._ctrl.outlines, {interactive: false, style: {
          color: "#999", weight: 0.5, fillColor: "#f4f1ea", fillOpacity: 1}}).addTo(mini);
      }
      this.mini = mini;
      this._rect = L.rectangle(map.getBounds(), {weight: 1.5, color: "#d62728",
        fillOpacity: 0.12, interactive: false}).addTo(mini);
      mini.on("click", function (e) { map.panTo(e.latlng); });
      map.on("moveend", this._sync, this);
      this._sync();
      return this;
    },
    _sync: function () {
      var map = this._map;
      this.mini.setView(map.getCenter(), Math.max(map.getZoom() - this.options.zoomOffset, 0),
        {animate: false});
      this._rect.setBounds(map.getBounds());
    }
  });

  // -- the controller ----------------------------------------------------------------------
  function Controller(map, options) {
    this.map = map;
    this.options = options;
    this.layers = [];
    this.bySlug = {};
    this.day = null;
    this.ready = false;
    this.outlines = null;
    this._listeners = [];
    this._scheduled = false;
    this._index = null;
    var self = this;
    map.createPane("geomapOutlines").style.zIndex = 150;
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
      if (m && m._geomap && !m.getPopup()) {
        m.bindPopup(function (l) { return self.popupHtml([l._geomap]); }, POPUP);
        m.openPopup();
      }
    });
    this.cluster.on("mouseover", function (e) {
      var m = e.layer;
      if (m && m._geomap && !m.getTooltip()) {
        m.bindTooltip(function (l) { return self.tooltipHtml([l._geomap]); }, {sticky: true});
        m.openTooltip(e.latlng);
      }
    });
    map._geomap = this;
    this._changed();
  }

  Controller.prototype._register = function (layer) {
    this.layers.push(layer);
    this.bySlug[layer.options.slug] = layer;
    this._index = null;
  };
  Controller.prototype._listen = function (fn, context) {
    this._listeners.push([fn, context]);
  };
  Controller.prototype._changed = function () {
    if (this._scheduled) { return; }
    this._scheduled = true;
    this.ready = false;
    var self = this;
    Promise.resolve().then(function () { self._scheduled = false; self._sync(); });
  };
  Controller.prototype._sync = function () {
    var add = [], remove = [], day = this.day;
    for (var i = 0; i < this.layers.length; i++) {
      var layer = this.layers[i], on = this.map.hasLayer(layer), events = layer.events;
      for (var j = 0; j < events.length; j++) {
        var ev = events[j];
        ev.timeShown = day === null || (ev.span !== null && ev.span[0] <= day && day <= ev.span[1]);
        ev.visible = on && ev.timeShown;
        var m = ev.marker;
        if (m) {
          if (ev.visible && !m._geomapIn) { add.push(m); m._geomapIn = true; }
          else if (!ev.visible && m._geomapIn) { remove.push(m); m._geomapIn = false; }
        }
      }
      layer._drawAreas();
    }
    if (remove.length) { this.cluster.removeLayers(remove); }
    if (add.length) { this.cluster.addLayers(add); } else { this._loaded(); }
    for (var k = 0; k < this._listeners.length; k++) {
      this._listeners[k][0].call(this._listeners[k][1]);
    }
  };
  Controller.prototype._loaded = function () {
    if (this._scheduled) { return; }
    this.ready = true;
    this.map.fire("geomap:ready");
  };
  Controller.prototype.layer = function (slug) { return this.bySlug[slug] || null; };
  Controller.prototype.visibleEvents = function () {
    var out = [];
    for (var i = 0; i < this.layers.length; i++) {
      var events = this.layers[i].events;
      for (var j = 0; j < events.length; j++) { if (events[j].visible) { out.push(events[j]); } }
    }
    return out;
  };
  Controller.prototype.dayRange = function () {
    var lo = null, hi = null;
    for (var i = 0; i < this.layers.length; i++) {
      var events = this.layers[i].events;
      for (var j = 0; j < events.length; j++) {
        var s = events[j].span;
        if (!s) { continue; }
        if (lo === null || s[0] < lo) { lo = s[0]; }
        if (hi === null || s[1] > hi) { hi = s[1]; }
      }
    }
    return lo === null ? null : [lo, hi];
  };
  // show only the events that may have happened on ``day`` (days since 1970), or all (null)
  Controller.prototype.setDay = function (day) {
    this.day = day === null || day === undefined ? null : Math.round(day);
    this._changed();
  };
  Controller.prototype.dayOf = function (iso) {
    var s = spanOf(iso, 1);
    return s ? s[0] : null;
  };
  Controller.prototype.focus = function (events) {
    if (!events.length) { return; }
    var bounds = L.latLngBounds(events.map(function (ev) { return [ev.lat, ev.lng]; }));
    this.map.fitBounds(bounds.pad(0.05), {maxZoom: this.options.focusZoom || 10,
                                          padding: [40, 40]});
  };
  // places (as resolved and as written) whose name contains ``query``, most events first
  Controller.prototype.search = function (query) {
    var q = fold(String(query || "").trim());
    if (q.length < 2) { return []; }
    if (!this._index) {
      var byHtml = {}, entries = [];
      for (var i = 0; i < this.layers.length; i++) {
        var events = this.layers[i].events;
        for (var j = 0; j < events.length; j++) {
          var ev = events[j], p = ev.p, keys = [p.loc, p.pm];
          for (var k = 0; k < keys.length; k++) {
            var html = num(keys[k]) ? ev.s[keys[k]] : null;
            if (typeof html !== "string" || !html) { continue; }
            var entry = byHtml[html];
            if (!entry) {
              var text = plain(html);
              entry = byHtml[html] = {html: html, text: text, key: fold(text), events: [],
                                      seen: new Set()};
              entries.push(entry);
            }
            if (!entry.seen.has(ev)) { entry.seen.add(ev); entry.events.push(ev); }
          }
        }
      }
      this._index = entries;
    }
    var found = this._index.filter(function (e) { return e.key.indexOf(q) !== -1; });
    found.sort(function (a, b) {
      var sa = a.key.indexOf(q) === 0 ? 0 : 1, sb = b.key.indexOf(q) === 0 ? 0 : 1;
      if (sa !== sb) { return sa - sb; }
      if (a.events.length !== b.events.length) { return b.events.length - a.events.length; }
      return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
    });
    return found.slice(0, 8);
  };
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
  Controller.prototype.popupHtml = function (events) {
    if (events.length === 1) { return this.eventHtml(events[0]); }
    var parts = ['<div class="geomap-popup-list"><div class="geomap-popup-count">' +
                 events.length + " events in this area</div>"];
    for (var i = 0; i < Math.min(events.length, MAX_LISTED); i++) {
      parts.push(this.eventHtml(events[i]));
    }
    if (events.length > MAX_LISTED) {
      parts.push('<div class="geomap-muted">and ' + (events.length - MAX_LISTED) +
                 " more</div>");
    }
    parts.push("</div>");
    return parts.join("");
  };
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
    var src = str("src");
    var link = /^https?:\/\/\S+$/i.test(src);  // src is escaped: no quotes, no tags
    rows.push(["Source", !src ? '<span class="geomap-muted">unknown</span>' : !link ? src :
      '<a href="' + src + '" target="_blank" rel="noopener noreferrer">' + src + "</a>"]);
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
  Controller.prototype.heatLayer = function (options) { return new HeatLayer(this, options); };
  Controller.prototype.regionLayer = function (data, options) {
    return new RegionLayer(this, data, options);
  };
  Controller.prototype.outlineLayer = function (data) {
    var map = this.map, container = map.getContainer();
    this.outlines = data;
    var layer = L.geoJSON(data, {
      pane: "geomapOutlines", interactive: false,
      style: {color: "#8c8c8c", weight: 0.8, fillColor: "#f4f1ea", fillOpacity: 1}
    });
    layer.on("add", function () { L.DomUtil.addClass(container, "geomap-offline-base"); });
    layer.on("remove", function () {
      L.DomUtil.removeClass(container, "geomap-offline-base");
    });
    return layer;
  };
  // when the first tiles of ``tiles`` all fail (no network), show ``fallback`` instead
  Controller.prototype.tileFallback = function (tiles, fallback) {
    var map = this.map, loaded = 0, failed = 0, done = false;
    tiles.on("tileload", function () { loaded++; });
    tiles.on("tileerror", function () { failed++; });
    tiles.on("load", function () {
      if (done) { return; }
      done = true;
      if (!loaded && failed) {
        // after the tile layer has finished handling its own event
        setTimeout(function () {
          if (!map.hasLayer(tiles)) { return; }
          map.removeLayer(tiles);
          map.addLayer(fallback);
        }, 0);
      }
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

  window.GeomapRuntime = {
    controller: function (map, options) { return new Controller(map, options || {}); },
    isoOf: isoOf
  };
})(L);
"""

RUNTIME_CSS = """
.geomap-popup { font: 13px/1.35 system-ui, sans-serif; max-width: 340px; }
.geomap-popup h4 { margin: 0 0 4px; font-size: 14px; }
.geomap-popup h4 small { font-weight: normal; color: #555; }
.geomap-popup table { border-collapse: collapse; margin: 4px 0; }
.geomap-popup th { text-align: left; vertical-align: top; padding: 1px 8px 1px 0;
  color: #555; font-weight: 600; white-space: nowrap; }
.geomap-popup td { padding: 1px 0; overflow-wrap: anywhere; }
.geomap-muted { color: #777; }
.geomap-evidence { margin: 6px 0 0; padding: 4px 8px; border-left: 3px solid #bbb;
  background: #f6f6f6; overflow-wrap: anywhere; max-height: 12em; overflow-y: auto; }
.geomap-evidence mark { background: #ffe066; padding: 0 1px; }
.geomap-popup-list { max-height: 360px; overflow-y: auto; }
.geomap-popup-list .geomap-popup { border-top: 1px solid #ddd; padding-top: 4px; margin-top: 4px; }
.geomap-popup-count { font: 600 13px system-ui, sans-serif; }
.geomap-swatch { display: inline-block; width: 10px; height: 10px; border-radius: 50%;
  margin-right: 4px; vertical-align: baseline; border: 1px solid rgba(0,0,0,.35); }
.geomap-swatch-area { background: transparent !important; border: 1px dashed #333;
  width: 14px; height: 14px; vertical-align: middle; }
.geomap-swatch-cluster { background: conic-gradient(#d62728 0 120deg, #1f77b4 120deg 240deg,
  #2ca02c 240deg 360deg); width: 14px; height: 14px; vertical-align: middle; }
.geomap-legend { background: rgba(255,255,255,.94); padding: 6px 8px;
  font: 12px/1.5 system-ui, sans-serif; color: #222; }
.geomap-legend h5 { margin: 0 0 2px; font-size: 12px; }
.geomap-legend-item { transition: opacity .15s; }
.geomap-legend-off { opacity: .35; text-decoration: line-through; }
.geomap-title { position: absolute; z-index: 1000; top: 10px; left: 50%;
  transform: translateX(-50%); max-width: 60%; pointer-events: none;
  background: rgba(255,255,255,.9); padding: 4px 12px; border-radius: 4px;
  font: 600 16px/1.3 system-ui, sans-serif; color: #222; text-align: center;
  box-shadow: 0 1px 4px rgba(0,0,0,.3); }
.geomap-cluster div { width: 100%; height: 100%; border-radius: 50%; display: flex;
  align-items: center; justify-content: center;
  box-shadow: 0 0 0 2px rgba(255,255,255,.9), 0 1px 4px rgba(0,0,0,.45); }
.geomap-cluster span { background: rgba(255,255,255,.93); border-radius: 50%; width: 64%;
  height: 64%; display: flex; align-items: center; justify-content: center;
  font: 600 11px/1 system-ui, sans-serif; color: #222; }
.geomap-time { background: #fff; padding: 4px 8px; display: flex; align-items: center;
  gap: 6px; font: 12px system-ui, sans-serif; color: #222; }
.geomap-time button { font: 12px system-ui, sans-serif; cursor: pointer; border: 1px solid #bbb;
  background: #f8f8f8; border-radius: 3px; padding: 2px 6px; }
.geomap-time-slider { width: 220px; }
.geomap-time-label { min-width: 13em; }
.geomap-search { background: #fff; }
.geomap-search-input { width: 190px; padding: 5px 7px; border: 0; border-radius: 4px;
  font: 13px system-ui, sans-serif; }
.geomap-search-results { list-style: none; margin: 0; padding: 0; max-height: 220px;
  overflow-y: auto; max-width: 260px; }
.geomap-search-results li { padding: 3px 7px; cursor: pointer; border-top: 1px solid #eee;
  font: 12px system-ui, sans-serif; }
.geomap-search-results li:hover { background: #eef3ff; }
.geomap-fullscreen a { display: flex; align-items: center; justify-content: center; }
.leaflet-container.geomap-pseudo-fullscreen { position: fixed !important; left: 0; top: 0;
  width: 100% !important; height: 100% !important; z-index: 10000; }
.geomap-minimap { background: #cfdde6; overflow: hidden; }
.leaflet-container.geomap-offline-base { background: #cfdde6; }
.geomap-region-label { font: 600 11px/16px system-ui, sans-serif; text-align: center;
  color: #111; text-shadow: 0 0 3px #fff, 0 0 3px #fff; }
.geomap-heat { position: absolute; left: 0; top: 0; pointer-events: none; }
"""
