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


def colours_in(png_base64):
    """The colours of geomap.schema.EVENT_COLORS drawn in a PNG, with their pixel counts."""
    import base64
    import io

    import matplotlib.image
    import numpy as np

    from geomap.schema import EVENT_COLORS

    pixels = matplotlib.image.imread(io.BytesIO(base64.b64decode(png_base64)), format="png")
    rgb = np.round(pixels[..., :3] * 255).astype(int).reshape(-1, 3)
    counts = {}
    for kind, colour in EVENT_COLORS.items():
        value = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
        counts[kind] = int((rgb == value).all(axis=1).sum())
    return {kind: n for kind, n in counts.items() if n >= 20}


@pytest.mark.parametrize(
    ("name", "corpus"),
    [("walkthrough.ipynb", "../data/"), ("corpus.ipynb", "sample_corpus.jsonl")],
)
def test_notebook_runs_and_renders_plots_and_maps(name, corpus, pipeline):
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
    # the plots are drawn in the map's colour of each event type, and only in those
    import geomap

    kinds = set(geomap.extract(NOTEBOOKS / corpus, pipeline=pipeline)["event_type"])
    drawn = set().union(*(colours_in(png) for png in outputs(notebook, "image/png")))
    assert drawn == kinds


def test_evaluation_notebook_plots_errors_or_skips_cleanly():
    notebook = execute("evaluation.ipynb")
    errors = [
        out
        for cell in notebook.cells
        for out in cell.get("outputs", [])
        if out.get("output_type") == "error"
    ]
    assert errors == []
    shared = NOTEBOOKS.parent.parent / "shared" / "eval" / "geoparsing" / "lgl.jsonl"
    if shared.exists():
        assert outputs(notebook, "image/png"), "no error plot rendered"
    else:
        text = "".join(
            out.get("text", "") for cell in notebook.cells for out in cell.get("outputs", [])
        )
        assert "nothing to plot" in text


def test_notebooks_are_kept_without_outputs():
    import nbformat

    for path in NOTEBOOKS.glob("*.ipynb"):
        notebook = nbformat.read(path, as_version=4)
        for cell in notebook.cells:
            if cell.cell_type == "code":
                assert not cell.outputs and cell.execution_count is None, path.name
