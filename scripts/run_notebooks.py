"""Run every notebook in notebooks/ from a clean kernel, top to bottom; exit 1 on an error.

CI runs it in a virtual environment that has only ``pip install ".[notebooks]"``
(no test extra), so the notebooks are known to work with what that extra installs.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"


def main() -> int:
    """Execute each notebook; print one line per notebook; return the exit status."""
    failed = 0
    for path in sorted(NOTEBOOKS.glob("*.ipynb")):
        notebook = nbformat.read(path, as_version=4)
        client = NotebookClient(
            notebook,
            timeout=900,
            kernel_name="python3",
            resources={"metadata": {"path": str(NOTEBOOKS)}},
        )
        started = time.perf_counter()
        try:
            client.execute()
        except CellExecutionError as exc:
            failed += 1
            print(f"FAILED {path.name}: {str(exc).strip().splitlines()[-1]}", flush=True)
            continue
        images = sum(
            1
            for cell in notebook.cells
            for out in cell.get("outputs", [])
            if "image/png" in out.get("data", {})
        )
        took = time.perf_counter() - started
        print(f"ok {path.name}: {images} plots in {took:.0f} s", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
