"""./maplab compare and promote through the launcher, on the committed reference run folders."""
import json

import pytest

from conftest import HOME, maplab

REFERENCE = HOME / "data" / "reference"


@pytest.mark.parametrize("args, words", [
    (["compare", "runs/no-such-run", str(REFERENCE / "gc")], ["runA", "no-such-run", "does not exist"]),
    (["compare", str(REFERENCE / "presize"), str(REFERENCE / "gc")], ["different experiments", "presize", "gc"]),
    (["promote", "runs/no-such-run"], ["runDir", "no-such-run"]),
])
def test_bad_input_exits_2_with_one_line(args, words):
    r = maplab(*args)
    assert r.returncode == 2, f"exit {r.returncode}; stderr: {r.stderr}"
    lines = [l for l in r.stderr.splitlines() if l.strip() and not l.startswith("maplab: building")]
    assert len(lines) == 1, f"expected one line, got: {r.stderr!r}"
    for w in words:
        assert w in lines[0], f"{w!r} not in {lines[0]!r}"


def test_a_run_compared_with_itself_has_no_significant_difference(tmp_path):
    out = tmp_path / "cmp"
    r = maplab("compare", str(REFERENCE / "gc"), str(REFERENCE / "gc"), "--out", str(out))
    assert r.returncode == 0, r.stderr
    assert "B better" not in r.stdout and "B worse" not in r.stdout, r.stdout
    html = (out / "compare.html").read_text()
    assert "data:image/png;base64," in html and "Same environment" in html
    assert f"wrote {out / 'compare.html'}" in r.stdout and f"wrote {out / 'compare.csv'}" in r.stdout


@pytest.mark.parametrize("experiment", sorted(p.name for p in REFERENCE.iterdir() if p.is_dir()) if REFERENCE.exists() else [])
def test_reference_folders_are_complete_full_profile_runs(experiment):
    ref = REFERENCE / experiment
    for name in ("results.csv", "findings.json", "meta.json", "report.html"):
        assert (ref / name).is_file(), f"{name} missing in {ref}"
    assert not (ref / "raw").exists(), "references are promoted without raw/"
    meta = json.loads((ref / "meta.json").read_text())
    assert meta["experiment"] == experiment and meta["profile"] == "full" and meta["status"] == "ok"


def test_every_experiment_has_a_reference():
    r = maplab("list")
    assert r.returncode == 0, r.stderr
    ids = [line.split()[0] for line in r.stdout.splitlines() if line.strip()]
    assert len(ids) == 10, f"expected the ten experiments, got {ids}"
    missing = [i for i in ids if not (REFERENCE / i / "meta.json").is_file()]
    assert not missing, f"no reference run in data/reference/ for {missing}: run ./maplab run <id> --profile full, then ./maplab promote runs/<run>"
