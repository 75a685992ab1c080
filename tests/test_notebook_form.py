"""Every committed notebook is in the form JupyterLab saves it (so opening one in ./maplab lab
leaves it clean and saving without an edit changes nothing) and has no outputs."""
import importlib.util
import json

import pytest

from conftest import HOME

spec = importlib.util.spec_from_file_location("normalize_notebooks", HOME / "kernel" / "normalize_notebooks.py")
normalize_notebooks = importlib.util.module_from_spec(spec)
spec.loader.exec_module(normalize_notebooks)

NOTEBOOKS = sorted((HOME / "notebooks").glob("*.ipynb"))
FIX = "run: python kernel/normalize_notebooks.py notebooks/*.ipynb"


def test_there_are_notebooks():
    assert len(NOTEBOOKS) >= 2, f"no notebooks found in {HOME / 'notebooks'}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_in_jupyterlab_saved_form(path):
    text = path.read_text(encoding="utf-8")
    assert text == normalize_notebooks.normalized(text, path.stem), f"{path.name} is not in JupyterLab's saved form; {FIX}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_has_no_outputs_and_the_maplab_kernel(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [] and cell["execution_count"] is None, f"{path.name}: cell {cell['id']} has outputs"
    assert nb["metadata"]["kernelspec"]["name"] == "maplab"
    assert "version" not in nb["metadata"]["language_info"], "language_info must not carry the local JDK version"


def test_normalizing_is_idempotent_and_clears_outputs():
    nb = json.loads(NOTEBOOKS[0].read_text(encoding="utf-8"))
    code = next(c for c in nb["cells"] if c["cell_type"] == "code")
    code["outputs"] = [{"output_type": "stream", "name": "stdout", "text": ["x\n"]}]
    code["execution_count"] = 3
    nb["metadata"]["language_info"]["version"] = "17.0.15+6-Debian-1deb12u1"
    dirty = json.dumps(nb, indent=2)
    once = normalize_notebooks.normalized(dirty)
    assert once != dirty
    assert normalize_notebooks.normalized(once) == once
    clean = json.loads(once)
    assert all(c.get("outputs", []) == [] for c in clean["cells"])
    assert "version" not in clean["metadata"]["language_info"]


FINDING_ID_MATCH = __import__("re").compile(r"\.id\(\)\s*\.\s*(matches|startsWith|endsWith|contains)\(")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_asks_for_finding_groups_not_id_patterns(path):
    """Notebooks show a group of findings with Result.findingsIn(group), never by matching ids:
    a new peer library or finding then needs no notebook edit."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            src = "".join(cell["source"])
            assert not FINDING_ID_MATCH.search(src), f"{path.name}: cell {cell['id']} matches finding ids; use r.findingsIn(group)"
