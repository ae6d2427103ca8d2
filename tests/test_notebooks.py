"""The notebooks run top to bottom, offline, and their plots and maps render."""

from pathlib import Path

import pytest

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"


def execute(name):
    import nbformat
    from nbclient import NotebookClient

    notebook = nbformat.read(NOTEBOOKS / name, as_version=4)
    client = NotebookClient(
        notebook,
        timeout=600,
        kernel_name="python3",
        resources={"metadata": {"path": str(NOTEBOOKS)}},
    )
    client.execute()
    return notebook


def outputs(notebook, mime):
    return [
        out["data"][mime]
        for cell in notebook.cells
        if cell.cell_type == "code"
        for out in cell.get("outputs", [])
        if "data" in out and mime in out["data"]
    ]


@pytest.mark.parametrize("name", ["walkthrough.ipynb", "corpus.ipynb"])
def test_notebook_runs_and_renders_plots_and_maps(name):
    notebook = execute(name)
    errors = [
        out
        for cell in notebook.cells
        for out in cell.get("outputs", [])
        if out.get("output_type") == "error"
    ]
    assert errors == []
    assert outputs(notebook, "image/png"), "no plot rendered"
    maps = [html for html in outputs(notebook, "text/html") if "leaflet" in html.lower()]
    assert maps, "no map rendered"


def test_notebooks_are_kept_without_outputs():
    import nbformat

    for path in NOTEBOOKS.glob("*.ipynb"):
        notebook = nbformat.read(path, as_version=4)
        for cell in notebook.cells:
            if cell.cell_type == "code":
                assert not cell.outputs and cell.execution_count is None, path.name
