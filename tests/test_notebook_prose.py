"""Notebook prose follows the claims ledger (issue 19): markdown explains why a map behaves so,
and states no outcome the references do not support. Outcomes are ledger claims
(data/claims.json), shown in claim boxes (`Claims.box(r, "N05-1")`) with their computed status.

A markdown sentence that reads like an outcome (a pattern of OUTCOME below) must either carry a
claim tag, an HTML comment that Jupyter does not render, whose claims hold on the references:

    ... so the copy iterates faster. <!-- claim: N06-1 -->

or be on ALLOWED with the reason it is no outcome. Fast: reads the notebooks and asks the Java
ledger once for the references' statuses (./maplab claims --json); runs no kernel."""
import json
import re

import pytest

from conftest import HOME, maplab

NOTEBOOKS = sorted((HOME / "notebooks").glob("*.ipynb"))
LEDGER = HOME / "data" / "claims.json"

# Words and forms that state how an outcome came out. Kept tight: each one is a comparison or a
# verdict; mechanism words (never, resizes, walks, copies) are left to the explanation.
OUTCOME = [
    r"\b(?:faster|slower|quicker)\b",
    r"\b(?:beats?|outperforms?|wins|loses to)\b",
    r"\b(?:cheaper|costlier|(?:more|less) expensive)\b",
    r"\b(?:costs?|allocates?|pays?|takes?|waits?|blocks?|collects?)\s+(?:far\s+|much\s+|a bit\s+|slightly\s+)?(?:more|less|fewer)\b",
    r"\b(?:more|less) often\b",
    r"\b(?:higher|lower|longer|shorter|larger|smaller|bigger)\s+(?:mean|tail|p99(?:\.9+)?|max(?:imum)?|latency|throughput|pauses?)\b",
    r"(?<![\w.])\d+(?:\.\d+)?\s?[x\u00d7](?!\w)",
    r"\b\d+(?:\.\d+)?\s+times\s+(?:faster|slower|more|less|as)\b",
    r"\bexpected to\b",
    r"\bshows?\s+(?:up\s+)?(?:in|as)\s+(?:the\s+)?(?:tail|p99|max|longer)",
    r"\b(?:stretch(?:es)?|inflates?)\s+(?:the\s+|a\s+\w+'s\s+)?(?:p99|tail|max)",
    r"\b(?:shows?|showed|makes?|made)\s+no\s+(?:detectable\s+)?difference\b",
    r"\b(?:rarely|seldom|hardly ever)\b",
    r"\bwell (?:below|above|under|over)\b",
]
OUTCOME_RE = re.compile("|".join(f"(?:{p})" for p in OUTCOME), re.IGNORECASE)

# Sentences that match OUTCOME but state no outcome of a run: (notebook, part of the sentence) -> why.
ALLOWED = {
    ("04-merge", "*higher* means slower in another map's iteration order"): "says what a verdict means, not which one came out",
    ("06-iteration", "a bar above 1 is slower than its baseline"): "says how to read the chart",
    ("06-iteration", "If the collected or rebuilt maps beat even the ascending-filled one"): "a condition on the findings shown above, no outcome",
    ("13-jdks", "below 1 is faster"): "says how to read the ratios",
}

TAG = re.compile(r"<!--\s*claim:\s*([^>]*?)\s*-->")
BOX_CALL = re.compile(r"Claims\s*\.\s*box\s*\(([^;]*?)\)\s*(?:;|$)", re.S)
BOX_ID = re.compile(r'"([AN][0-9][0-9A-Za-z-]*)"')


def sentences(markdown):
    """The markdown's sentences, each with the claim ids tagged on it. A tag right after a sentence's
    full stop belongs to that sentence; code spans and blocks are not prose and are left out."""
    text = re.sub(r"```.*?```", " ", markdown, flags=re.S)
    text = re.sub(r"^(#+ .*)$", r"\1\n", text, flags=re.M)
    text = re.sub(r"([.!?:;])(\s*)(<!--\s*claim:[^>]*-->)", r" \3\1\2", text)
    text = re.sub(r"`[^`]*`", "CODE", text)
    out = []
    for part in re.split(r"(?<=[.!?])\s+|\n\s*\n|\n(?=\s*(?:[-*]|#+)\s)", text):
        ids = [i.strip() for tag in TAG.findall(part) for i in tag.split(",") if i.strip()]
        prose = re.sub(r"\s+([.!?:;])", r"\1", " ".join(TAG.sub("", part).split()))
        if prose:
            out.append((prose, ids))
    return out


def markdown_cells(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    return [c for c in nb["cells"] if c["cell_type"] == "markdown"]


def code_cells(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    return [c for c in nb["cells"] if c["cell_type"] == "code"]


def box_ids(path):
    """The claim ids of every Claims.box(...) call in the notebook's code cells."""
    ids = []
    for cell in code_cells(path):
        for call in BOX_CALL.findall("".join(cell["source"])):
            ids += BOX_ID.findall(call)
    return ids


@pytest.fixture(scope="module")
def reference_status():
    """Each claim's status on the references, computed by the Java ledger."""
    r = maplab("claims", "--json", timeout=300)
    assert r.returncode == 0, f"./maplab claims --json failed: {r.stderr}"
    return {c["id"]: c for c in json.loads(r.stdout)}


def outcome_problems(path, statuses):
    """What is wrong with the notebook's markdown: untagged outcomes and tags whose claims do not hold."""
    problems = []
    for cell in markdown_cells(path):
        for sentence, ids in sentences("".join(cell["source"])):
            if sentence.endswith("?"):
                continue
            if not ids:
                hit = OUTCOME_RE.search(sentence)
                if hit and not any(nb == path.stem and part in sentence for nb, part in ALLOWED):
                    problems.append(f"{path.name}: the sentence \"{sentence}\" states an outcome ('{hit.group(0)}') without a claim: "
                                    f"make it a ledger claim shown with Claims.box, tag it <!-- claim: N.. --> if its claim holds, "
                                    f"or state the mechanism only")
            for i in ids:
                status = statuses.get(i, {}).get("status", "not in the ledger")
                if status != "holds":
                    problems.append(f"{path.name}: the sentence \"{sentence}\" states claim {i} as an outcome, but on the references "
                                    f"{i} is '{status}': show it with Claims.box instead, or change the sentence")
    return problems


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_markdown_states_only_outcomes_the_references_support(path, reference_status):
    problems = outcome_problems(path, reference_status)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_claim_boxes_name_ledger_claims_and_show_every_notebook_claim(path):
    ledger = {c["id"]: c for c in json.loads(LEDGER.read_text(encoding="utf-8"))["claims"]}
    shown = box_ids(path)
    unknown = [i for i in shown if i not in ledger]
    assert not unknown, f"{path.name}: Claims.box names {unknown}, not in data/claims.json"
    own = [i for i, c in ledger.items() if i.startswith("N") and c.get("notebook") == path.stem]
    missing = [i for i in own if i not in shown]
    assert not missing, f"{path.name}: the ledger's notebook claims {missing} are in no Claims.box cell of this notebook"


def test_allowed_sentences_are_still_there():
    texts = {p.stem: [s for c in markdown_cells(p) for s, _ in sentences("".join(c["source"]))] for p in NOTEBOOKS}
    stale = [k for k in ALLOWED if not any(k[1] in s for s in texts.get(k[0], []))]
    assert not stale, f"ALLOWED entries match no sentence any more (remove them): {stale}"


def test_the_checks_catch_an_outcome_and_a_tag_whose_claim_does_not_hold(tmp_path):
    nb = {"cells": [{"cell_type": "markdown", "source": [
        "The seeded pair is expected to show no detectable difference.\n\n",
        "Colliding Strings are slower. <!-- claim: N05-1 -->\n\n",
        "Why does it come out slower?\n\n",
        "A presized map never resizes; `2x200ms` is code."]}]}
    path = tmp_path / "99-example.ipynb"
    path.write_text(json.dumps(nb), encoding="utf-8")
    problems = outcome_problems(path, {"N05-1": {"status": "opposite in Java"}})
    assert len(problems) == 2, problems
    assert "expected to" in problems[0] and "The seeded pair is expected" in problems[0]
    assert "N05-1 is 'opposite in Java'" in problems[1] and "Colliding Strings are slower." in problems[1]
