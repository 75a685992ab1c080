"""requirements.txt and environment.yml name the same Python packages at the same versions."""
import re

from conftest import HOME


def pins(lines):
    out = {}
    for line in lines:
        m = re.match(r"^\s*(?:-\s+)?([A-Za-z0-9_.\-]+)==([^\s#]+)\s*$", line)
        if m:
            out[m.group(1).lower().replace("_", "-")] = m.group(2)
    return out


def test_environment_yml_pins_the_requirements():
    req = pins((HOME / "requirements.txt").read_text().splitlines())
    yml = (HOME / "environment.yml").read_text()
    pip_section = yml.split("- pip:", 1)[1].splitlines()
    env = pins(pip_section)
    assert req, "requirements.txt pins nothing"
    assert env == req, f"environment.yml pip section {env} differs from requirements.txt {req}"
    assert re.search(r"^\s*-\s*openjdk=17", yml, re.M), "environment.yml must list openjdk 17"
    assert re.search(r"^\s*-\s*maven\b", yml, re.M), "environment.yml must list maven"
