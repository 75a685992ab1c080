"""Writes notebooks in the form JupyterLab saves them, so opening one in `./maplab lab` leaves it
clean and saving it without an edit changes nothing; also removes outputs (notebooks are
committed without them).

    python kernel/normalize_notebooks.py notebooks/*.ipynb          # rewrite in place
    python kernel/normalize_notebooks.py --check notebooks/*.ipynb  # exit 1 naming the ones not normal

The form (what JupyterLab 4.6 + jupyter_server write): nbformat 4.5 JSON with keys sorted,
indent 1, non-ASCII kept, sources split into lines, a trailing newline; every cell with an id;
code cells with execution_count null and no outputs; notebook metadata = the kernelspec of the
"Java (maplab)" kernel and the language_info that kernel reports (JJava's, without the JDK
version: kernel/src/.../MaplabExtension.java drops it, so the metadata is the same on every JDK).
Other notebook and cell metadata is kept. Idempotent: normalizing twice changes nothing.
"""
import argparse
import json
import sys
import uuid
from pathlib import Path

import nbformat

KERNELSPEC = {"display_name": "Java (maplab)", "language": "java", "name": "maplab"}
# What the maplab kernel answers in kernel_info (tests/test_kernel.py checks they agree).
LANGUAGE_INFO = {
    "codemirror_mode": "java",
    "file_extension": ".jshell",
    "mimetype": "text/x-java-source",
    "name": "Java",
    "pygments_lexer": "java",
}


def normalized(text, name="notebook"):
    """The normal form of a notebook's JSON text."""
    nb = nbformat.reads(text, as_version=4)
    nb.nbformat = 4
    nb.nbformat_minor = 5
    nb.metadata["kernelspec"] = dict(KERNELSPEC)
    nb.metadata["language_info"] = dict(LANGUAGE_INFO)
    seen = set()
    for i, cell in enumerate(nb.cells):
        cid = cell.get("id")
        if not cid or cid in seen:
            cid = f"cell-{i:02d}" if f"cell-{i:02d}" not in seen else uuid.uuid5(uuid.NAMESPACE_URL, f"{name}/{i}").hex[:8]
        cell["id"] = cid
        seen.add(cid)
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
        cell.metadata.pop("execution", None)
        cell.metadata.pop("trusted", None)
    nbformat.validate(nb)
    out = nbformat.writes(nb, version=nbformat.NO_CONVERT)
    return out if out.endswith("\n") else out + "\n"


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true", help="change nothing; exit 1 when a notebook is not in normal form")
    ap.add_argument("notebooks", nargs="+", type=Path)
    args = ap.parse_args(argv)
    bad = []
    for path in args.notebooks:
        text = path.read_text(encoding="utf-8")
        want = normalized(text, path.stem)
        if want != text:
            bad.append(path)
            if not args.check:
                path.write_text(want, encoding="utf-8")
    if args.check and bad:
        print("not in JupyterLab's saved form (run: python kernel/normalize_notebooks.py notebooks/*.ipynb): "
              + ", ".join(str(p) for p in bad), file=sys.stderr)
        return 1
    if not args.check:
        print(f"normalized {len(bad)} of {len(args.notebooks)} notebooks" + (": " + ", ".join(p.name for p in bad) if bad else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
