// geomap runtime, part 2: the event-type layers, the heat map, region counts, labels.
/* global spanOf, num, plain, fold, decodeShape */
/* exported POINT_STYLE, TypeLayer, HeatLayer, RegionLayer, LabelLayer, clusterIcon,
   outlineGeoJSON */

var POINT_STYLE = {
  1: {radius: 6, weight: 1.5, opacity: 1, fillOpacity: 0.85},
  2: {radius: 8, weight: 2, opacity: 0.9, fillOpacity: 0.5, dashArray: "2 3"}
};

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

// -- one overlay per event type: its points join the shared cluster group, its
// -- region- and country-level events the shared areas (one shape per place)
var TypeLayer = L.Layer.extend({
  initialize: function (ctrl, data, options) {
    L.setOptions(this, options);
    this._ctrl = ctrl;
    this.events = [];
    // rows [id, lon, lat, properties] (what geomap writes) or GeoJSON features
    var strings = data.strings || [], rows = data.rows || (data.features || []).map(function (f) {
      return [f.id, f.geometry.coordinates[0], f.geometry.coordinates[1], f.properties];
    });
    for (var i = 0; i < rows.length; i++) {
      var f = {id: rows[i][0]}, p = rows[i][3] || {}, c = [rows[i][1], rows[i][2]];
      var gp = p.gp === 2 || p.gp === 3 ? p.gp : 1;
      var span = spanOf(p.d, p.tp), date = spanOf(p.d, 1);
      var ev = {
        id: typeof f.id === "string" ? f.id : "", p: p, s: strings, layer: this,
        lat: c[1], lng: c[0], gp: gp, span: span, date: date ? date[0] : null,
        marker: null, area: null, timeShown: true, visible: false
      };
      if (gp !== 3) {
        ev.marker = L.circleMarker([ev.lat, ev.lng], L.extend({
          color: options.color, fillColor: options.color, fill: true,
          // the click stays with the marker: the map would fold a spiderfied cluster
          bubblingMouseEvents: false,
          className: "geomap-event geomap-type-" + options.slug + " geomap-precision-" + gp
        }, POINT_STYLE[gp]));
        ev.marker._geomap = ev;
      }
      this.events.push(ev);
    }
    ctrl._register(this);
  },
  onAdd: function () { this._ctrl._changed(); },
  onRemove: function () { this._ctrl._changed(); },
  // events shown now (0 when the layer is off)
  count: function () {
    var n = 0;
    for (var i = 0; i < this.events.length; i++) { if (this.events[i].visible) { n++; } }
    return n;
  },
  // events within the time filters, whether the layer is on or off
  inTime: function () {
    var n = 0;
    for (var i = 0; i < this.events.length; i++) { if (this.events[i].timeShown) { n++; } }
    return n;
  },
  total: function () { return this.events.length; },
  // Leaflet's layer control orders its layers with setZIndex (autoZIndex)
  setZIndex: function () { return this; }
});

// -- heat map of the exact and near events shown, drawn on a canvas. Region- and
// -- country-level events are left out: a blob at a country's centre would be false.
var HeatLayer = L.Layer.extend({
  options: {radius: 22, alpha: 0.12, pane: "geomapHeat"},
  initialize: function (ctrl, data, options) {
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
  setZIndex: function () { return this; },
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
      if (ev.gp === 3 || ev.lat < s || ev.lat > n || ev.lng < w || ev.lng > e) { continue; }
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

// -- event counts per first-order region: graduated circles with their names ------------
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
  setZIndex: function () { return this; },
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
      var name = typeof p.name === "string" && p.name ? p.name : "";
      var full = [p.name, p.cty].filter(function (x) { return typeof x === "string" && x; });
      var text = full.join(", ") + ": " + n + (n === 1 ? " event" : " events");
      var radius = 8 + 26 * Math.sqrt(n / max);
      L.circleMarker([c[1], c[0]], {
        radius: radius, color: "#222", weight: 1.2, fillColor: "#555", fillOpacity: 0.3,
        className: "geomap-region", pane: this._ctrl.options.regionPane
      }).bindTooltip(text, {sticky: true}).addTo(this._group);
      // strings are escaped in Python; the rest is constant markup and a number
      L.marker([c[1], c[0]], {
        icon: L.divIcon({className: "geomap-region-label",
                         html: "<b>" + n + "</b><span>" + name + "</span>",
                         iconSize: [120, 30], iconAnchor: [60, 8]}),
        interactive: false, keyboard: false, pane: this._ctrl.options.regionPane
      }).addTo(this._group);
    }
  }
});

// -- offline labels: countries (Natural Earth) and major places (the gazetteer) ----------
var LabelLayer = L.Layer.extend({
  options: {pane: "geomapLabels"},
  initialize: function (ctrl, data, options) {
    L.setOptions(this, options);
    this._ctrl = ctrl;
    this.countries = data.countries || [];
    this.places = data.places || [];
    this._group = L.layerGroup();
    ctrl.labels = this;
  },
  onAdd: function (map) {
    this._group.addTo(map);
    map.on("zoomend moveend", this._redraw, this);
    this._redraw();
  },
  onRemove: function (map) {
    map.off("zoomend moveend", this._redraw, this);
    map.removeLayer(this._group);
  },
  setZIndex: function () { return this; },
  // places (countries and gazetteer places) whose folded name contains ``q``
  search: function (q) {
    var out = [], lists = [[this.countries, "country"], [this.places, "place"]];
    for (var k = 0; k < lists.length; k++) {
      var list = lists[k][0];
      for (var i = 0; i < list.length; i++) {
        var row = list[i];
        if (!row._key) { row._text = plain(row[0]); row._key = fold(row._text); }
        if (row._key.indexOf(q) !== -1) {
          out.push({html: row[0], text: row._text, key: row._key,
                    lat: row[1], lng: row[2], kind: lists[k][1], events: []});
        }
      }
    }
    return out;
  },
  _redraw: function () {
    var map = this._map;
    if (!map) { return; }
    this._group.clearLayers();
    var z = map.getZoom(), b = map.getBounds().pad(0.1), pane = this.options.pane;
    var placed = [], shown = 0, limit = 60, self = this;
    // a label is left out where it would overlap one already placed
    function free(lat, lng, width) {
      var p = map.latLngToContainerPoint([lat, lng]);
      for (var k = 0; k < placed.length; k++) {
        var q = placed[k];
        if (Math.abs(q[0] - p.x) < (q[2] + width) / 2 && Math.abs(q[1] - p.y) < 16) {
          return false;
        }
      }
      placed.push([p.x, p.y, width]);
      return true;
    }
    for (var i = 0; i < this.countries.length; i++) {
      var c = this.countries[i];
      if (c[3] > z + 1 || !b.contains([c[1], c[2]])) { continue; }
      if (free(c[1], c[2], 8 * c[0].length)) {
        self._label(c[0], c[1], c[2], "geomap-label-country", pane);
      }
    }
    // the largest places first; more of them as one zooms in
    var minPop = z <= 3 ? 5e6 : z <= 4 ? 1e6 : z <= 5 ? 5e5 : z <= 6 ? 2e5 : 1e5;
    for (var j = 0; j < this.places.length && shown < limit; j++) {
      var p = this.places[j];
      if (p[3] < minPop || !b.contains([p[1], p[2]])) { continue; }
      if (free(p[1], p[2], 7 * p[0].length)) {
        this._label(p[0], p[1], p[2], "geomap-label-place", pane);
        shown++;
      }
    }
  },
  _label: function (html, lat, lng, cls, pane) {
    // ``html`` is escaped in Python
    L.marker([lat, lng], {
      icon: L.divIcon({className: "geomap-label " + cls, html: "<span>" + html + "</span>",
                       iconSize: [160, 16], iconAnchor: [80, 8]}),
      interactive: false, keyboard: false, pane: pane
    }).addTo(this._group);
  }
});

// the outline base map's GeoJSON, from the encoded shapes
function outlineGeoJSON(data) {
  var features = [], shapes = data.shapes || [];
  for (var i = 0; i < shapes.length; i++) {
    var polygons = decodeShape(shapes[i][1]).map(function (rings) {
      return rings.map(function (ring) {
        return ring.map(function (pt) { return [pt[1], pt[0]]; });
      });
    });
    features.push({type: "Feature", id: shapes[i][0], properties: {},
                   geometry: {type: "MultiPolygon", coordinates: polygons}});
  }
  return {type: "FeatureCollection", features: features};
}
