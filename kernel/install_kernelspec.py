"""Installs the "Java (maplab)" kernelspec into the Python environment's share/jupyter/kernels.

The kernel is JJava (from PyPI, pinned in requirements.txt) with maplab's jars on
JJAVA_CLASSPATH, kernel/startup.jsh + kernel/notebook.jsh run at start, and the JVM options
maplab needs. Safe to run again: it rewrites the spec.
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


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--home", required=True, help="the maplab checkout")
    ap.add_argument("--java", default="java", help="the java executable")
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
        "argv": [args.java, f"-Djava.util.logging.config.file={logging}", "-jar", str(jjava / "jjava-launcher.jar"), str(jjava / "jjava.jar"), "{connection_file}"],
        "display_name": "Java (maplab)",
        "language": "java",
        "interrupt_mode": "message",
        "env": {
            "JJAVA_CLASSPATH": classpath,
            "JJAVA_STARTUP_SCRIPTS_PATH": os.pathsep.join([str(home / "kernel/startup.jsh"), str(home / "kernel/notebook.jsh")]),
            "JJAVA_JVM_OPTS": " ".join(JVM_OPTS).format(logging=logging),
            "MAPLAB_HOME": str(home),
            "MAPLAB_CLASSPATH": classpath,
        },
        "metadata": {"maplab": True},
    }
    target = kernels / "maplab"
    target.mkdir(parents=True, exist_ok=True)
    tmp = target / "kernel.json.tmp"
    tmp.write_text(json.dumps(spec, indent=2))
    tmp.replace(target / "kernel.json")
    print(target / "kernel.json")


if __name__ == "__main__":
    main()
