"""./maplab compare and promote through the launcher: on synthetic run folders whose differences are known,
and on the committed reference run folders."""
import csv
import json
import math

import pytest

from conftest import HOME, assert_bad_input, maplab

REFERENCE = HOME / "data" / "reference"


@pytest.mark.parametrize("args, words", [
    (["compare", "runs/no-such-run", str(REFERENCE / "gc")], ["runA", "no-such-run", "does not exist"]),
    (["compare", str(REFERENCE / "presize"), str(REFERENCE / "gc")], ["different experiments", "presize", "gc"]),
    (["promote", "runs/no-such-run"], ["runDir", "no-such-run"]),
])
def test_bad_input_exits_2_with_one_line(args, words):
    assert_bad_input(maplab(*args), words)


Z99 = 2.5758293035489  # two-sided 99% normal quantile


def write_run(folder, rows, samples=None, findings=()):
    """A run folder of presize written by hand: rows are (subject, metric, value, error, unit, better),
    samples {(subject, metric): [fork means]} (two iterations per fork, mean as given)."""
    folder.mkdir(parents=True)
    lines = ["subject,metric,value,error,unit,better"]
    lines += [f"{s},{m},{v!r},{'' if e is None else repr(e)},{u},{b}" for s, m, v, e, u, b in rows]
    (folder / "results.csv").write_text("\n".join(lines) + "\n")
    if samples:
        out = ["key,fork,iteration,value"]
        for (subject, metric), means in samples.items():
            for fork, mean in enumerate(means):
                out += [f'"subject={subject}|metric={metric}",{fork},0,{mean * 0.99!r}',
                        f'"subject={subject}|metric={metric}",{fork},1,{mean * 1.01!r}']
        (folder / "samples.csv").write_text("\n".join(out) + "\n")
    (folder / "findings.json").write_text(json.dumps(list(findings)))
    (folder / "report.html").write_text("<html></html>")
    (folder / "meta.json").write_text(json.dumps({
        "experiment": "presize", "status": "ok", "profile": "quick", "params": {"n": 1000}, "start": "2026-11-21T05:00:00Z",
        "environment": {"java_vendor": "Debian", "java_version": "17.0.15", "logical_cores": 2, "cpu_model": "Test CPU"}}))
    return folder


def finding(id, value, low, high, verdict):
    return {"id": id, "value": value, "unit": "x", "low": low, "high": high, "confidence": 0.99, "basis": "timing",
            "verdict": verdict, "text": id}


def p_from_half_widths(a, ea, b, eb):
    """The two-sided p-value of b / a = 1 from two 99% half-widths (normal approximation on the log ratio)."""
    se = math.hypot(ea / Z99 / a, eb / Z99 / b)
    return math.erfc(abs(math.log(b / a)) / se / math.sqrt(2))


def read_csv(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def test_compare_calls_exactly_the_true_difference_and_bh_does_not_call_every_borderline_row(tmp_path):
    # sampled rows (5 forks each): "slow" takes 1.5x the time in B; "steady" and "noisy" do not change
    samples_a = {("slow", "time"): [100, 103, 98, 101, 99], ("steady", "time"): [50, 51, 49, 50.5, 49.5],
                 ("noisy", "time"): [20, 26, 17, 23, 19]}
    samples_b = {("slow", "time"): [151, 148, 153, 149, 150], ("steady", "time"): [50.2, 49.4, 50.8, 49.9, 50.1],
                 ("noisy", "time"): [22, 18, 25, 19, 21]}
    rows_a = [(s, m, sum(v) / len(v), 1.0, "ns/op", "lower") for (s, m), v in samples_a.items()]
    rows_b = [(s, m, sum(v) / len(v), 1.0, "ns/op", "lower") for (s, m), v in samples_b.items()]
    # rows without samples (stored half-widths only): 4 borderline rows, each below 0.01 on its own,
    # and 16 rows with no change at all; 23 tested rows in all, so BH at q = 0.01 calls none of the 4
    borderline = {"b1": 104.3, "b2": 104.1, "b3": 103.9, "b4": 103.8}
    for name, b in borderline.items():
        rows_a.append((name, "throughput", 100.0, Z99 * 1.0, "ops/s", "higher"))
        rows_b.append((name, "throughput", b, Z99 * 0.01 * b, "ops/s", "higher"))
    for i in range(16):
        rows_a.append((f"same{i}", "throughput", 100.0, 5.0, "ops/s", "higher"))
        rows_b.append((f"same{i}", "throughput", 100.0 + (i % 3 - 1) * 0.5, 5.0, "ops/s", "higher"))
    rows_a.append(("slow", "resizes", 14, None, "count", "none"))
    rows_b.append(("slow", "resizes", 14, None, "count", "none"))
    a = write_run(tmp_path / "a", rows_a, samples_a, [finding("speedup", 2.0, 1.8, 2.2, "higher"), finding("gain", 1.0, 0.9, 1.1, "no detectable difference")])
    b = write_run(tmp_path / "b", rows_b, samples_b, [finding("speedup", 0.6, 0.5, 0.7, "lower"), finding("gain", 1.05, 0.95, 1.15, "no detectable difference")])
    for name, value in borderline.items():
        p = p_from_half_widths(100.0, Z99, value, Z99 * 0.01 * value)
        assert 0.001 < p < 0.01, f"{name}: the borderline row should be significant alone (p = {p})"

    out = tmp_path / "cmp"
    r = maplab("compare", str(a), str(b), "--out", str(out))

    assert r.returncode == 0, r.stderr
    table = read_csv(out / "compare.csv")
    called = [(row["subject"], row["verdict"]) for row in table if row["verdict"] in ("B better", "B worse", "different")]
    assert called == [("slow", "B worse")], f"exactly the true difference is called: {called}\n{r.stdout}"
    by_subject = {row["subject"] + "/" + row["measure"]: row for row in table}
    slow = by_subject["slow/time"]
    assert slow["test"] == "welch" and float(slow["p_value"]) < 1e-6 and 1.4 < float(slow["ratio_low"]) < 1.5 < float(slow["ratio_high"]) < 1.6
    for name, value in borderline.items():
        row = by_subject[f"{name}/throughput"]
        assert row["test"] == "half-widths" and row["verdict"] == "no detectable difference"
        assert float(row["p_value"]) == pytest.approx(p_from_half_widths(100.0, Z99, value, Z99 * 0.01 * value), rel=1e-6)
    assert by_subject["slow/resizes"]["verdict"] == "same"
    assert {row["fdr_method"] for row in table} == {"Benjamini-Hochberg"} and {row["fdr_q"] for row in table} == {"0.01"}
    assert "1 B worse" in r.stdout and "Benjamini-Hochberg" in r.stdout and "q = 0.01" in r.stdout and "over 23 tested rows" in r.stdout
    assert "OPPOSITE verdicts: speedup" in r.stdout
    page = (out / "compare.html").read_text()
    assert "Benjamini-Hochberg" in page and "q = 0.01" in page and "Same environment" in page and "data:image/png;base64," in page
    assert "Opposite verdicts" in page and "<code>speedup</code>" in page and "<code>gain</code>" in page
    side = {row["finding"]: row for row in read_csv(out / "compare-findings.csv")}
    assert side["speedup"]["relation"] == "OPPOSITE verdicts" and side["gain"]["relation"] == "same verdict"
    assert side["speedup"]["a_verdict"] == "higher" and side["speedup"]["b_verdict"] == "lower"
    for f in ("compare.html", "compare.csv", "compare-findings.csv"):
        assert f"wrote {out / f}" in r.stdout


PROFILE_FOLDERS = {"quick", "smoke"}   # data/reference/<profile>/: the references of a profile other than full


def reference_folders():
    """(profile, experiment) of every reference folder: data/reference/<id>/ (full) and data/reference/<profile>/<id>/."""
    if not REFERENCE.exists():
        return []
    out = [("full", p.name) for p in REFERENCE.iterdir() if p.is_dir() and p.name not in PROFILE_FOLDERS]
    for profile in sorted(PROFILE_FOLDERS):
        if (REFERENCE / profile).is_dir():
            out += [(profile, p.name) for p in (REFERENCE / profile).iterdir() if p.is_dir()]
    return sorted(out)


@pytest.mark.parametrize("profile,experiment", reference_folders())
def test_reference_folders_are_complete_runs_of_their_profile(profile, experiment):
    ref = REFERENCE / experiment if profile == "full" else REFERENCE / profile / experiment
    for name in ("results.csv", "findings.json", "meta.json", "report.html"):
        assert (ref / name).is_file(), f"{name} missing in {ref}"
    assert not (ref / "raw").exists(), "references are promoted without raw/"
    meta = json.loads((ref / "meta.json").read_text())
    assert meta["experiment"] == experiment and meta["profile"] == profile and meta["status"] == "ok"


def test_every_experiment_has_a_reference():
    r = maplab("list")
    assert r.returncode == 0, r.stderr
    ids = [line.split()[0] for line in r.stdout.splitlines() if line.strip()]
    assert {"seed-order", "gc", "resize-latency", "jdks"} <= set(ids), f"the list was not read: got {ids}"
    missing = [i for i in ids if not (REFERENCE / i / "meta.json").is_file()]
    assert not missing, f"no reference run in data/reference/ for {missing}: run ./maplab run <id> --profile full, then ./maplab promote runs/<run>"
    missing_quick = [i for i in ids if not (REFERENCE / "quick" / i / "meta.json").is_file()]
    assert not missing_quick, f"no quick reference in data/reference/quick/ for {missing_quick}: see data/reference/README.md (Regenerate)"
