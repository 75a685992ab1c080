"""./maplab report accepts notebooks as users type them: 03-presize, 03-presize.ipynb,
notebooks/03-presize.ipynb or the unique prefix 03. Only names are resolved here; no notebook
runs (the resolver is imported, and the command line is checked with --dry-run)."""
import subprocess
import sys

import pytest

from conftest import HOME, load_report_runner

NOTEBOOK = HOME / "notebooks" / "03-presize.ipynb"


@pytest.fixture(scope="module")
def report():
    return load_report_runner("maplab_report")


def resolve(report, *names, home=HOME, cwd=HOME):
    return report.resolve_notebooks(list(names), home=home, cwd=cwd)


@pytest.mark.parametrize("name", ["03-presize", "03-presize.ipynb", "notebooks/03-presize.ipynb", "03",
                                  "notebooks/03-presize", "03-pre", str(NOTEBOOK)])
def test_a_name_path_or_unique_prefix_means_the_notebook(report, name):
    assert resolve(report, name) == [NOTEBOOK.resolve()]


def test_paths_are_found_from_another_folder_and_relative_to_it(report, tmp_path):
    assert resolve(report, "notebooks/03-presize.ipynb", cwd=tmp_path) == [NOTEBOOK.resolve()]
    assert resolve(report, "03-presize.ipynb", cwd=HOME / "notebooks") == [NOTEBOOK.resolve()]
    own = tmp_path / "mine.ipynb"
    own.write_text("{}")
    assert resolve(report, "mine.ipynb", cwd=tmp_path) == [own.resolve()]


def test_no_names_means_every_notebook_and_each_runs_once(report):
    every = sorted((HOME / "notebooks").glob("*.ipynb"), key=lambda p: p.stem)
    assert resolve(report) == [p.resolve() for p in every]
    assert resolve(report, "03", "03-presize", "notebooks/03-presize.ipynb", "10") == [
        NOTEBOOK.resolve(), (HOME / "notebooks" / "10-gc.ipynb").resolve()]


def expect_usage_error(report, capsys, *names, home=HOME):
    with pytest.raises(SystemExit) as exit_:
        resolve(report, *names, home=home)
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1, err
    return err


@pytest.mark.parametrize("name", ["99", "presize", "03-presize.txt", "elsewhere/03-presize.ipynb", "nope.ipynb"])
def test_a_name_that_matches_nothing_exits_2_naming_it_and_the_notebooks(report, capsys, name):
    err = expect_usage_error(report, capsys, name)
    assert f"'{name}'" in err
    assert "00-quickstart" in err and "03-presize" in err and "10-gc" in err


def test_a_prefix_of_several_notebooks_exits_2_naming_them(report, capsys, tmp_path):
    (tmp_path / "notebooks").mkdir()
    for stem in ("03-presize", "03-presize-large", "04-merge"):
        (tmp_path / "notebooks" / f"{stem}.ipynb").write_text("{}")
    assert resolve(report, "03-presize", home=tmp_path) == [(tmp_path / "notebooks" / "03-presize.ipynb").resolve()]
    err = expect_usage_error(report, capsys, "03", home=tmp_path)
    assert "'03'" in err and "several" in err and "03-presize, 03-presize-large" in err
    err = expect_usage_error(report, capsys, "0")
    assert "'0'" in err and "several" in err


def run_report(*args):
    return subprocess.run([sys.executable, str(HOME / "kernel" / "report.py"), *args], cwd=HOME,
                          capture_output=True, text=True, timeout=120)


def run_folders():
    runs = HOME / "runs"
    return {p.name for p in runs.iterdir()} if runs.exists() else set()


def test_dry_run_checks_each_notebooks_plans_without_measuring(tmp_path):
    before = run_folders()
    r = run_report("--dry-run", "--out", str(tmp_path), "03", "09-races.ipynb")
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    presize, races = str(NOTEBOOK.resolve()), str((HOME / "notebooks" / "09-races.ipynb").resolve())
    assert presize in lines and races in lines and lines.index(presize) < lines.index(races)
    # each notebook's run with its plan and estimate, then the total
    assert any(l.startswith("  presize (quick): ") and "JMH cells" in l and "estimate" in l for l in lines), r.stdout
    assert any(l.startswith("  races (quick): ") for l in lines), r.stdout
    assert lines[-1].startswith("total estimate (quick profile, 2 notebooks): "), r.stdout
    assert not any(tmp_path.iterdir()), "a dry run writes nothing"
    # the folders themselves, not a time window: other tests measure beside this one (./maplab test runs two pytest processes)
    assert run_folders() == before, "a dry run measures nothing"


def test_command_line_rejects_an_unknown_name_with_exit_2(tmp_path):
    r = run_report("--out", str(tmp_path), "no-such-notebook")
    assert r.returncode == 2
    assert r.stderr.strip().startswith("maplab: notebook: 'no-such-notebook' matches no notebook; allowed: 00-quickstart")
    assert len(r.stderr.strip().splitlines()) == 1
    assert not any(tmp_path.iterdir())
