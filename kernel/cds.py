"""Makes the kernel JVM's class-data sharing archive, and times kernel start.

    python kernel/cds.py make --archive .maplab/kernel.jsa     # at setup (./maplab setup)
    python kernel/cds.py time [--runs 3]                        # start -> idle -> first result

`make` starts the installed "maplab" kernel once with -XX:ArchiveClassesAtExit (JDK 13+ dynamic
CDS), runs a cell like a notebook's first ones (imports, a table, a chart as PNG, a finding),
shuts the kernel down cleanly so the JVM writes the archive, and keeps it only when the JVM
wrote one. The kernelspec then adds -XX:SharedArchiveFile (install_kernelspec.py --cds): the
classes JJava, JShell, javac and maplab load at start come mapped from the archive instead of
being parsed and verified again on every kernel start.
"""
import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import jupyter_client
from jupyter_client.kernelspec import KernelSpecManager

TRAINING_CELL = """
var t = Table.create("t", IntColumn.create("n", 1, 2, 3), DoubleColumn.create("time", 1.5, 2.5, 3.5));
var c = Charts.logLog("growth", "n (keys)", "time (ns)");
Charts.series(c, "a", List.of(1, 10, 100), List.of(2, 20, 200), null);
Charts.pngBase64(c).length() + maplab.render.Html.table(t).length() + Profile.fromEnvironment().label().length()
"""


def installed_spec():
    spec = KernelSpecManager().get_kernel_spec("maplab")
    return spec.to_dict()


def cpu_seconds(pid):
    """CPU time (user + system) of process pid and its descendants, from /proc (Linux); 0 elsewhere."""
    tick = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
    total = 0.0
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
        fields = stat[stat.rindex(")") + 2:].split()
        total += (int(fields[11]) + int(fields[12])) / tick
        for child in Path(f"/proc/{pid}/task").glob("*/children"):
            for c in child.read_text().split():
                total += cpu_seconds(int(c))
    except (OSError, ValueError):
        pass
    return total


def run_kernel(spec, cells, shutdown_wait=120.0, timings=None):
    """Starts a kernel from spec (a kernel.json dict), runs cells; returns (seconds to kernel_info, to first result).
    timings, a dict, also gets "cpu_s": the kernel's CPU seconds to its first result (less affected by machine load)."""
    with tempfile.TemporaryDirectory() as tmp:
        kdir = Path(tmp) / "kernels" / "maplab-once"
        kdir.mkdir(parents=True)
        (kdir / "kernel.json").write_text(json.dumps(spec))
        ksm = KernelSpecManager(kernel_dirs=[str(Path(tmp) / "kernels")])
        t0 = time.time()
        km = jupyter_client.KernelManager(kernel_name="maplab-once", kernel_spec_manager=ksm)
        km.shutdown_wait_time = shutdown_wait
        km.start_kernel()
        kc = km.client()
        kc.start_channels()
        try:
            kc.wait_for_ready(timeout=180)
            ready = time.time() - t0
            first = None
            for code in cells:
                reply = kc.execute_interactive(code, timeout=180, output_hook=lambda m: None)
                if reply["content"]["status"] != "ok":
                    raise RuntimeError(f"cell failed: {reply['content']}")
                if first is None:
                    first = time.time() - t0
                    if timings is not None:
                        timings["cpu_s"] = cpu_seconds(km.provisioner.process.pid)
            return ready, first
        finally:
            kc.stop_channels()
            km.shutdown_kernel(now=False)


def make(archive):
    spec = installed_spec()
    argv = [a for a in spec["argv"] if not a.startswith(("-XX:SharedArchiveFile=", "-Xshare:", "-Xlog:cds"))]
    archive = Path(archive).resolve()
    archive.parent.mkdir(parents=True, exist_ok=True)
    tmp = archive.with_name(archive.name + ".new")
    tmp.unlink(missing_ok=True)
    spec["argv"] = argv[:1] + [f"-XX:ArchiveClassesAtExit={tmp}"] + argv[1:]
    run_kernel(spec, ["1 + 1", TRAINING_CELL])
    for _ in range(100):  # the JVM writes the archive as it exits
        if tmp.is_file() and tmp.stat().st_size > 0:
            break
        time.sleep(0.1)
    if not tmp.is_file():
        sys.exit("maplab: the kernel JVM wrote no class-data sharing archive (kernel start stays as it is)")
    tmp.replace(archive)
    print(f"{archive} ({archive.stat().st_size // (1024 * 1024)} MiB)")


def timing(runs):
    spec = installed_spec()
    readies, firsts, cpus = [], [], []
    for _ in range(runs):
        t = {}
        ready, first = run_kernel(spec, ["1 + 1"], shutdown_wait=5, timings=t)
        readies.append(ready)
        firsts.append(first)
        cpus.append(t.get("cpu_s", 0.0))
    print(f"kernel start to kernel_info reply: median {statistics.median(readies):.2f} s {['%.2f' % r for r in readies]}")
    print(f"kernel start to first result (1 + 1): median {statistics.median(firsts):.2f} s {['%.2f' % r for r in firsts]}")
    print(f"kernel CPU seconds to first result: median {statistics.median(cpus):.2f} s {['%.2f' % c for c in cpus]}")
    print("argv: " + " ".join(spec["argv"]))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    m = sub.add_parser("make")
    m.add_argument("--archive", required=True)
    t = sub.add_parser("time")
    t.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    if args.cmd == "make":
        make(args.archive)
    else:
        timing(args.runs)


if __name__ == "__main__":
    main()
