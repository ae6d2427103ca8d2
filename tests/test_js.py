"""The map runtime's JavaScript as code: syntax of every file and of the joined bundle,
the unit tests of its pure helpers (Node's test runner), and ESLint when installed.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from geomap.maps._runtime import SCRIPTS, runtime_js

ROOT = Path(__file__).resolve().parent.parent
JS = ROOT / "geomap" / "maps" / "js"
NODE = shutil.which("node")

needs_node = pytest.mark.skipif(NODE is None, reason="node is not installed")


def test_every_script_is_in_the_bundle_and_in_the_package_data():
    files = sorted(p.name for p in JS.glob("*.js"))
    assert sorted(SCRIPTS) == files
    bundle = runtime_js()
    for name in SCRIPTS:
        assert f"// geomap runtime, part {SCRIPTS.index(name) + 1}:" in bundle, name
    pyproject = (ROOT / "pyproject.toml").read_text()
    assert '"geomap.maps" = ["js/*.js", "js/*.css"]' in pyproject


@needs_node
@pytest.mark.parametrize("name", SCRIPTS)
def test_each_script_parses(name):
    out = subprocess.run([NODE, "--check", str(JS / name)], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr


@needs_node
def test_the_bundle_parses(tmp_path):
    bundle = tmp_path / "runtime.js"
    bundle.write_text(runtime_js(), encoding="utf-8")
    out = subprocess.run([NODE, "--check", str(bundle)], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr


@needs_node
def test_helper_unit_tests_pass():
    out = subprocess.run(
        [NODE, "--test", str(ROOT / "tests" / "js" / "util.test.js")],
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0, out.stdout + out.stderr
    assert "# fail 0" in out.stdout and "# pass 5" in out.stdout, out.stdout


def _eslint() -> str | None:
    local = ROOT / "node_modules" / ".bin" / "eslint"
    return str(local) if local.exists() else shutil.which("eslint")


@pytest.mark.skipif(_eslint() is None, reason="eslint is not installed (npm install eslint)")
def test_eslint_is_clean():
    out = subprocess.run(
        [_eslint(), "geomap/maps/js", "tests/js"], cwd=ROOT, capture_output=True, text=True
    )
    assert out.returncode == 0, out.stdout + out.stderr
