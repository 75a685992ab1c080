"""Installs the "Java (maplab)" kernelspec into the Python environment's share/jupyter/kernels,
and the project lab's settings into the same environment.

The kernel is JJava (from PyPI, pinned in requirements.txt) with maplab's jars on
JJAVA_CLASSPATH, kernel/startup.jsh + kernel/notebook.jsh run at start, and the JVM options
maplab needs. The kernel JVM is started directly (not through jjava-launcher.jar, which only
starts a second JVM with JJAVA_JVM_OPTS: one JVM start less), with the class-data sharing
archive that kernel/cds.py makes at setup when it exists.

The lab settings (etc/jupyter/jupyter_server_config.json and
share/jupyter/lab/settings/overrides.json of the environment):
- only the "maplab" kernelspec is offered (JJava's plain "Java (jjava)" lacks maplab's class
  path and renderers; the Python kernel is no use for these notebooks);
- kernel_info requests count as tracked messages, so the status JupyterLab 4.6 receives for its
  kernel_info request after connecting shows the kernel Idle at once (by default JupyterLab
  ignores those statuses and waits for the busy/idle of its history_request, which JJava
  never answers: it drops history requests when it keeps no history);
- JupyterLab's "get notified about official Jupyter news?" popup is off (fetchNews "false").
Safe to run again: it rewrites the files.
"""
import argparse
import json
import os
import sys
from pathlib import Path

JVM_OPTS = [
    "-Xmx4g",
    "-Djava.util.logging.config.file={logging}",
    "-Djava.awt.headless=true",
    "--add-opens", "java.base/java.util=ALL-UNNAMED",
    "--add-opens", "java.base/java.util.concurrent=ALL-UNNAMED",
    "--add-opens", "java.base/java.lang=ALL-UNNAMED",  # JOL reads String internals without falling back to slow paths
]


# jupyter_server's default untracked_message_types less kernel_info_request/reply (see above).
UNTRACKED_MESSAGE_TYPES = [
    "comm_info_request", "comm_info_reply", "shutdown_request", "shutdown_reply",
    "interrupt_request", "interrupt_reply", "debug_request", "debug_reply", "stream", "display_data",
    "update_display_data", "execute_input", "execute_result", "error", "status", "clear_output",
    "debug_event", "input_request", "input_reply",
]


def write_json(path, data):
    """Writes data as JSON through a temporary file (never a half-written file)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(data, indent=2) + "\n")
    tmp.replace(path)


def read_json(path):
    """The JSON object in path, or {} when it is missing or not an object."""
    try:
        data = json.loads(path.read_text())
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


def lab_settings(prefix):
    """The project lab's server config and settings overrides, in the environment at prefix."""
    server = {
        "KernelSpecManager": {"allowed_kernelspecs": ["maplab"], "ensure_native_kernel": False},
        "MappingKernelManager": {"untracked_message_types": UNTRACKED_MESSAGE_TYPES},
    }
    # jupyter_server reads traits from <prefix>/etc/jupyter/jupyter_server_config.json (its .d folder
    # only enables extensions): merge ours into whatever else is there
    config_file = prefix / "etc" / "jupyter" / "jupyter_server_config.json"
    (prefix / "etc" / "jupyter" / "jupyter_server_config.d" / "maplab.json").unlink(missing_ok=True)  # an earlier place
    config = read_json(config_file)
    for section, values in server.items():
        config.setdefault(section, {}).update(values)
    write_json(config_file, config)
    overrides_file = prefix / "share" / "jupyter" / "lab" / "settings" / "overrides.json"
    overrides = read_json(overrides_file)
    overrides.setdefault("@jupyterlab/apputils-extension:notification", {}).update({"fetchNews": "false", "checkForUpdates": False})
    write_json(overrides_file, overrides)


def kernel_argv(java, jjava, logging, cds):
    """The kernel's command: the JVM with maplab's options (and the CDS archive when made), then JJava."""
    argv = [java] + [o.format(logging=logging) for o in JVM_OPTS]
    argv += ["--add-opens", "jdk.jshell/jdk.jshell=ALL-UNNAMED"]  # what jjava-launcher adds
    if cds is not None and cds.is_file():
        # auto: a stale or unusable archive is ignored (the JVM then starts as without it), quietly
        argv += [f"-XX:SharedArchiveFile={cds}", "-Xshare:auto", "-Xlog:cds=off", "-Xlog:cds+dynamic=off"]
    return argv + ["-jar", str(jjava / "jjava.jar"), "{connection_file}"]


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--home", required=True, help="the maplab checkout")
    ap.add_argument("--java", default="java", help="the java executable")
    ap.add_argument("--cds", default=None, help="a class-data sharing archive for the kernel JVM (used when it exists)")
    ap.add_argument("--no-cds", action="store_true", help="leave the archive out (for making or timing it)")
    args = ap.parse_args()
    home = Path(args.home).resolve()
    kernels = Path(sys.prefix) / "share" / "jupyter" / "kernels"
    jjava = kernels / "java"
    for jar in ("jjava-launcher.jar", "jjava.jar"):
        if not (jjava / jar).is_file():
            sys.exit(f"maplab: {jjava / jar} is missing: is jjava installed (pip install -r requirements.txt)?")
    logging = home / "kernel" / "logging.properties"
    classpath = os.pathsep.join([str(home / "lib/bench/target/benchmarks.jar"), str(home / "kernel/target/maplab-kernel.jar")])
    spec = {
        "argv": kernel_argv(args.java, jjava, logging, None if args.no_cds or not args.cds else Path(args.cds)),
        "display_name": "Java (maplab)",
        "language": "java",
        "interrupt_mode": "message",
        "env": {
            "JJAVA_CLASSPATH": classpath,
            "JJAVA_STARTUP_SCRIPTS_PATH": os.pathsep.join([str(home / "kernel/startup.jsh"), str(home / "kernel/notebook.jsh")]),
            "JJAVA_JVM_OPTS": " ".join(JVM_OPTS).format(logging=logging),  # for JJava's own launcher, if it is used
            "MAPLAB_HOME": str(home),
            "MAPLAB_CLASSPATH": classpath,
        },
        "metadata": {"maplab": True},
    }
    target = kernels / "maplab"
    write_json(target / "kernel.json", spec)
    lab_settings(Path(sys.prefix))
    print(target / "kernel.json")


if __name__ == "__main__":
    main()
