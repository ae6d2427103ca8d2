// Unit tests of geomap/maps/js/util.js (pure helpers), run by tests/test_js.py.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const vm = require("node:vm");

const source = fs.readFileSync(
  path.join(__dirname, "..", "..", "geomap", "maps", "js", "util.js"), "utf8");
const sandbox = {};
vm.createContext(sandbox);
vm.runInContext(source, sandbox);
const U = sandbox;

test("spans follow the time precision", () => {
  const d = U.dayOf(2022, 1, 6);
  assert.deepEqual(Array.from(U.spanOf("2022-01-06", 1)), [d, d]);
  assert.deepEqual(Array.from(U.spanOf("2022-01-06", 2)), [d - 3, d + 3]);
  assert.deepEqual(Array.from(U.spanOf("2022-01-20", 3)),
    [U.dayOf(2022, 1, 1), U.dayOf(2022, 1, 31)]);
  assert.equal(U.spanOf("no date", 1), null);
  assert.equal(U.isoOf(d), "2022-01-06");
});

test("plain text undoes escape_text and drops marks only", () => {
  assert.equal(U.plain("&lt;b&gt; &amp; &#36;&#123;x&#125; <mark>hit</mark>"), "<b> & ${x} hit");
  assert.equal(U.plain("&unknown;"), "&unknown;");
  assert.equal(U.fold("Aqtöbe OBLYSY"), "aqtobe oblysy");
});

test("encoded shapes decode and contain their points", () => {
  // a square 10..12 E, 40..42 N with a hole 10.5..11.5
  const shape = U.decodeShape([[
    [1000, 4000, 200, 0, 0, 200, -200, 0, 0, -200],
    [1050, 4050, 100, 0, 0, 100, -100, 0, 0, -100]
  ]]);
  assert.deepEqual(Array.from(shape[0][0][1]), [40, 12]);
  assert.equal(U.inShape(40.2, 10.2, shape), true);
  assert.equal(U.inShape(41, 11, shape), false);  // in the hole
  assert.equal(U.inShape(43, 11, shape), false);
  assert.deepEqual(JSON.parse(JSON.stringify(U.shapeBounds(shape))), [[40, 10], [42, 12]]);
});

test("distances are great-circle metres", () => {
  const m = U.metresBetween(0, 0, 0, 1);
  assert.ok(Math.abs(m - 111195) < 100, String(m));
});

test("timeline bins: days, Monday weeks, months", () => {
  assert.equal(U.binUnit(90), "day");
  assert.equal(U.binUnit(400), "week");
  assert.equal(U.binUnit(2000), "month");
  const wed = U.dayOf(2022, 1, 5);  // a Wednesday
  assert.equal(U.isoOf(U.binStart(wed, "week")), "2022-01-03");
  assert.equal(U.isoOf(U.binEnd(U.binStart(wed, "week"), "week")), "2022-01-09");
  assert.equal(U.isoOf(U.binStart(wed, "month")), "2022-01-01");
  assert.equal(U.isoOf(U.binEnd(U.binStart(wed, "month"), "month")), "2022-01-31");
  assert.equal(U.binStart(wed, "day"), wed);
});
