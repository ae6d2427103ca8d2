"""The Dask engine on a small LocalCluster: GeoParquet partitions equal to a serial run."""

from __future__ import annotations

import json

import pytest

pytest.importorskip("distributed")
pytest.importorskip("dask_geopandas")

TEXTS = (
    "Police arrested dozens of protesters in Almaty on Wednesday after a rally.",
    "The weather in Lagos was mild and markets were busy.",
    "An explosion hit a market in Kabul, killing three people, officials said.",
    "Clashes broke out between soldiers and rebels near Aleppo on Tuesday.",
    "Thousands rallied in Nairobi against rising fuel prices.",
)


@pytest.fixture(scope="module")
def cluster_client():
    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True) as cluster:
        with Client(cluster) as client:
            yield client


def test_partitions_hold_the_events_of_a_serial_run(tmp_path, cluster_client, pipeline):
    from geomap.distributed import extract_to_parquet, read_events
    from geomap.pipeline import extract

    corpus = tmp_path / "corpus.jsonl"
    with corpus.open("w", encoding="utf-8") as f:
        for k, text in enumerate(TEXTS):
            f.write(json.dumps({"id": f"n{k}", "text": text, "date": "2022-01-05"}) + "\n")
    out = tmp_path / "events"
    parts = extract_to_parquet([corpus], out, client=cluster_client, partition_size=2)
    assert [p.name for p in parts] == [f"part-{k:05d}.parquet" for k in range(3)]
    lazy = read_events(out)
    assert lazy.npartitions == 3
    frame = lazy.compute()
    serial = extract([corpus], pipeline=pipeline)
    assert len(serial) >= 3
    assert sorted(frame["event_id"]) == sorted(serial["event_id"])
    assert frame.crs == serial.crs
    got = frame.set_index("event_id").sort_index()
    want = serial.set_index("event_id").sort_index()
    assert list(got["event_type"]) == list(want["event_type"])
    assert got.geometry.geom_equals(want.geometry).all()


def test_an_input_problem_is_reported_before_any_work(tmp_path, cluster_client):
    from geomap.distributed import extract_to_parquet
    from geomap.errors import GeomapError

    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "a", "text": "Riots in Lagos."}\nnot json\n', encoding="utf-8")
    with pytest.raises(GeomapError):
        extract_to_parquet([bad], tmp_path / "out", client=cluster_client)
    problems = []
    parts = extract_to_parquet(
        [bad], tmp_path / "out", client=cluster_client, on_error=problems.append
    )
    assert len(problems) == 1 and len(parts) == 1
