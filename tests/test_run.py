"""The run context: options resolved once, records only through rules that are on."""
from __future__ import annotations

import pickle

import pytest

import reflow
from reflow import batch
from reflow.blocks.boundaries import lost_indent
from reflow.run import Run, RuleOff, run_for
from conftest import PAGE_A


def test_an_unknown_option_is_a_type_error_naming_it():
    with pytest.raises(TypeError, match="unknown option 'ignroe'"):
        reflow.analyze("x", ignroe="SP01")
    with pytest.raises(reflow.ConfigError, match="XX99"):
        reflow.analyze("x", ignore="XX99")


def test_a_run_is_built_once_per_options_and_pickles_as_them():
    run = Run.make(ignore="SP01", spacing="spaced")
    assert Run.make(ignore=["SP01"], spacing="spaced") is run
    assert pickle.loads(pickle.dumps(run)) is run_for(run.options)
    assert len(pickle.dumps(run)) < 1000    # the options, not the compiled rules


def test_each_page_gets_its_own_record():
    run = Run.make()
    one, two = run.for_page(), run.for_page()
    one.decide(lost_indent, (1, 2), "test")
    assert len(one.record.decisions) == 1 and not two.record.decisions
    assert not run.record.decisions


def test_a_rule_switched_off_cannot_record():
    run = Run.make(ignore="L12").for_page()
    assert not run.on(lost_indent)
    with pytest.raises(RuleOff):
        run.decide(lost_indent, (1, 2), "break")


def test_explain_reads_the_page_once(monkeypatch):
    calls = []
    real = batch.analyze_run
    monkeypatch.setattr(batch, "analyze_run",
                        lambda text, run: calls.append(text) or real(text, run))
    task = batch.Task(Run.make(), "json", explain=True)
    done = batch.run_job(batch.Job("a.txt", task, PAGE_A))
    assert not done.errors and done.explain and done.output
    assert calls == [PAGE_A]


def test_an_internal_type_error_is_an_internal_error():
    message, code = batch._failure(TypeError("unsupported operand"), "a.txt", debug=False)
    assert code == 3 and "internal error" in message
    assert batch._failure(reflow.ConfigError("bad key"), "a.txt", debug=False)[1] == 2
