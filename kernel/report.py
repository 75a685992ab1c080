"""Executes maplab's notebooks headless with the "maplab" kernel and writes HTML reports.

    python kernel/report.py [--profile quick|full|smoke] [--budget TIME] [--timeout SECONDS] [--dry-run] [--out DIR]
                            [--from DIR... [--strict]] [notebook ...]

A notebook is named as a file (notebooks/03-presize.ipynb, or any other .ipynb path), by its
name with or without .ipynb (03-presize, 03-presize.ipynb), or by a prefix that only one of
notebooks/ starts with (03); without names, every notebook in notebooks/ runs.

Writes reports/<notebook>.html (images embedded), reports/runs/<run>/ (each experiment run's
report, findings, meta, results, samples and tables, copied so the folder can be zipped, mailed and rendered again with --from) and
reports/index.html (environment, each notebook's status and run time, every finding with its interval,
verdict and reference, links), written by Java (maplab.render.IndexPage) from the data this runner passes.
Exits 1 when a cell failed, naming the notebook and the cell; 2 on bad arguments.

With --from DIR... (every following argument that is a folder: run folders, or folders holding
them such as runs/ or data/reference/), nothing is measured that was measured before: each
Experiments.run of a notebook takes the newest stored run of the same experiment, profile and
parameters and concludes it again (maplab.lab.StoredRuns; the folders travel in MAPLAB_FROM).
The pages and the index say per run which stored folder it came from and when it was measured;
a run no folder holds is named on stderr and in the index, and measured (with --strict: the
notebook fails instead, MAPLAB_FROM_STRICT=1). Since nothing is measured, one kernel executes
every notebook in turn (SharedKernel): re-rendering the 14 notebooks takes well under a minute.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError
from jupyter_client import KernelManager
from nbconvert import HTMLExporter

HOME = Path(os.environ.get("MAPLAB_HOME", Path(__file__).resolve().parent.parent))
PROFILES = ("quick", "full", "smoke")
COPIED = ("report.html", "findings.json", "meta.json", "results.csv", "samples.csv")  # enough to conclude again (--from)


def fail_usage(message):
    print(f"maplab: {message}", file=sys.stderr)
    sys.exit(2)


def split_from(argv):
    """Takes --from DIR... (or --from=DIR, repeatable) out of argv: returns (the rest, the folders).

    After --from, every argument that is an existing folder is a DIR; the first that is not ends
    the list (a notebook name, another option). --from without a folder after it exits 2.
    """
    rest, dirs = [], []
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg.startswith("--from="):
            given = [arg[len("--from="):]]
            i += 1
        elif arg == "--from":
            given = []
            i += 1
            while i < len(argv) and Path(argv[i]).is_dir():
                given.append(argv[i])
                i += 1
            if not given:
                after = f"'{argv[i]}'" if i < len(argv) else "nothing"
                fail_usage(f"from: expected a folder after --from, got {after}; allowed: run folders or folders that hold them (runs/, data/reference/)")
        else:
            rest.append(arg)
            i += 1
            continue
        for d in given:
            if not Path(d).is_dir():
                fail_usage(f"from: '{d}' does not exist or is not a folder; allowed: run folders or folders that hold them (runs/, data/reference/)")
            dirs.append(str(Path(d).resolve()))
    return rest, dirs


def parse_args(argv):
    argv, from_dirs = split_from(list(argv))
    ap = argparse.ArgumentParser(prog="./maplab report", description="Execute the notebooks into HTML reports.")
    ap.add_argument("--profile", default=os.environ.get("MAPLAB_PROFILE", "quick"))
    ap.add_argument("--timeout", type=int, default=None, help="per-cell timeout in seconds (quick and smoke 900, full 7200)")
    ap.add_argument("--out", default=str(HOME / "reports"), help="report folder (default reports/)")
    ap.add_argument("--jdk", default=os.environ.get("MAPLAB_JDK"),
                    help="the JDK that measures (JMH forks, child JVMs): a JDK home or a version such as 25 installed once")
    ap.add_argument("--jvm-opts", default=os.environ.get("MAPLAB_JVM_OPTS"),
                    help="extra options for every measuring JVM, e.g. --jvm-opts=-XX:+UseCompactObjectHeaders")
    ap.add_argument("--dry-run", action="store_true",
                    help="execute the notebooks without measuring: print each run's checked plan and the total estimate; write nothing")
    ap.add_argument("--budget", default=None,
                    help="time budget of the whole report, e.g. 5m, 90s, 1h (quick default 5m; 'none' for no budget): every notebook's plan "
                         "is checked against it before anything is measured, and sequential rounds are added only while they fit")
    ap.add_argument("--strict", action="store_true",
                    help="with --from: a notebook whose run no stored folder holds fails instead of measuring it")
    ap.add_argument("notebooks", nargs="*", help="notebook files, names (03-presize) or unique prefixes (03)")
    ap.error = fail_usage  # one line, exit 2
    args = ap.parse_args(argv)
    args.from_dirs = from_dirs
    if args.strict and not from_dirs:
        fail_usage("strict: only with --from DIR...; allowed: --from DIR... --strict")
    if from_dirs and args.dry_run:
        fail_usage("from: not with --dry-run (a dry run measures nothing anyway); allowed: one of them")
    if args.profile not in PROFILES:
        fail_usage(f"profile: unknown value '{args.profile}'; allowed: {', '.join(PROFILES)}")
    args.budget_seconds = budget_seconds(args.budget, args.profile, bool(from_dirs) or args.dry_run)
    if args.timeout is not None and args.timeout <= 0:
        fail_usage(f"timeout: must be a positive number of seconds, got {args.timeout}")
    args.paths = resolve_notebooks(args.notebooks)
    return args


DEFAULT_BUDGET = {"quick": "5m"}  # quick's promise: the whole report in 5 minutes on 2 cores
NOTEBOOK_OVERHEAD_SECONDS = 4.0  # kernel start, rendering and writing a page, beside what the plans estimate


def budget_seconds(text, profile, measures_nothing):
    """The report's budget in seconds, or None: --budget, else the profile's default; none when nothing is measured."""
    if text is None:
        text = None if measures_nothing else DEFAULT_BUDGET.get(profile)
    if text is None or text.strip().lower() == "none":
        return None
    import re
    m = re.fullmatch(r"(?:(\d+(?:\.\d+)?)h)?(?:(\d+(?:\.\d+)?)m(?!s))?(?:(\d+(?:\.\d+)?)s?)?", text.strip().lower())
    if not text.strip() or not m or not any(m.groups()):
        fail_usage(f"budget: cannot read '{text}'; allowed: a duration such as 90s, 5m, 1h, 2m30s, or none")
    seconds = float(m.group(1) or 0) * 3600 + float(m.group(2) or 0) * 60 + float(m.group(3) or 0)
    if seconds <= 0:
        fail_usage(f"budget: must be more than 0 s, got '{text}'; allowed: a duration such as 90s, 5m, 1h, 2m30s, or none")
    return seconds


def resolve_notebooks(names, home=None, cwd=None):
    """The notebook files that `names` (command-line arguments) mean, in order, each once.

    An argument that is an existing .ipynb file (relative to `cwd`, then to `home`) is that file.
    Otherwise it names a notebook of home/notebooks/, with or without the folder and the .ipynb
    extension: the one whose name it is, else the only one whose name starts with it. An argument
    that matches no notebook, or several, exits 2 with one line naming it and the notebooks.
    No arguments: every notebook of home/notebooks/.
    """
    home = Path(home) if home is not None else HOME
    cwd = Path(cwd) if cwd is not None else Path.cwd()
    folder = home / "notebooks"
    available = sorted(folder.glob("*.ipynb"), key=lambda p: p.stem)
    stems = [p.stem for p in available]
    if not names:
        if not available:
            fail_usage(f"notebook: none found in {folder}")
        return [p.resolve() for p in available]
    resolved = []
    for name in names:
        path = resolve_one(name, home, cwd, folder, available, stems)
        if path not in resolved:
            resolved.append(path)
    return resolved


def resolve_one(name, home, cwd, folder, available, stems):
    allowed = ", ".join(stems) or f"none found in {folder}"
    given = Path(name)
    if given.suffix == ".ipynb":
        for base in (cwd, home):
            candidate = given if given.is_absolute() else base / given
            if candidate.is_file():
                return candidate.resolve()
    in_folder = given.parent in (Path("."), Path("notebooks")) or (cwd / given.parent).resolve() == folder.resolve()
    stem = given.name[:-len(".ipynb")] if given.name.endswith(".ipynb") else given.name
    if not in_folder or not stem:
        fail_usage(f"notebook: '{name}' is not a notebook file or name; allowed: {allowed}")
    exact = [p for p in available if p.stem == stem]
    matches = exact or [p for p in available if p.stem.startswith(stem)]
    if len(matches) == 1:
        return matches[0].resolve()
    if not matches:
        fail_usage(f"notebook: '{name}' matches no notebook; allowed: {allowed}")
    fail_usage(f"notebook: '{name}' matches several notebooks ({', '.join(p.stem for p in matches)}); "
               f"name one of: {allowed}")


class Progress:
    """One terminal line per notebook, rewritten in place as its cells run."""

    def __init__(self, total):
        self.total = total
        self.tty = sys.stderr.isatty()

    def show(self, index, name, cell, cells, seconds):
        line = f"[{index}/{self.total}] {name}: cell {cell}/{cells}  {seconds:5.1f} s"
        if self.tty:
            print("\r" + line.ljust(70), end="", file=sys.stderr, flush=True)

    def done(self, index, name, status, seconds):
        line = f"[{index}/{self.total}] {name}: {status} in {seconds:.1f} s"
        print(("\r" + line.ljust(70)) if self.tty else line, file=sys.stderr, flush=True)


class SharedKernel:
    """One "maplab" kernel that executes every notebook of a --from report in turn.

    Rendering from stored runs measures nothing, so a notebook's time is mostly the kernel's
    start (JVM, JShell, the lab's classes loaded and compiled) and shutdown: starting one kernel
    for all of them makes re-rendering after an edit take seconds per notebook. Each notebook
    still gets its own execution counts (nbclient numbers them from 1) and its own run log: the
    kernel appends to one file, which is renamed after each notebook. A kernel that died is
    started again for the next notebook."""

    def __init__(self, run_log, cwd):
        self.run_log, self.cwd, self.km, self.kc = run_log, cwd, None, None

    def manager(self):
        """The kernel and one client connected to it, kept for every notebook: a fresh client that
        connects right after the previous one stopped may get no answer from the kernel (seen
        with JJava: "Kernel didn't respond"), so the client is reused, not replaced."""
        if self.km is None or not self.km.is_alive():
            self.close()
            os.environ["MAPLAB_RUN_LOG"] = str(self.run_log)
            self.km = KernelManager(kernel_name="maplab")
            self.km.start_kernel(cwd=str(self.cwd))
            self.kc = self.km.client()
            self.kc.start_channels()
            self.kc.wait_for_ready(timeout=180)
        return self.km, self.kc

    def take_log(self, notebook_log):
        """Moves what the kernel logged during the last notebook to that notebook's log."""
        if self.run_log.exists():
            self.run_log.replace(notebook_log)

    def close(self):
        if self.kc is not None:
            self.kc.stop_channels()
            self.kc = None
        if self.km is not None:
            try:
                self.km.shutdown_kernel(now=True)
            except Exception:  # noqa: BLE001 - a kernel that died may leave no socket to signal: it is gone either way
                pass
            self.km = None


def execute(path, index, progress, timeout, run_log, shared=None):
    nb = nbformat.read(path, as_version=4)
    code_cells = [i for i, c in enumerate(nb.cells) if c.cell_type == "code"]
    start = time.time()
    state = {"cell": 0}

    def on_cell_start(cell, cell_index, **_):
        state["cell"] = code_cells.index(cell_index) + 1 if cell_index in code_cells else state["cell"]
        progress.show(index, path.stem, state["cell"], len(code_cells), time.time() - start)

    km, kc = shared.manager() if shared else (None, None)
    if km is None:
        os.environ["MAPLAB_RUN_LOG"] = str(run_log)  # each run appends a line (maplab.lab.Experiments.RUN_LOG_ENV)
    # "immediate": the kernel is killed once its last cell has run (everything it writes is written by then);
    # a graceful shutdown would wait about 3 s per notebook for the JVM to exit
    client = NotebookClient(nb, km=km, kernel_name="maplab", timeout=timeout, startup_timeout=180, shutdown_kernel="immediate",
                            resources={"metadata": {"path": str(path.parent)}}, on_cell_start=on_cell_start)
    if kc is not None:
        client.kc = kc  # the shared kernel's client: nbclient then neither makes nor stops one
    error = None
    try:
        client.execute()
    except CellExecutionError as e:
        ename, evalue = getattr(e, "ename", "") or "error", (getattr(e, "evalue", "") or "").strip()
        error = f"cell {state['cell']}: {ename}: {first_line(evalue) or first_line(str(e))}"
    except CellTimeoutError:
        error = f"cell {state['cell']}: timed out after {timeout} s"
    except DeadKernelError as e:
        error = f"cell {state['cell']}: kernel died ({first_line(str(e))})"
    except Exception as e:  # a kernel that never started, for example
        error = f"{type(e).__name__}: {first_line(str(e))}"
    if error is None:
        bad = [i for i, c in enumerate(nb.cells) if c.cell_type == "code"
               and any(o.get("output_type") == "error" for o in c.get("outputs", []))]
        if bad:
            error = f"cell {code_cells.index(bad[0]) + 1}: error output"
    if shared:
        shared.take_log(run_log)
    return nb, error, time.time() - start


def first_line(text):
    lines = [l.strip() for l in text.splitlines() if l.strip()]
    return lines[0][:300] if lines else ""


def write_atomic(path, text):
    tmp = path.with_name("." + path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


def read_run_log(run_log):
    """The notebook's run log (maplab.lab.Experiments.RUN_LOG_ENV): (runs, missing). Each run is
    (folder to copy, experiment, stored folder or None); each missing is the line saying which run
    no stored folder held."""
    runs, missing = [], []
    if not run_log.exists():
        return runs, missing
    for line in run_log.read_text().splitlines():
        fields = line.split("\t")
        if len(fields) < 2:
            continue
        kind = fields[2] if len(fields) > 3 else None
        if kind == "missing":
            missing.append(fields[3])
        else:
            runs.append((Path(fields[0]), fields[1], fields[3] if kind == "from" else None))
    return runs, missing


def copy_runs(run_log, out):
    """Copies each run folder logged by the notebook into out/runs/; returns their metadata and the runs
    no stored folder held (--from). A run taken from a stored folder is copied from the runner's
    temporary folder, where it was concluded again, and keeps the stored folder's path as "stored"."""
    logged, missing = read_run_log(run_log)
    runs = []
    for src, experiment, stored in logged:
        if not (src / "meta.json").exists():
            continue
        dst = out / "runs" / src.name
        dst.mkdir(parents=True, exist_ok=True)
        for name in COPIED:
            if (src / name).exists():
                shutil.copy2(src / name, dst / name)
        for sub in ("tables", "charts"):
            if (src / sub).is_dir():
                shutil.copytree(src / sub, dst / sub, dirs_exist_ok=True)
        meta = json.loads((src / "meta.json").read_text())
        findings = json.loads((src / "findings.json").read_text()) if (src / "findings.json").exists() else []
        runs.append({"experiment": experiment, "dir": src, "copy": dst, "meta": meta, "findings": findings, "stored": stored})
    return runs, missing


def index_data(results, profile, total_seconds, budget=None):
    """What only the runner knows, for the index page that Java writes (maplab.render.IndexPage)."""
    return {"profile": profile, "total_seconds": total_seconds, **({"budget": budget} if budget else {}),
            "notebooks": [{"name": res["name"], "error": res["error"], "seconds": res["seconds"],
                           "missing": res.get("missing", []),
                           "runs": [{"experiment": r["experiment"], "folder": f"runs/{r['copy'].name}",
                                     **({"stored": r["stored"]} if r.get("stored") else {})} for r in res["runs"]]}
                          for res in results]}


def write_index(out, results, profile, total_seconds, budget=None):
    """Writes out/index.html through Java (`maplab.cli.Main index`), so numbers, intervals, verdicts,
    reference relations and CSS are formatted in one place; returns None or what went wrong."""
    data = out / ".index-data.json"
    data.write_text(json.dumps(index_data(results, profile, total_seconds, budget)), encoding="utf-8")
    jar = HOME / "lib" / "bench" / "target" / "benchmarks.jar"
    java = shutil.which("java") or "java"
    try:
        r = subprocess.run([java, "-Djava.awt.headless=true", "-cp", str(jar), "maplab.cli.Main", "index", str(out), str(data)],
                           capture_output=True, text=True, timeout=300, env={**os.environ, "MAPLAB_HOME": str(HOME)})
    except (OSError, subprocess.TimeoutExpired) as e:
        return f"{type(e).__name__}: {first_line(str(e))}"
    finally:
        data.unlink(missing_ok=True)
    return None if r.returncode == 0 else first_line(r.stderr) or f"exit {r.returncode}"


def check_jvm(jdk, jvm_opts):
    """Checks --jdk / --jvm-opts as a run would (`maplab.cli.Main jvm`); returns None or the one-line error."""
    jar = HOME / "lib" / "bench" / "target" / "benchmarks.jar"
    cmd = [shutil.which("java") or "java", "-cp", str(jar), "maplab.cli.Main", "jvm"]
    if jdk:
        cmd.append(f"--jdk={jdk}")
    if jvm_opts:
        cmd.append(f"--jvm-opts={jvm_opts}")
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    if r.returncode == 0:
        print(f"measuring JVM: {r.stdout.strip()}", file=sys.stderr)
        return None
    return first_line(r.stderr).removeprefix("maplab: ") or f"exit {r.returncode}"


def plan_notebooks(paths, timeout, tmp, progress):
    """Executes each notebook with MAPLAB_DRY_RUN set, in one kernel (nothing is measured): every
    Experiments.run checks its plan, logs it as a JSON line and returns a result concluded from
    synthetic rows. Returns (path, plans, error, seconds) per notebook; the kernel appends to one
    plans file, which is taken after each notebook, as SharedKernel does with the run log."""
    plans_file = Path(tmp) / "kernel.plans"
    os.environ["MAPLAB_DRY_RUN"] = str(plans_file)
    shared = SharedKernel(Path(tmp) / "kernel.runs", HOME / "notebooks")
    out = []
    try:
        for i, path in enumerate(paths, 1):
            _, error, seconds = execute(path, i, progress, timeout, Path(tmp) / f"{path.stem}.runs", shared)
            plans = [json.loads(l) for l in plans_file.read_text().splitlines() if l.strip()] if plans_file.exists() else []
            plans_file.unlink(missing_ok=True)
            out.append((path, plans, error, seconds))
    finally:
        shared.close()
        os.environ.pop("MAPLAB_DRY_RUN", None)
    return out


def dry_run(args):
    """Checks every notebook's plans without measuring (plan_notebooks); prints each run's plan and the total."""
    progress = Progress(len(args.paths))
    total_min = total_max = 0
    refused, failed = [], []
    with tempfile.TemporaryDirectory(prefix="maplab-dry-run-") as tmp:
        for i, (path, plans, error, seconds) in enumerate(plan_notebooks(args.paths, args.timeout or 300, tmp, progress), 1):
            progress.done(i, path.stem, "checked" if error is None else f"FAILED {error}", seconds)
            print(path)
            for p in plans:
                lo, hi = p["seconds_min"], p["seconds_max"]
                total_min += lo
                total_max += hi
                forks = str(p["forks_min"]) if p["forks_min"] == p["forks_max"] else f"{p['forks_min']}-{p['forks_max']}"
                print(f"  {p['experiment']} ({p['profile']}): {p['cells']} JMH cells, {forks} forks, {p['steps']} other steps, "
                      f"{p['findings']} findings; estimate {duration(lo, hi)}")
                for note in p.get("notes", []):
                    print(f"    note: {note}")
            if error is not None:
                (refused if "plan of " in error else failed).append((path.stem, error))
    print(f"total estimate ({args.profile} profile, {len(args.paths)} notebooks): {duration(total_min, total_max)} of measuring")
    for name, error in refused + failed:
        print(f"maplab: notebook {name}: {error}", file=sys.stderr)
    return 2 if refused else 1 if failed else 0


class BudgetSchedule:
    """Shares a report's time budget among its notebooks, from their plans' estimates.

    Each notebook's first forks and steps always run (their sum had to fit the budget before
    anything was measured); what is left (the slack) goes to sequential rounds: before notebook k
    starts, the slack still left after every later notebook's minimum is shared in proportion to
    what each notebook could still add (its plans' maximum minus minimum), and notebook k gets its
    minimum plus its share as a deadline (MAPLAB_DEADLINE, epoch milliseconds). Time a notebook
    does not use goes to the ones after it."""

    def __init__(self, end, mins, maxs):
        self.end, self.mins, self.maxs = end, mins, maxs

    def deadline(self, k, now=None):
        now = time.time() if now is None else now
        slack = max(0.0, self.end - now - sum(self.mins[k:]))
        could_add = [max(0.0, hi - lo) for lo, hi in zip(self.mins[k:], self.maxs[k:])]
        share = slack * could_add[0] / sum(could_add) if sum(could_add) > 0 else 0.0
        return now + self.mins[k] + share


def plans_key(path, profile):
    """What a notebook's plans depend on: its text, the lab's jar, the profile and the measuring JVM."""
    import hashlib
    jar = HOME / "lib" / "bench" / "target" / "benchmarks.jar"
    stat = jar.stat() if jar.exists() else None
    parts = [path.read_bytes(), str(stat.st_mtime_ns if stat else 0).encode(), str(stat.st_size if stat else 0).encode(),
             profile.encode(), os.environ.get("MAPLAB_JDK", "").encode(), os.environ.get("MAPLAB_JVM_OPTS", "").encode()]
    return hashlib.sha256(b"\0".join(parts)).hexdigest()


def cached_plans(paths, profile, timeout, tmp, progress):
    """Each notebook's plans (as plan_notebooks gives them), from .maplab/plans.json when the notebook,
    the jar, the profile and the JVM are unchanged since they were last checked, else checked now
    (in one kernel, for the notebooks not cached) and remembered. Returns [(path, plans, error)]."""
    cache_file = HOME / ".maplab" / "plans.json"
    try:
        cache = json.loads(cache_file.read_text())
    except (OSError, ValueError):
        cache = {}
    keys = {p: plans_key(p, profile) for p in paths}
    todo = [p for p in paths if keys[p] not in cache]
    for path, plans, error, _ in plan_notebooks(todo, timeout, tmp, progress) if todo else []:
        if error is None:
            cache[keys[path]] = plans
        else:
            cache.pop(keys[path], None)
            print(f"maplab: notebook {path.stem}: its plans could not be checked ({error}); it counts as 0 s", file=sys.stderr)
    cache_file.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(cache_file, json.dumps({k: cache[k] for k in keys.values() if k in cache}))
    return [(p, cache.get(keys[p], []), None) for p in paths]


def budget_schedule(args, tmp, progress):
    """Checks every notebook's plans against the budget before anything is measured; returns the
    schedule and the seconds the check took, or exits 2 naming the largest notebooks when the
    plans' first forks and steps cannot fit."""
    started = time.time()
    print(f"checking {len(args.paths)} notebooks' plans against the budget (nothing measured yet)", file=sys.stderr)
    planned = cached_plans(args.paths, args.profile, args.timeout or 300, tmp, progress)
    mins = [sum(p["seconds_min"] for p in plans) + NOTEBOOK_OVERHEAD_SECONDS for _, plans, _ in planned]
    maxs = [sum(p["seconds_max"] for p in plans) + NOTEBOOK_OVERHEAD_SECONDS for _, plans, _ in planned]
    plan_seconds = time.time() - started
    left = args.budget_seconds - plan_seconds
    if sum(mins) > left:
        largest = sorted(zip(mins, (p.stem for p, _, _ in planned)), reverse=True)[:3]
        why = (f"budget: the notebooks need at least {duration(sum(mins), sum(mins))[6:]} before any sequential round "
               f"(plans' estimates plus {NOTEBOOK_OVERHEAD_SECONDS:.0f} s per notebook), more than the {duration(left, left)[6:]} "
               f"the budget of {duration(args.budget_seconds, args.budget_seconds)[6:]} leaves after checking the plans; largest: "
               + ", ".join(f"{name} {duration(m, m)[6:]}" for m, name in largest))
        if args.budget is not None:
            fail_usage(why + "; raise --budget (or --budget none), or run fewer notebooks")
        # the profile's default budget: the report still runs (it is the main command), but says so first and adds no rounds
        print(f"maplab: {why}; measuring every notebook's first forks only (no sequential rounds); choose with --budget", file=sys.stderr)
        return BudgetSchedule(started, mins, mins), plan_seconds
    print(f"budget {duration(args.budget_seconds, args.budget_seconds)[6:]}: plans need {duration(sum(mins), sum(maxs))} "
          f"(checked in {plan_seconds:.0f} s)", file=sys.stderr)
    return BudgetSchedule(started + args.budget_seconds, mins, maxs), plan_seconds


def duration(lo, hi):
    def one(s):
        s = int(round(s))
        return f"{s} s" if s < 60 else f"{s // 60} min {s % 60:02d} s" if s < 3600 else f"{s // 3600} h {(s % 3600) // 60:02d} min"
    return f"about {one(lo)}" if hi - lo < 1 else f"{one(lo)} to {one(hi)}"


def execute_all(args, out, progress, timeout, tmp, shared, schedule=None):
    """Executes each notebook, writes its page and copies its runs; one result per notebook. With a
    budget schedule, each notebook's kernel gets its deadline (MAPLAB_DEADLINE)."""
    exporter = HTMLExporter(template_name="lab")
    results = []
    for i, path in enumerate(args.paths, 1):
        run_log = tmp / f"{path.stem}.runs"
        if schedule is not None:
            os.environ["MAPLAB_DEADLINE"] = str(int(schedule.deadline(i - 1) * 1000))
        nb, error, seconds = execute(path, i, progress, timeout, run_log, shared)
        os.environ.pop("MAPLAB_DEADLINE", None)
        body, _ = exporter.from_notebook_node(nb)
        write_atomic(out / f"{path.stem}.html", body)
        runs, missing = copy_runs(run_log, out)
        progress.done(i, path.stem, "ok" if error is None else f"FAILED {error}", seconds)
        for line in missing:
            print(f"maplab: notebook {path.stem}: {line}; measured it instead", file=sys.stderr)
        results.append({"name": path.stem, "error": error, "seconds": seconds, "runs": runs, "missing": missing})
    return results


def main(argv):
    args = parse_args(argv)
    os.environ["MAPLAB_PROFILE"] = args.profile
    os.environ["MAPLAB_HOME"] = str(HOME)
    if args.dry_run:
        return dry_run(args)
    timeout = args.timeout or (7200 if args.profile == "full" else 900)
    if args.jdk or args.jvm_opts:
        bad = check_jvm(args.jdk, args.jvm_opts)  # before any notebook runs: a bad JDK or option stops here
        if bad:
            print(f"maplab: {bad}", file=sys.stderr)
            return 2
        if args.jdk:
            os.environ["MAPLAB_JDK"] = args.jdk
        if args.jvm_opts:
            os.environ["MAPLAB_JVM_OPTS"] = args.jvm_opts
    os.environ.pop("MAPLAB_FROM", None)
    os.environ.pop("MAPLAB_FROM_STRICT", None)
    if args.from_dirs:
        os.environ["MAPLAB_FROM"] = os.pathsep.join(args.from_dirs)
        if args.strict:
            os.environ["MAPLAB_FROM_STRICT"] = "1"
        print(f"from stored runs in: {', '.join(args.from_dirs)}" + (" (strict)" if args.strict else ""), file=sys.stderr)
    out = Path(args.out).resolve()
    out.mkdir(parents=True, exist_ok=True)
    progress = Progress(len(args.paths))
    started = time.time()
    budget = None
    with tempfile.TemporaryDirectory(prefix="maplab-report-") as tmp:
        schedule = None
        if args.budget_seconds:
            schedule, plan_seconds = budget_schedule(args, tmp, progress)
            budget = {"seconds": args.budget_seconds, "plan_seconds": plan_seconds}
        shutil.rmtree(out / "runs", ignore_errors=True)  # the index describes this report's runs only (after the budget check: a refused report loses nothing)
        shared = SharedKernel(Path(tmp) / "kernel.runs", HOME / "notebooks") if args.from_dirs else None
        try:
            results = execute_all(args, out, progress, timeout, Path(tmp), shared, schedule)
        finally:
            if shared:
                shared.close()
    index_error = write_index(out, results, args.profile, time.time() - started, budget)
    if index_error:
        print(f"maplab: could not write {out / 'index.html'}: {index_error}", file=sys.stderr)
    for res in results:
        print(out / f"{res['name']}.html")
    print(f"report: {out / 'index.html'}")
    failed = [r for r in results if r["error"]]
    for r in failed:
        print(f"maplab: notebook {r['name']} failed at {r['error']}", file=sys.stderr)
    return 1 if failed or index_error else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
