"""./maplab stability through the launcher: a cheap experiment run three times, and bad input."""
import csv

import pytest

from conftest import HOME, assert_bad_input, maplab

CHEAP = ["--set", "launches=3", "--set", "keys=8", "--set", "seeds_in_jvm=3"]


def test_stability_runs_k_times_and_writes_page_csv_and_summary(tmp_path):
    out = tmp_path / "st"
    r = maplab("stability", "seed-order", "--runs", "3", *CHEAP, "--out", str(out), timeout=300)
    assert r.returncode == 0, r.stderr
    assert "stability of seed-order over 3 runs" in r.stdout
    run_dirs = [line.split(": ", 1)[1] for line in r.stdout.splitlines() if line.strip().startswith("run ") and ": " in line]
    assert len(run_dirs) == 3 and len(set(run_dirs)) == 3, r.stdout
    for d in run_dirs:
        assert (HOME / "runs" / d.rsplit("/", 1)[-1] / "findings.json").is_file(), "each run is a normal run folder under runs/"
    assert "stability: run 3 of 3 done" in r.stderr, "progress is visible"
    # launches echoes the setting: the same value in every run
    assert any(line.split()[:1] == ["launches"] and "same value in 3 of 3" in line for line in r.stdout.splitlines()), r.stdout
    rows = list(csv.DictReader(open(out / "stability.csv", newline="")))
    assert {row["run"] for row in rows} == {"run 1", "run 2", "run 3"}
    launches = [row for row in rows if row["finding"] == "launches"]
    assert [float(row["finding_value"]) for row in launches] == [3.0, 3.0, 3.0]
    page = (out / "stability.html").read_text()
    assert "Stability of seed-order over 3 runs" in page and "<code>launches</code>" in page and "agreement" in page
    assert f"stability page: {out / 'stability.html'}" in r.stdout


@pytest.mark.parametrize("args, words", [
    (["stability", "no-such-experiment"], ["unknown id 'no-such-experiment'"]),
    (["stability", "seed-order", "--runs", "1"], ["runs", "2 to 20", "got 1"]),
    (["stability", "seed-order", "--runs", "21"], ["runs", "got 21"]),
    (["stability", "seed-order", "--set", "launches"], ["--set", "NAME=VALUE"]),
    (["stability", "seed-order", "--set", "launches=0"], ["launches"]),
])
def test_stability_bad_input_exits_2_with_one_line(args, words):
    assert_bad_input(maplab(*args), words)
