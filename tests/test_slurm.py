"""./maplab submit on a real engine: a one-node Slurm cluster started on this machine (tests/slurm_cluster.py),
a sharded run and a two-notebook report through `./maplab submit ... --wait`, the merged run and the report checked,
a failed task named by the collect job, and bad input (exit 2, one line). Fails, never skips, when Slurm cannot start.
The sharded run needs `./maplab run --shard` and `./maplab merge`, the report `./maplab report --from` (issue 20)."""
import csv
import json
import os
import shutil
import subprocess
import time

import pytest

from conftest import HOME, assert_bad_input, maplab
from slurm_cluster import Cluster, SlurmStartError

NOTEBOOKS = ["00-quickstart", "01-seed-order"]
JAR = HOME / "lib" / "bench" / "target" / "benchmarks.jar"


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    start = time.time()
    c = Cluster(tmp_path_factory.mktemp("slurm"))
    try:
        c.start()
    except SlurmStartError as e:
        c.stop()
        pytest.fail(str(e))
    print(f"\nslurm: one-node cluster idle after {time.time() - start:.1f} s")
    yield c
    c.stop()


def submit(cluster, *args, timeout=600):
    start = time.time()
    r = maplab("submit", *args, timeout=timeout, env={"SLURM_CONF": str(cluster.conf)})
    print(f"slurm: submit {args[0]} took {time.time() - start:.1f} s")
    return r


def explain(r, out):
    """The command's output and every log of the job, for an assertion message."""
    logs = "".join(f"\n--- {p}\n{p.read_text(errors='replace')[-3000:]}" for p in sorted((out / "logs").glob("*.out")))
    return f"exit {r.returncode}\nstdout: {r.stdout}\nstderr: {r.stderr}{logs}"


def rounds(run):
    with open(run / "samples.csv", newline="") as f:
        return {row["fork"] for row in csv.DictReader(f)}


def findings(run):
    return {f["id"]: (f["value"], f["low"], f["high"], f.get("verdict")) for f in json.loads((run / "findings.json").read_text())}


def test_a_sharded_run_is_measured_by_the_array_and_merged_by_the_collect_job(cluster, tmp_path):
    out = tmp_path / "job"
    r = submit(cluster, "run", "presize", "--slurm", "--shards", "2", "--set", "n=20000", "--set", "constructors=hashmap_default,hashmap_presized", "--out", str(out), "--wait")
    assert r.returncode == 0, explain(r, out)
    collect = json.loads((out / "collect.json").read_text())
    assert collect["status"] == "ok" and collect["failed"] == [], collect
    merged = out / "merged"
    assert f"run folder: {merged}" in r.stdout.splitlines()[-1]
    one, two = rounds(out / "shards" / "shard-1"), rounds(out / "shards" / "shard-2")
    assert one and two and not one & two, f"each shard measures its own rounds: {one} / {two}"
    assert one | two <= rounds(merged), "the merged run holds the samples of every shard"
    meta = json.loads((merged / "meta.json").read_text())
    assert sorted(s["index"] for s in meta["shards"]) == [1, 2], meta["shards"]
    again = maplab("conclude", str(merged), "--out", str(tmp_path / "again"))
    assert again.returncode == 0, again.stderr
    assert findings(tmp_path / "again") == findings(merged), "the merged run's findings re-conclude exactly"


def test_a_report_renders_each_notebook_in_a_task_and_the_report_from_their_runs(cluster, tmp_path):
    out = tmp_path / "job"
    r = submit(cluster, "report", *NOTEBOOKS, "--slurm", "--profile", "smoke", "--out", str(out), "--wait")
    assert r.returncode == 0, explain(r, out)
    assert json.loads((out / "collect.json").read_text())["status"] == "ok"
    stored = [p for p in (out / "runs").iterdir() if (p / "meta.json").is_file()]
    assert {json.loads((p / "meta.json").read_text())["experiment"] for p in stored} >= {"presize", "seed-order"}, \
        "MAPLAB_RUNS_DIR puts each task's run folders into the job's runs/"
    for name in NOTEBOOKS:
        assert (out / "reports" / f"{name}.html").is_file(), f"{name}.html missing in {out / 'reports'}"
    assert "from stored run" in (out / "reports" / "index.html").read_text(), "the report is rendered from the tasks' runs"


def test_a_failed_task_is_named_and_the_others_keep_their_folders(cluster, tmp_path):
    """A stand-in lab (its `maplab` fails shard 2) under the real Java CLI and the real cluster."""
    lab = tmp_path / "lab"
    lab.mkdir()
    (lab / "maplab").write_text('#!/usr/bin/env bash\nout=""; shard=""; prev=""\n'
                                'for a in "$@"; do [ "$prev" = --out ] && out=$a; [ "$prev" = --shard ] && shard=$a; prev=$a; done\n'
                                'mkdir -p "$out" && echo "$*" > "$out/args.txt"\n'
                                '[ "$shard" = 2/3 ] && { echo "shard 2 fails on purpose" >&2; exit 3; }\nexit 0\n')
    (lab / "maplab").chmod(0o755)
    out = tmp_path / "job"
    r = subprocess.run(["java", "-cp", str(JAR), "maplab.cli.Main", "submit", "run", "presize", "--slurm", "--shards", "3",
                        "--out", str(out), "--wait"], capture_output=True, text=True, timeout=300,
                       env={**cluster.env(), "MAPLAB_HOME": str(lab)})
    assert r.returncode == 1, explain(r, out)
    collect = json.loads((out / "collect.json").read_text())
    assert collect["status"] == "failed" and [f["shard"] for f in collect["failed"]] == ["2/3"], collect
    assert collect["failed"][0]["exit"] == 3 and "shard 2 fails on purpose" in (out / "logs" / "task-2.out").read_text()
    assert "shard 2/3" in r.stdout
    for k in (1, 3):
        assert (out / "shards" / f"shard-{k}" / "args.txt").is_file(), f"shard {k}'s folder is kept"
    assert not (out / "merged").exists()


def test_a_partition_slurm_rejects_exits_2_with_one_line_and_submits_nothing(cluster, tmp_path):
    r = submit(cluster, "run", "presize", "--slurm", "--shards", "2", "--partition", "no-such-partition", "--out", str(tmp_path / "job"))
    assert_bad_input(r, ["slurm", "partition"])
    assert not (tmp_path / "job").exists()


@pytest.mark.parametrize("args, words", [
    (["run", "presize", "--slurm", "--shards", "0"], ["--shards", "whole number", "'0'"]),
    (["run", "presize", "--slurm", "--shards", "x"], ["--shards", "'x'"]),
    (["run", "presize", "--shards", "2"], ["--slurm"]),
    (["run", "nonsense", "--slurm", "--shards", "2"], ["experiment", "nonsense", "allowed"]),
])
def test_bad_input_exits_2_with_one_line(args, words, tmp_path):
    assert_bad_input(maplab("submit", *args, "--out", str(tmp_path / "job")), words)
    assert not (tmp_path / "job").exists()


def test_no_sbatch_on_the_path_exits_2_with_one_line(tmp_path):
    r = subprocess.run([os.path.realpath(shutil.which("java")), "-cp", str(JAR), "maplab.cli.Main", "submit", "run", "presize", "--slurm", "--shards", "2",
                        "--out", str(tmp_path / "job")], capture_output=True, text=True, timeout=120,
                       env={**os.environ, "PATH": str(tmp_path)})
    assert_bad_input(r, ["sbatch not found on the PATH"])
    assert not (tmp_path / "job").exists()


def test_dry_run_prints_the_scripts_and_submits_nothing(tmp_path):
    r = maplab("submit", "run", "presize", "--slurm", "--shards", "3", "--set", "n=20000", "--partition", "long",
               "--sbatch-arg=--time=1:00:00", "--out", str(tmp_path / "job"), "--dry-run")
    assert r.returncode == 0, r.stderr
    for line in ("#SBATCH --array=1-3", "#SBATCH --exclusive", "#SBATCH --partition=long", "#SBATCH --time=1:00:00",
                 f"#SBATCH --output={tmp_path}/job/logs/task-%a.out", "--shard \"$k/3\"", "'n=20000'", " merge "):
        assert line in r.stdout, f"{line!r} not in the dry run's scripts:\n{r.stdout}"
    assert not (tmp_path / "job").exists()
