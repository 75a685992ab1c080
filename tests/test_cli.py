"""The CLI contract of DESIGN.md: run folders, list, and bad input (exit 2, one line, nothing written)."""
import json

import pytest

from conftest import HOME, maplab

IDS = ["seed-order", "key-order", "presize", "merge", "collisions", "iteration", "key-types", "sync-variants", "races", "gc", "resize-latency"]


def run_folders():
    runs = HOME / "runs"
    return set(p.name for p in runs.iterdir()) if runs.exists() else set()


def test_list_names_every_experiment():
    r = maplab("list")
    assert r.returncode == 0, r.stderr
    listed = [line.split()[0] for line in r.stdout.splitlines() if line.strip()]
    missing = [i for i in IDS if i not in listed]
    assert not missing, f"./maplab list does not list {missing}; it printed:\n{r.stdout}"


@pytest.mark.parametrize("args, words", [
    (["run", "nonsense"], ["experiment", "nonsense", "allowed", "presize"]),
    (["run", "presize", "--set", "n=-1"], ["'n'", "-1", "allowed"]),
    (["run", "presize", "--set", "size=-1"], ["'size'", "allowed", "n"]),
    (["run", "presize", "--profile", "fast"], ["profile", "fast", "quick", "full", "smoke"]),
    (["run", "presize", "--set", "bogus=3"], ["'bogus'", "allowed"]),
    (["run", "presize", "--set", "n"], ["--set", "NAME=VALUE"]),
    (["run", "presize", "--jdk", "/no/such/jdk"], ["jdk", "/no/such/jdk", "does not exist"]),
    (["run", "presize", "--jdk", "9"], ["jdk", "no installed JDK 9", "installed:"]),
    (["run", "presize", "--jdk", "/tmp"], ["jdk", "not a JDK home"]),
    (["run", "presize", "--jvm-opts=-XX:+NoSuchFlagAnywhere"], ["jvm_opts", "rejects", "-XX:+NoSuchFlagAnywhere"]),
])
def test_bad_input_exits_2_with_one_line_and_writes_nothing(args, words):
    before = run_folders()
    r = maplab(*args)
    assert r.returncode == 2, f"exit {r.returncode}; stderr: {r.stderr}"
    lines = [l for l in r.stderr.splitlines() if l.strip()]
    assert len(lines) == 1, f"expected one line, got: {r.stderr!r}"
    assert "Exception" not in r.stderr and "\tat " not in r.stderr
    for w in words:
        assert w in lines[0], f"{w!r} not in {lines[0]!r}"
    assert run_folders() == before, "bad input must not write a run folder"


def test_run_writes_a_complete_run_folder(tmp_path):
    out = tmp_path / "run"
    r = maplab("run", "presize", "--set", "n=20000", "--out", str(out))
    assert r.returncode == 0, r.stderr
    for name in ("results.csv", "samples.csv", "findings.json", "meta.json", "report.html"):
        assert (out / name).is_file(), f"{name} missing in {out}"
    findings = json.loads((out / "findings.json").read_text())
    assert {f["id"] for f in findings} >= {"resizes_default", "resizes_new_hashmap_n", "resizes_presized"}
    for f in findings:  # the findings contract: an interval at the one confidence level, a basis, a verdict for comparisons
        assert {"id", "value", "unit", "low", "high", "confidence", "basis", "text"} <= set(f), f
        assert f["confidence"] == 0.99 and f["basis"] in ("timing", "count", "construction", "parameter"), f
        assert f["unit"] != "x" or f.get("verdict") in ("higher", "lower", "no detectable difference", "equivalent", "at least"), f
    ratio = next(f for f in findings if f["id"] == "insert_default_vs_presized")
    assert ratio["low"] <= ratio["value"] <= ratio["high"]
    meta = json.loads((out / "meta.json").read_text())
    for key in ("experiment", "params", "seeds", "profile", "start", "end", "maplab_version", "git_commit", "environment"):
        assert key in meta, f"meta.json lacks {key}"
    env = meta["environment"]
    for key in ("java_vendor", "java_version", "jvm_arguments", "gc", "os", "cpu_model", "logical_cores", "max_heap_bytes"):
        assert env.get(key) not in (None, ""), f"meta.json environment lacks {key}"
    measuring = env["measuring_jvm"]  # without --jdk: the lab JVM's own JDK, no extra options
    assert measuring["java_version"] == env["java_version"] and measuring["options"] == [], measuring
    assert "measured on JDK " + env["java_version"] in (out / "report.html").read_text()
    assert meta["git_commit"], "the launcher passes the git commit"
    assert "resizes_default" in r.stdout and str(out) in r.stdout
    assert "<img" in (out / "report.html").read_text()


def test_out_folder_that_exists_is_refused(tmp_path):
    (tmp_path / "keep.txt").write_text("precious")
    r = maplab("run", "presize", "--set", "n=1000", "--out", str(tmp_path))
    assert r.returncode == 2 and "out" in r.stderr
    assert (tmp_path / "keep.txt").read_text() == "precious"


def test_shell_runs_a_script_with_the_notebook_imports(tmp_path):
    script = tmp_path / "s.jsh"
    script.write_text('var r = Experiments.run("presize", Profile.QUICK, Map.of("n", 5000));\n'
                      'System.out.println("FOUND " + r.finding("resizes_presized").value());\n/exit\n')
    r = maplab("shell", str(script), timeout=300)
    assert r.returncode == 0, r.stderr
    assert "FOUND 0.0" in r.stdout, r.stdout + r.stderr


def test_lab_serves_the_maplab_kernel():
    import json as _json
    import socket
    import subprocess
    import time
    import urllib.request
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([str(HOME / "maplab"), "lab", "--no-browser", "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}",
                             "--ServerApp.token=maplabtest", "--ServerApp.open_browser=False"],
                            cwd=HOME, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = time.time() + 90
        specs = None
        while time.time() < deadline and specs is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/kernelspecs?token=maplabtest", timeout=5) as resp:
                    specs = _json.load(resp)
            except OSError:
                time.sleep(1)
        assert specs is not None, "JupyterLab did not answer on loopback within 90 s"
        assert specs["kernelspecs"]["maplab"]["spec"]["display_name"] == "Java (maplab)"
    finally:
        import os
        import signal
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)


ROBIN_HOOD = HOME / "lib" / "core" / "src" / "test" / "resources" / "user" / "RobinHoodMap.java"


def test_run_with_a_subject_from_a_java_file(tmp_path):
    """--subject path/X.java: compiled, contract-checked, jar and source in the run folder, timed in JMH forks."""
    source = tmp_path / "RobinHoodMap.java"
    source.write_text(ROBIN_HOOD.read_text())
    out = tmp_path / "run"
    r = maplab("run", "key-order", "--subject", str(source), "--set", "n=4096", "--set", "orders=ascending,random",
               "--set", "timed_subjects=hashmap", "--set", "timed_methods=lookup", "--set", "timed_effort=3:1x50ms+2x50ms",
               "--out", str(out))
    assert r.returncode == 0, r.stderr
    assert (out / "subjects" / "RobinHoodMap.jar").is_file() and (out / "subjects" / "RobinHoodMap.java").read_text() == source.read_text()
    findings = {f["id"]: f for f in json.loads((out / "findings.json").read_text())}
    for fid in ("lookup_random_vs_ascending_user_robin_hood_map", "lookup_random_user_robin_hood_map_vs_hashmap"):
        assert fid in findings, f"{fid} missing; findings: {sorted(findings)}"
        assert findings[fid]["basis"] == "timing" and findings[fid]["low"] <= findings[fid]["value"] <= findings[fid]["high"]
    meta = json.loads((out / "meta.json").read_text())
    assert meta["params"]["user_subjects"] == ["user:RobinHoodMap"]
    assert "subjects/RobinHoodMap.jar" in json.dumps(meta), "the JMH runs record the jar on the forks' class path"


def test_a_slow_user_map_that_cannot_fit_the_budget_is_refused_before_measuring(tmp_path):
    """A sorted-array map (O(n) inserts) fills key-order's 2^20 keys in about a minute per fork: with a
    budget, the plan (its fills estimated by a pilot in the lab's JVM) is refused before any fork starts."""
    source = tmp_path / "SortedArrayMap.java"
    source.write_text((ROBIN_HOOD.parent / "SortedArrayMap.java").read_text())
    before = run_folders()
    r = maplab("run", "key-order", "--subject", str(source), "--budget", "2m")
    assert r.returncode == 2, r.stderr
    last = [l for l in r.stderr.splitlines() if l.strip()][-1]
    assert last.startswith("maplab: budget: the plan of key-order (quick) needs at least"), last
    assert "budget of 2 min 00 s" in last and "JMH part timed" in last and "Raise --budget" in last, last
    assert run_folders() == before


def test_a_subject_that_does_not_compile_exits_2_with_diagnostics(tmp_path):
    bad = tmp_path / "Typo.java"
    bad.write_text("import maplab.subject.intmap.LongMap;\npublic class Typo implements LongMap {\n    int size() { return sizee; }\n}\n")
    before = run_folders()
    r = maplab("run", "merge", "--subject", str(bad))
    assert r.returncode == 2, r.stderr
    lines = [l for l in r.stderr.splitlines() if l.strip() and not l.startswith("maplab: building")]
    assert lines[0].startswith("maplab: subject Typo.java: does not compile"), lines
    assert any(l.startswith("Typo.java:3:") and "cannot find symbol" in l for l in lines[1:]), lines
    assert run_folders() == before
