// geomap runtime, part 1: pure helpers (dates, text, shapes, time bins).
// The runtime's files are joined in one function (see geomap/maps/_runtime.py);
// this one uses no Leaflet and no DOM, so node tests load it alone.
/* exported DAY, TIME_TEXT, GEO_TEXT, dayOf, isoOf, spanOf, plain, fold, num, decodeShape,
   inShape, metresBetween, binUnit, binStart, binEnd, shapeBounds, dollarShim */

var DAY = 86400000;
var TIME_TEXT = {1: "exact day", 2: "within a week", 3: "within a month"};
var GEO_TEXT = {
  1: "exact place",
  2: "near the place (district level)",
  3: "region or country: drawn as an area, not an exact point"
};

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

// escaped text (from geomap's escape_text, maybe with <mark>) -> plain text
var ENTITIES = {amp: "&", lt: "<", gt: ">", quot: "\"", nbsp: "\u00a0"};
function plain(html) {
  return String(html).replace(/<\/?mark>/g, "").replace(/&(#\d+|[a-z]+);/g, function (all, e) {
    if (e.charAt(0) === "#") { return String.fromCodePoint(parseInt(e.slice(1), 10)); }
    return Object.prototype.hasOwnProperty.call(ENTITIES, e) ? ENTITIES[e] : all;
  });
}
function fold(text) {
  return String(text).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
}
function num(value) { return typeof value === "number" && isFinite(value); }

// delta-encoded polygons (see geomap/maps/_outlines.py) -> [[[lat, lng]...ring]...polygon]
function decodeShape(encoded) {
  var out = [];
  for (var p = 0; p < encoded.length; p++) {
    var rings = [];
    for (var r = 0; r < encoded[p].length; r++) {
      var flat = encoded[p][r], ring = [], x = 0, y = 0;
      for (var i = 0; i + 1 < flat.length; i += 2) {
        x += flat[i]; y += flat[i + 1];
        ring.push([y / 100, x / 100]);
      }
      rings.push(ring);
    }
    out.push(rings);
  }
  return out;
}

// is [lat, lng] inside a decoded shape (even-odd rule over each polygon's rings)?
function inShape(lat, lng, shape) {
  for (var p = 0; p < shape.length; p++) {
    var inside = false, rings = shape[p];
    for (var r = 0; r < rings.length; r++) {
      var ring = rings[r];
      for (var i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        var yi = ring[i][0], xi = ring[i][1], yj = ring[j][0], xj = ring[j][1];
        if ((yi > lat) !== (yj > lat) && lng < (xj - xi) * (lat - yi) / (yj - yi) + xi) {
          inside = !inside;
        }
      }
    }
    if (inside) { return true; }
  }
  return false;
}

function shapeBounds(shape) {
  var s = 90, w = 180, n = -90, e = -180;
  for (var p = 0; p < shape.length; p++) {
    var ring = shape[p][0];
    for (var i = 0; i < ring.length; i++) {
      s = Math.min(s, ring[i][0]); n = Math.max(n, ring[i][0]);
      w = Math.min(w, ring[i][1]); e = Math.max(e, ring[i][1]);
    }
  }
  return [[s, w], [n, e]];
}

// great-circle distance in metres
function metresBetween(lat1, lng1, lat2, lng2) {
  var rad = Math.PI / 180, dLat = (lat2 - lat1) * rad, dLng = (lng2 - lng1) * rad;
  var a = Math.sin(dLat / 2) * Math.sin(dLat / 2) +
    Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLng / 2) * Math.sin(dLng / 2);
  return 2 * 6371008.8 * Math.asin(Math.min(1, Math.sqrt(a)));
}

// the timeline's bar width for a span of days: day up to 4 months, week up to 3 years
function binUnit(days) { return days <= 120 ? "day" : days <= 3 * 366 ? "week" : "month"; }
// first day of the bin holding ``day`` (weeks start on Monday; 1970-01-01 was a Thursday)
function binStart(day, unit) {
  if (unit === "week") { return day - ((day + 3) % 7 + 7) % 7; }
  if (unit === "month") {
    var d = new Date(day * DAY);
    return dayOf(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
  }
  return day;
}
// last day of the bin starting at ``start``
function binEnd(start, unit) {
  if (unit === "week") { return start + 6; }
  if (unit === "month") {
    var d = new Date(start * DAY);
    return dayOf(d.getUTCFullYear(), d.getUTCMonth() + 2, 1) - 1;
  }
  return start;
}

// folium's Popup and keep_in_front() call $(html)[0] and $(document).ready(fn);
// offline maps carry no such library, so this provides just those two uses
function dollarShim(win) {
  if (win.$) { return; }
  win.$ = function (arg) {
    if (typeof arg === "string") {
      var t = win.document.createElement("template");
      t.innerHTML = arg.trim();
      return [t.content.firstElementChild];
    }
    return {
      ready: function (fn) {
        if (win.document.readyState === "loading") {
          win.document.addEventListener("DOMContentLoaded", fn);
        } else { setTimeout(fn, 0); }
      }
    };
  };
}
