// geomap runtime, part 3: region- and country-level events as areas.
// One shape per place, whatever the events' types: a country is its Natural Earth
// shape, any other area a circle sized like a first-order region. A click anywhere
// lists the events of EVERY area under the pointer, so no area hides another.
/* global decodeShape, inShape, metresBetween, shapeBounds */
/* exported AreaSet */

var AREA_STYLE = {
  country: {weight: 2, dashArray: "3 4", fillOpacity: 0.07, opacity: 0.9},
  region: {weight: 2, dashArray: "6 5", fillOpacity: 0.1, opacity: 0.9}
};

function AreaSet(ctrl, data) {
  this._ctrl = ctrl;
  this.areas = (data.areas || []).map(function (a, i) {
    var area = {index: i, name: a.name || "", cty: a.cty || "", kind: a.kind,
                lat: a.c[0], lng: a.c[1], r: a.r || 0, shape: null, events: [], layer: null};
    if (a.shape && a.shape.length) { area.shape = decodeShape(a.shape); }
    return area;
  });
  this._group = L.featureGroup();
}

AreaSet.prototype.add = function (ev) {
  var area = typeof ev.p.ak === "number" ? this.areas[ev.p.ak] : null;
  if (!area) {  // an area the Python side did not list: a circle of its own
    area = {index: this.areas.length, name: "", cty: "", kind: "region", lat: ev.lat,
            lng: ev.lng, r: typeof ev.p.r === "number" ? ev.p.r : 50000, shape: null,
            events: [], layer: null};
    this.areas.push(area);
  }
  area.events.push(ev);
  ev.area = area;
};

// does the area contain the point?
AreaSet.prototype.contains = function (area, latlng) {
  if (area.shape) { return inShape(latlng.lat, latlng.lng, area.shape); }
  return metresBetween(area.lat, area.lng, latlng.lat, latlng.lng) <= area.r;
};

AreaSet.prototype.bounds = function (area) {
  if (area.shape) { return L.latLngBounds(shapeBounds(area.shape)); }
  return L.latLng(area.lat, area.lng).toBounds(2 * area.r);
};

// the events shown of the areas under ``latlng``, smallest area first
AreaSet.prototype.under = function (latlng) {
  var found = [];
  for (var i = 0; i < this.areas.length; i++) {
    var a = this.areas[i];
    if (a.layer && this.contains(a, latlng)) { found.push(a); }
  }
  var self = this;
  found.sort(function (x, y) { return self.size(x) - self.size(y); });
  return found;
};

AreaSet.prototype.size = function (area) {
  var b = this.bounds(area);
  return (b.getNorth() - b.getSouth()) * (b.getEast() - b.getWest());
};

AreaSet.prototype.shown = function (area) {
  return area.events.filter(function (ev) { return ev.visible; });
};

AreaSet.prototype.redraw = function (map) {
  var ctrl = this._ctrl, self = this;
  if (!this._group._map) { this._group.addTo(map); }
  this._group.clearLayers();
  var drawn = [];
  for (var i = 0; i < this.areas.length; i++) {
    var a = this.areas[i], evs = this.shown(a);
    a.layer = null;
    if (evs.length) { drawn.push(a); }
  }
  // large areas beneath small ones
  drawn.sort(function (x, y) { return self.size(y) - self.size(x); });
  for (var j = 0; j < drawn.length; j++) {
    var area = drawn[j], shown = this.shown(area), colors = {};
    shown.forEach(function (ev) { colors[ev.layer.options.color] = true; });
    var keys = Object.keys(colors), color = keys.length === 1 ? keys[0] : "#444";
    var style = L.extend({
      pane: ctrl.options.areaPane, color: color, fillColor: color,
      className: "geomap-event geomap-area geomap-precision-3 geomap-area-" + area.kind
    }, AREA_STYLE[area.kind === "country" ? "country" : "region"]);
    var layer = area.shape ? L.polygon(area.shape, style) :
      L.circle([area.lat, area.lng], L.extend({radius: area.r}, style));
    layer._geomapArea = area;
    layer.bindTooltip(this.tooltip(area, shown), {sticky: true});
    layer.on("click", function (e) {
      L.DomEvent.stopPropagation(e);
      self.open(e.latlng);
    });
    area.layer = layer;
    this._group.addLayer(layer);
  }
};

AreaSet.prototype.tooltip = function (area, shown) {
  var counts = {}, order = [];
  shown.forEach(function (ev) {
    var name = ev.layer.options.name;
    if (!(name in counts)) { counts[name] = 0; order.push(name); }
    counts[name]++;
  });
  var what = order.map(function (n) { return counts[n] + " " + n; }).join(", ");
  return (area.name || "Area") + ": " + shown.length +
    (shown.length === 1 ? " event" : " events") + " (" + what + ")";
};

// open the popup listing every event of the areas under ``latlng``; ``ev`` (optional)
// is listed first, in its own area
AreaSet.prototype.open = function (latlng, ev) {
  var areas = this.under(latlng), ctrl = this._ctrl, parts = [], total = 0;
  var own = ev && ev.area && ev.area.layer ? ev.area : null;
  if (own) { areas = [own].concat(areas.filter(function (a) { return a !== own; })); }
  for (var i = 0; i < areas.length; i++) {
    var shown = this.shown(areas[i]);
    if (areas[i] === own) {
      shown = [ev].concat(shown.filter(function (x) { return x !== ev; }));
    }
    total += shown.length;
    var label = areas[i].kind === "country" ? "country" : "region";
    parts.push('<div class="geomap-popup-count">' + (areas[i].name || "Area") +
      ' <span class="geomap-muted">(' + label + ")</span>: " + shown.length +
      (shown.length === 1 ? " event" : " events") + "</div>" + ctrl.listHtml(shown));
  }
  if (!total) { return null; }
  var html = '<div class="geomap-popup-list">' + parts.join("") + "</div>";
  return L.popup(ctrl.popupOptions()).setLatLng(latlng).setContent(html).openOn(ctrl.map);
};
