// ESLint (flat config) for the map runtime: `npx eslint geomap/maps/js` in development.
// The files are joined into one function (geomap/maps/_runtime.py), so each declares the
// names it shares in /* global */ and /* exported */ comments.
import js from "@eslint/js";

export default [
  js.configs.recommended,
  {
    files: ["geomap/maps/js/**/*.js"],
    languageOptions: {
      ecmaVersion: 2020,
      sourceType: "script",
      globals: {
        L: "readonly", window: "readonly", document: "readonly", setTimeout: "readonly",
        clearInterval: "readonly", setInterval: "readonly", requestAnimationFrame: "readonly",
        Promise: "readonly", Set: "readonly"
      }
    },
    rules: {
      "no-unused-vars": ["error", {vars: "local", args: "none"}],
      "no-redeclare": "error",
      eqeqeq: "error",
      "no-var": "off"
    }
  },
  {
    files: ["tests/js/**/*.js"],
    languageOptions: {
      sourceType: "commonjs",
      globals: {require: "readonly", __dirname: "readonly"}
    }
  }
];
