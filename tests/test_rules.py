"""The recognition rules (geomap/rules/): the registry's shape, and every rule's keep and drop
examples run as tests on the real gazetteer.

A *keep* example's name is reported as a mention (of any role); a *drop* example's name is
not reported as a location (dropped, or relabelled: an organisation's, a team's, a modifier).
Each rule must decide (appear in the trace of the name) in at least one of its examples, so
that every test here names the rule it guards.
"""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from geomap import rules as rules_pkg
from geomap.gazetteer import Gazetteer
from geomap.rules import ORDER, STAGES, Decision, Rule, all_rules
from geomap.types import Mention

ROOT = Path(__file__).resolve().parent.parent
RULES = all_rules()


@pytest.fixture(scope="module")
def recognizer(gaz: Gazetteer):  # type: ignore[no-untyped-def]
    from geomap.recognize import Recognizer

    return Recognizer(gaz)


def _run(recognizer, sentence: str) -> tuple[list[Mention], list[Decision]]:  # type: ignore[no-untyped-def]
    trace: list[Decision] = []
    return recognizer.recognize(sentence, trace=trace), trace


# -- the registry ---------------------------------------------------------------------------------
def test_every_rule_has_a_keep_and_a_drop_example_and_a_doc() -> None:
    bad = [r.id for r in RULES if not (r.keep and r.drop and r.doc.strip())]
    assert not bad, f"rules without a keep and a drop example or a doc: {bad}"


def test_registry_check_fails_a_rule_without_examples() -> None:
    lonely = Rule("names.lonely", "name", "No examples.", keep=(), drop=())
    assert not (lonely.keep and lonely.drop)


def test_order_lists_every_rule_of_every_family_module_once() -> None:
    defined: list[str] = []
    for info in pkgutil.iter_modules(rules_pkg.__path__):
        module = importlib.import_module(f"geomap.rules.{info.name}")
        defined += [r.id for r in getattr(module, "RULES", ())]
        for r in getattr(module, "RULES", ()):
            # a family's rules live in its module: "people.*" in people.py
            family = {"common": "common_words"}.get(r.id.split(".")[0], r.id.split(".")[0])
            assert family == info.name, r.id
    assert len(ORDER) == len(set(ORDER))
    assert sorted(defined) == sorted(ORDER)


def test_stages_run_in_their_declared_order() -> None:
    positions = [STAGES.index(r.stage) for r in RULES]
    assert positions == sorted(positions)
    for r in RULES:
        if r.stage == "find":
            assert r.decide is None and r.run is None, r.id
        elif r.stage == "pass":
            assert r.run is not None and r.decide is None, r.id
        else:
            assert r.decide is not None and r.run is None, r.id


def test_guards_name_stages_of_candidate_rules() -> None:
    from geomap.rules import GUARDS, candidate_stages

    assert set(GUARDS) <= {r.stage for r in RULES if r.decide is not None}
    assert sum(len(rules) for _, rules in candidate_stages()) == sum(
        r.decide is not None for r in RULES
    )


def test_rules_that_read_the_run_decide_nothing_about_a_name_alone(recognizer) -> None:  # type: ignore[no-untyped-def]
    """The engine does not ask a rule with ``needs_run`` about a name that is its whole run
    (``Facts.alone``); asked all the same, on every rule's examples, it decides nothing."""
    from geomap.rules import Draft
    from geomap.rules.facts import Facts

    needs_run = [r for r in RULES if r.needs_run]
    assert needs_run and all(r.decide is not None for r in needs_run)
    alone = 0
    for sentence in sorted({s for r in RULES for s, _ in (*r.keep, *r.drop)}):
        doc = recognizer._document(sentence, "", None)
        for span in recognizer._spans(doc.tokens, doc.caps, doc.capitalised):
            facts = Facts(recognizer, doc, span)
            if not (facts.alone and facts.cands):  # no candidate: names.as-written drops it
                continue
            alone += 1
            for r in needs_run:
                for draft in (Draft("place", "", None), Draft("embedded", "organisation", None)):
                    assert r.decide(facts, draft) is None, (r.id, sentence, span)  # type: ignore[misc]
    assert alone > 20


def test_rule_word_lists_are_lexicon_fields() -> None:
    from geomap.recognize import Lexicon

    fields = set(Lexicon.__dataclass_fields__)
    assert {w for r in RULES for w in r.words} <= fields


# -- the examples ---------------------------------------------------------------------------------
KEEP = [
    pytest.param(r.id, s, n, id=f"{r.id}-keep{k}") for r in RULES for k, (s, n) in enumerate(r.keep)
]
DROP = [
    pytest.param(r.id, s, n, id=f"{r.id}-drop{k}") for r in RULES for k, (s, n) in enumerate(r.drop)
]


@pytest.mark.parametrize(("rule_id", "sentence", "name"), KEEP)
def test_keep_example(recognizer, rule_id: str, sentence: str, name: str) -> None:  # type: ignore[no-untyped-def]
    mentions, _ = _run(recognizer, sentence)
    assert name in [m.text for m in mentions], (rule_id, [(m.text, m.role) for m in mentions])


@pytest.mark.parametrize(("rule_id", "sentence", "name"), DROP)
def test_drop_example(recognizer, rule_id: str, sentence: str, name: str) -> None:  # type: ignore[no-untyped-def]
    mentions, _ = _run(recognizer, sentence)
    literal = [m.text for m in mentions if m.literal]
    assert name not in literal, (rule_id, [(m.text, m.role) for m in mentions])


@pytest.mark.parametrize("rule", [pytest.param(r, id=r.id) for r in RULES])
def test_rule_decides_one_of_its_examples(recognizer, rule: Rule) -> None:  # type: ignore[no-untyped-def]
    seen = []
    for sentence, name in (*rule.keep, *rule.drop):
        _, trace = _run(recognizer, sentence)
        for d in trace:
            if name in (d.text, d.mention.text if d.mention else None):
                seen.append((name, d.rules))
                if rule.id in d.rules:
                    return
    pytest.fail(f"{rule.id} decided none of its examples: {seen}")


def test_mentions_carry_the_rules_that_decided_them(recognizer) -> None:  # type: ignore[no-untyped-def]
    mentions, trace = _run(recognizer, "Turkish forces shelled Ras al-Ain, said Mustafa Bali.")
    by_text = {m.text: m for m in mentions}
    assert by_text["Ras al-Ain"].rules == ("names.gazetteer-run", "names.preposition-cue")
    assert by_text["Turkish"].rules == ("names.demonyms",)
    bali = [d for d in trace if d.text == "Bali"]
    assert bali and bali[0].outcome == "rejected"
    assert bali[0].rules[-1] == "people.given-name-leads"
    assert "given name" in bali[0].reason


def test_the_trace_does_not_change_the_mentions(recognizer) -> None:  # type: ignore[no-untyped-def]
    text = "Amanda Chlebek spoke in Springfield. In northeast Syria, the US-led coalition."
    assert recognizer.recognize(text) == _run(recognizer, text)[0]


# -- the commands ---------------------------------------------------------------------------------
README_EXAMPLES = [
    "Turkish forces shelled Ras al-Ain, said Mustafa Bali.",
    "Amanda Chlebek spoke in Springfield.",
    "The convoys reached Kobani. Gen. Mazloum Kobani said so.",
    "The London School of Economics is in London.",
]


@pytest.mark.parametrize("text", README_EXAMPLES)
def test_explain_shows_each_name_its_rules_and_its_resolution(
    default_index: Path, text: str
) -> None:
    from geomap.cli import main

    result = CliRunner().invoke(main, ["explain", text])
    assert result.exit_code == 0, result.output
    assert "resolutions" in result.output
    assert "names" in result.output and "->" in result.output


def test_explain_names_the_rule_that_dropped_a_name(default_index: Path) -> None:
    from geomap.cli import main

    result = CliRunner().invoke(main, ["explain", "A spokesman, Mustafa Bali, denied it."])
    assert result.exit_code == 0, result.output
    assert "'Bali' [21:25] dropped by people.given-name-leads" in result.output


def test_rules_command_lists_every_rule() -> None:
    from geomap.cli import main

    result = CliRunner().invoke(main, ["rules"])
    assert result.exit_code == 0, result.output
    for r in RULES:
        assert r.id in result.output


def test_docs_rules_md_is_generated_from_the_rules(tmp_path: Path) -> None:
    from geomap.cli import main

    out = tmp_path / "rules.md"
    result = CliRunner().invoke(main, ["rules", "--markdown", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8") == (ROOT / "docs" / "rules.md").read_text(
        encoding="utf-8"
    ), "docs/rules.md is stale: run `geomap rules --markdown docs/rules.md`"


@pytest.mark.parametrize("rule", [pytest.param(r, id=r.id) for r in RULES])
def test_every_example_names_a_word_of_its_sentence(rule: Rule) -> None:
    for sentence, name in (*rule.keep, *rule.drop):
        assert name in sentence, (rule.id, sentence, name)
