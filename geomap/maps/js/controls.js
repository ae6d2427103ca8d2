// geomap runtime, part 4: the legend, the day slider, the place search, full screen,
// the minimap and the notice shown when tiles cannot load.
/* global isoOf, outlineGeoJSON */
/* exported LegendControl, TimeControl, SearchControl, FullscreenControl, MiniMap,
   NoticeControl */

function quiet(div) {
  L.DomEvent.disableClickPropagation(div);
  L.DomEvent.disableScrollPropagation(div);
}

var LegendControl = L.Control.extend({
  initialize: function (ctrl, html, options) {
    L.setOptions(this, options);
    this._ctrl = ctrl;
    this._html = html;
  },
  onAdd: function (map) {
    var div = L.DomUtil.create("div", "geomap-legend leaflet-bar");
    div.innerHTML = this._html;  // built in Python from escaped text
    quiet(div);
    this._div = div;
    this._ctrl._listen(this.update, this);
    this.update();
    // on a narrow map the event list's type switches (same colours) stand in for it
    var fit = function () { div.style.display = map.getSize().x < 700 ? "none" : ""; };
    map.on("resize", fit);
    setTimeout(fit, 0);
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
        count.textContent = !ctrl.timeFiltered() ? String(layer.total()) :
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
    quiet(div);
    if (!range) {
      div.textContent = "No dated events";
      return div;
    }
    var play = L.DomUtil.create("button", "geomap-time-play", div);
    play.type = "button";
    play.title = "Play the events day by day";
    play.setAttribute("aria-label", "Play the events day by day");
    play.textContent = "\u25B6";
    var slider = L.DomUtil.create("input", "geomap-time-slider", div);
    slider.type = "range";
    slider.min = String(range[0]);
    slider.max = String(range[1]);
    slider.step = "1";
    slider.value = String(range[0]);
    slider.setAttribute("aria-label", "Day shown");
    var label = L.DomUtil.create("span", "geomap-time-label", div);
    label.setAttribute("aria-live", "polite");
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

// finds the events' places (as resolved and as written) and the labelled places
var SearchControl = L.Control.extend({
  options: {position: "topleft"},
  initialize: function (ctrl, options) { L.setOptions(this, options); this._ctrl = ctrl; },
  onAdd: function () {
    var ctrl = this._ctrl, self = this;
    var div = L.DomUtil.create("div", "geomap-search leaflet-bar");
    var input = L.DomUtil.create("input", "geomap-search-input", div);
    input.type = "search";
    input.placeholder = "Find a place\u2026";
    input.setAttribute("aria-label", "Find a place");
    var list = L.DomUtil.create("ul", "geomap-search-results", div);
    list.setAttribute("role", "listbox");
    var status = L.DomUtil.create("div", "geomap-search-status", div);
    status.setAttribute("role", "status");
    quiet(div);
    this._results = [];
    input.addEventListener("input", function () {
      var q = input.value.trim();
      self._results = ctrl.search(q);
      list.innerHTML = "";
      status.textContent = q.length >= 2 && !self._results.length ?
        "No place found for \u201C" + q + "\u201D" : "";
      for (var i = 0; i < self._results.length; i++) {
        var r = self._results[i], li = L.DomUtil.create("li", "", list);
        li.setAttribute("role", "option");
        li.tabIndex = -1;
        // r.html is escaped text; the rest is constant markup and a number
        li.innerHTML = r.html + ' <span class="geomap-muted">(' + (r.events.length ?
          r.events.length + (r.events.length === 1 ? " event" : " events") : r.kind) +
          ")</span>";
        li.addEventListener("click", self._choose.bind(self, r, input, list));
      }
    });
    input.addEventListener("keydown", function (e) {
      if (e.key === "Enter" && self._results.length) {
        self._choose(self._results[0], input, list);
      } else if (e.key === "Escape") {
        input.value = ""; list.innerHTML = ""; status.textContent = ""; self._results = [];
      }
    });
    return div;
  },
  _choose: function (result, input, list) {
    input.value = result.text;
    list.innerHTML = "";
    this._results = [];
    if (result.events.length) {
      this._ctrl.focus(result.events);
    } else {
      this._ctrl.map.setView([result.lat, result.lng],
        result.kind === "country" ? 5 : 9);
    }
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
    function pseudo(on) {
      L.DomUtil[on ? "addClass" : "removeClass"](container, "geomap-pseudo-fullscreen");
      map.invalidateSize();
    }
    L.DomEvent.on(a, "click", function (e) {
      L.DomEvent.preventDefault(e);
      L.DomEvent.stopPropagation(e);
      if (document.fullscreenElement) {
        document.exitFullscreen();
      } else if (L.DomUtil.hasClass(container, "geomap-pseudo-fullscreen")) {
        pseudo(false);
      } else if (container.requestFullscreen) {
        container.requestFullscreen().catch(function () { pseudo(true); });
      } else {
        pseudo(true);
      }
    });
    document.addEventListener("fullscreenchange", function () { map.invalidateSize(); });
    return div;
  }
});

// an overview of the world with the view's rectangle; hidden on small maps, and it can
// be folded away, so that it never sits on the events
var MiniMap = L.Control.extend({
  options: {position: "bottomright", width: 170, height: 120, zoomOffset: 5},
  initialize: function (ctrl, options) { L.setOptions(this, options); this._ctrl = ctrl; },
  onAdd: function () {
    var div = L.DomUtil.create("div", "geomap-minimap leaflet-bar");
    div.style.width = this.options.width + "px";
    div.style.height = this.options.height + "px";
    quiet(div);
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
      L.geoJSON(outlineGeoJSON(this._ctrl.outlines), {interactive: false, style: {
        color: "#999", weight: 0.5, fillColor: "#f4f1ea", fillOpacity: 1}}).addTo(mini);
    }
    this.mini = mini;
    this._rect = L.rectangle(map.getBounds(), {weight: 1.5, color: "#d62728",
      fillOpacity: 0.12, interactive: false}).addTo(mini);
    mini.on("click", function (e) { map.panTo(e.latlng); });
    map.on("moveend", this._sync, this);
    map.on("resize", this._fitScreen, this);
    this._fitScreen();
    this._sync();
    return this;
  },
  _fitScreen: function () {
    var size = this._map.getSize(), small = size.x < 700 || size.y < 520;
    this.getContainer().style.display = small ? "none" : "";
    if (!small) { this.mini.invalidateSize(); }
  },
  _sync: function () {
    var map = this._map;
    this.mini.setView(map.getCenter(), Math.max(map.getZoom() - this.options.zoomOffset, 0),
      {animate: false});
    this._rect.setBounds(map.getBounds());
  }
});

// a visible note when a base map's tiles cannot load
var NoticeControl = L.Control.extend({
  options: {position: "topright"},
  onAdd: function () {
    var div = L.DomUtil.create("div", "geomap-notice leaflet-bar");
    div.setAttribute("role", "status");
    quiet(div);
    this._div = div;
    div.style.display = "none";
    return div;
  },
  show: function (text) {
    this._div.textContent = "";
    var span = L.DomUtil.create("span", "", this._div);
    span.textContent = text;
    var close = L.DomUtil.create("button", "geomap-notice-close", this._div);
    close.type = "button";
    close.setAttribute("aria-label", "Dismiss");
    close.textContent = "\u00D7";
    var div = this._div;
    close.addEventListener("click", function () { div.style.display = "none"; });
    div.style.display = "";
  },
  hide: function () { this._div.style.display = "none"; }
});
