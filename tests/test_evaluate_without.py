"""``geomap evaluate --without RULE_ID``: one rule's contribution, measured by running the
engine with that rule switched off (integration tests on the real gazetteer)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from geomap.cli import main
from geomap.errors import ConfigurationError
from geomap.geoparsing import Geoparser

TEXT = "Bar owners protested in Springfield, Illinois."


def _corpus(tmp_path: Path) -> Path:
    start = TEXT.index("Springfield")
    illinois = TEXT.index("Illinois")
    rec = {
        "id": "d1",
        "text": TEXT,
        "toponyms": [
            {"start": start, "end": start + 11, "name": "Springfield", "lat": 39.80, "lon": -89.64},
            {"start": illinois, "end": illinois + 8, "name": "Illinois", "lat": 40.0, "lon": -89.0},
        ],
    }
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(rec) + "\n", encoding="utf-8")
    return path


def _names(parser: Geoparser) -> list[str]:
    return [r.mention.text for r in parser.parse(TEXT)]


def test_switching_a_rule_off_changes_what_it_decided(gaz: Any) -> None:
    assert "Bar" not in _names(Geoparser(gaz))
    assert "Bar" in _names(Geoparser(gaz, without=["common.sentence-start"]))


def test_unknown_and_finding_rules_cannot_be_switched_off(gaz: Any) -> None:
    with pytest.raises(ConfigurationError, match=r"no rule 'people\.nope'"):
        Geoparser(gaz, without=["people.nope"])
    with pytest.raises(ConfigurationError, match="cannot be disabled"):
        Geoparser(gaz, without=["names.gazetteer-run"])
    with pytest.raises(ConfigurationError, match="later rules rely on"):
        Geoparser(gaz, without=["names.as-written"])


def test_every_other_rule_can_be_switched_off_on_the_rules_own_examples(gaz: Any) -> None:
    from geomap.rules import REQUIRED, all_rules

    sentences = [s for r in all_rules() for s, _ in (*r.keep, *r.drop)]
    for rule in all_rules():
        if (rule.decide or rule.run) and rule.id not in REQUIRED:
            parser = Geoparser(gaz, without=[rule.id])
            for sentence in sentences:
                parser.parse(sentence)  # no rule needs another's verdict to run


def test_evaluate_without_prints_the_figures_with_and_without_the_rule(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path)
    res = CliRunner().invoke(main, ["evaluate", str(corpus), "--without", "common.sentence-start"])
    assert res.exit_code == 0, res.output
    assert "contribution of common.sentence-start" in res.output
    predicted = next(line for line in res.output.splitlines() if "predicted mentions" in line)
    assert predicted.split()[-3:] == ["2", "3", "-1"]  # "Bar" is a place without the rule

    res = CliRunner().invoke(
        main, ["evaluate", str(corpus), "--json", "--without", "common.sentence-start"]
    )
    out = json.loads(res.output)[0]
    assert out["without"] == ["common.sentence-start"]
    assert out["with_all_rules"]["predicted"] == 2 and out["without_rules"]["predicted"] == 3
    assert out["contribution"]["overlap_precision"] == pytest.approx(1 - 2 / 3, abs=1e-4)


def test_evaluate_without_an_unknown_rule_exits_2(tmp_path: Path) -> None:
    res = CliRunner().invoke(main, ["evaluate", str(_corpus(tmp_path)), "--without", "x.y"])
    assert res.exit_code == 2
    assert "no rule 'x.y'" in res.output
