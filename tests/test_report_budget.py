"""./maplab report --budget: the budget is read as users type it, shared among the notebooks
from their plans' estimates (BudgetSchedule), and a report whose plans cannot fit is refused
before anything is measured. The schedule and the parsing are tested on the runner's functions;
the refusal through the command line (it executes every notebook dry, measuring nothing)."""
import subprocess
import sys

import pytest

from conftest import HOME, load_report_runner


@pytest.fixture(scope="module")
def report():
    return load_report_runner("maplab_report_budget")


@pytest.mark.parametrize("text, seconds", [("90s", 90), ("5m", 300), ("1h", 3600), ("2m30s", 150), ("45", 45)])
def test_a_budget_is_read_as_users_type_it(report, text, seconds):
    assert report.budget_seconds(text, "full", False) == seconds


def test_quick_has_a_five_minute_budget_by_default_and_none_switches_it_off(report):
    assert report.budget_seconds(None, "quick", False) == 300
    assert report.budget_seconds(None, "full", False) is None
    assert report.budget_seconds("none", "quick", False) is None
    assert report.budget_seconds(None, "quick", True) is None, "a report that measures nothing (--from, --dry-run) needs no budget"


@pytest.mark.parametrize("text", ["five minutes", "0s", "-3m", "m"])
def test_a_bad_budget_exits_2_naming_the_parameter_and_the_forms(report, capsys, text):
    with pytest.raises(SystemExit) as e:
        report.budget_seconds(text, "quick", False)
    assert e.value.code == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("maplab: budget:") and "90s, 5m" in err and len(err.splitlines()) == 1


def test_the_slack_goes_to_the_notebooks_that_can_use_it_and_unused_time_moves_on(report):
    # three notebooks: minimum 10 s each; the second could add 40 s of rounds, the others nothing
    s = report.BudgetSchedule(end=100.0, mins=[10, 10, 10], maxs=[10, 50, 10])
    assert s.deadline(0, now=0.0) == pytest.approx(10.0), "nothing to add: its minimum only"
    # the first finished early (at 8 s): 100 - 8 - (10 + 10) = 72 s of slack, all for the second
    assert s.deadline(1, now=8.0) == pytest.approx(8.0 + 10 + 72)
    # a late second notebook leaves the third its minimum, never less
    assert s.deadline(2, now=95.0) == pytest.approx(105.0)


def test_shares_follow_what_each_notebook_could_still_add(report):
    s = report.BudgetSchedule(end=100.0, mins=[10, 10], maxs=[40, 70])   # could add 30 and 60
    # slack 100 - 20 = 80: a third of it to the first
    assert s.deadline(0, now=0.0) == pytest.approx(10 + 80 / 3)


def test_a_report_whose_plans_cannot_fit_its_budget_is_refused_before_measuring(tmp_path):
    r = subprocess.run([sys.executable, str(HOME / "kernel" / "report.py"), "--budget", "5s", "--out", str(tmp_path / "reports"), "03-presize"],
                       capture_output=True, text=True, timeout=600, cwd=HOME)
    assert r.returncode == 2, r.stderr
    last = r.stderr.strip().splitlines()[-1]
    assert last.startswith("maplab: budget: the notebooks need at least") and "03-presize" in last and "raise --budget" in last
    assert not (tmp_path / "reports" / "runs").exists(), "nothing measured, no run copied"
