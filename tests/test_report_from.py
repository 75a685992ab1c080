"""./maplab report --from DIR...: notebooks rendered from stored run folders instead of measuring.

One quick measurement (00-quickstart, whose run no folder holds yet: named, then measured), then
the same notebook rendered from that run folder with --strict: nothing measured (no new folder in
runs/), fast, and the page and the index name the stored run and when it was measured. The full
profile's 07-key-types renders from data/reference/ the same way.
"""
import importlib.util
import json
import shutil
import time

import pytest

from conftest import HOME, assert_bad_input, maplab

RUNS = HOME / "runs"


def run_folders():
    return {p.name for p in RUNS.iterdir() if p.is_dir()} if RUNS.is_dir() else set()


def report_module():
    spec = importlib.util.spec_from_file_location("report", HOME / "kernel" / "report.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def measured(tmp_path_factory):
    """00-quickstart reported from an empty folder: its run is missing, so it is named and measured.
    The run folder it measured is removed afterwards (other tests look for fresh runs in runs/)."""
    empty = tmp_path_factory.mktemp("no-runs")
    out = tmp_path_factory.mktemp("measured")
    before = run_folders()
    r = maplab("report", "--from", str(empty), "00-quickstart", "--out", str(out), timeout=900)
    print(r.stderr[-3000:])
    new = [RUNS / n for n in sorted(run_folders() - before)]
    yield r, out, new
    for folder in new:
        shutil.rmtree(folder, ignore_errors=True)


def test_a_run_no_folder_holds_is_named_then_measured(measured):
    r, out, new = measured
    assert r.returncode == 0, r.stderr[-2000:]
    assert "maplab: notebook 00-quickstart: from: no stored run of presize (quick, {n=200000, " in r.stderr
    assert "; measured it instead" in r.stderr
    assert len(new) == 1 and new[0].name.endswith("-presize"), f"one presize run measured, got {new}"
    index = (out / "index.html").read_text()
    assert "<span class=\"failed\">missing</span>" in index and "no stored run of presize (quick" in index
    assert "from stored run" not in index.lower()


def test_report_from_a_stored_run_measures_nothing_and_names_it(measured, tmp_path):
    _, _, new = measured
    stored = new[0]
    meta = json.loads((stored / "meta.json").read_text())
    before = run_folders()
    started = time.monotonic()
    r = maplab("report", "--from", str(stored), "--strict", "00-quickstart", "--out", str(tmp_path), timeout=600)
    seconds = time.monotonic() - started
    print(f"report --from of 00-quickstart: {seconds:.1f} s\n{r.stderr[-2000:]}")

    assert r.returncode == 0, r.stderr[-2000:]
    assert run_folders() == before, "nothing measured: no new run folder"
    measured_at = meta["start"][:10] + " " + meta["start"][11:19] + " UTC"
    line = f"From stored run {stored}, measured {measured_at}"
    assert line in (tmp_path / "00-quickstart.html").read_text(), "the notebook's page says where and when it was measured"
    index = (tmp_path / "index.html").read_text()
    assert f"from stored run {stored}, measured {measured_at}" in index
    assert "missing</span>" not in index
    copied = json.loads((tmp_path / "runs" / stored.name / "findings.json").read_text())
    assert copied == json.loads((stored / "findings.json").read_text()), "concluded again to the same findings"
    assert seconds < 120, f"rendering from a stored run took {seconds:.0f} s"


def test_full_profile_notebook_renders_from_the_references(tmp_path):
    reference = HOME / "data" / "reference" / "key-types"
    before = run_folders()
    r = maplab("report", "--profile", "full", "--from", str(HOME / "data" / "reference"), "--strict", "07-key-types",
               "--out", str(tmp_path), timeout=600)
    assert r.returncode == 0, r.stderr[-2000:]
    assert run_folders() == before
    assert f"From stored run {reference}, measured 2026-11-28 05:44:01 UTC" in (tmp_path / "07-key-types.html").read_text()


def test_strict_fails_the_notebook_whose_run_is_missing(tmp_path):
    before = run_folders()
    r = maplab("report", "--from", str(tmp_path), "--strict", "00-quickstart", "--out", str(tmp_path / "out"), timeout=600)
    assert r.returncode == 1
    assert "notebook 00-quickstart failed" in r.stderr and "from: no stored run of presize (quick, {n=200000, " in r.stderr
    assert run_folders() == before


def test_from_takes_every_folder_after_it_and_stops_at_the_first_other_argument(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    rest, dirs = report_module().split_from(["--profile", "full", "--from", str(a), str(b), "03", "--strict", f"--from={a}"])
    assert rest == ["--profile", "full", "03", "--strict"]
    assert dirs == [str(a), str(b), str(a)]


@pytest.mark.parametrize("args, words", [
    (["--from"], ["from: expected a folder after --from, got nothing"]),
    (["--from", "no-such-folder", "03"], ["from: expected a folder after --from, got 'no-such-folder'"]),
    (["--from=no-such-folder"], ["from: 'no-such-folder' does not exist or is not a folder"]),
    (["--strict", "03"], ["strict: only with --from"]),
])
def test_bad_from_arguments_exit_2_with_one_line(args, words):
    assert_bad_input(maplab("report", *args), words)
