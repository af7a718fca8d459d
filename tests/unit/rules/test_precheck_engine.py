"""The engine's mechanics: the unguarded and guarded runs agree, a failing rule family becomes a
CHECK-FAILED finding, message arguments built on demand, shared read-only result rows, notice
tables, and the file-type test against ``os.path.splitext``."""

from __future__ import annotations

import os

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.unit.rules.factories import NOW, base, varied_profiles
from zhicheng_app.rules import context, materials
from zhicheng_app.rules.context import Ctx, notice_table
from zhicheng_app.rules.model import ApplicationProfile, NoticeConfig, load_seed_notice
from zhicheng_app.rules.precheck import _coerce_now, _families, _families_unguarded, _run, precheck
from zhicheng_app.rules.registry import finding


def _outcome(ctx: Ctx, outcome: tuple) -> tuple:
	return [f.to_dict() for f in ctx.findings], outcome


@pytest.mark.parametrize("seed", [1, 2])
def test_unguarded_run_equals_guarded_run(seed):
	"""``_families_unguarded`` (the common path) runs the same families in the same order as
	``_families`` with a guard per family."""
	for raw, code in varied_profiles(300, seed=seed):
		notice = load_seed_notice(code)
		profile = ApplicationProfile.from_dict(raw)
		now = _coerce_now(NOW[code])
		fast = Ctx(profile, notice, now)
		guarded = Ctx(profile, notice, now)
		assert _outcome(fast, _families_unguarded(fast)) == _outcome(guarded, _families(guarded, _run))


def test_failing_family_becomes_check_failed(monkeypatch):
	def broken(notice):
		raise ZeroDivisionError

	# the summary family fails on its notice table
	monkeypatch.setitem(context._TABLE_BUILDERS, "summary_topics", broken)
	profile = base("000")
	profile["id_number"] = "123"  # ID-INVALID, reported by an earlier family
	notice = NoticeConfig.from_dict(load_seed_notice("000").to_dict())  # a fresh notice: no tables yet
	result = precheck(profile, notice, NOW["000"])
	ids = result.rule_ids()
	assert "CHECK-FAILED" in ids
	assert "ID-INVALID" in ids
	failed = next(f for f in result.findings if f.rule_id == "CHECK-FAILED")
	assert "summary: ZeroDivisionError" in failed.message
	assert ids.count("ID-INVALID") == 1  # the first, unguarded attempt left nothing behind
	assert result.eligible_options  # the families before it reported
	assert result.fee and result.deadlines  # and the families after it still ran


def test_finding_arguments_built_when_shown():
	calls = []

	def args():
		calls.append(1)
		return ("甲", 3)

	f = finding("X", "ref", "Blocking", None, None, "{0} has {1}", args)
	assert calls == []
	assert f.message == "甲 has 3"
	assert f.message == "甲 has 3"
	assert calls == [1]


def test_lazy_arguments_do_not_follow_later_profile_changes():
	"""A message built on demand shows the values the precheck saw, not later edits."""

	def township_profile():
		profile = ApplicationProfile.from_dict(base("004"))
		profile.route = "Township Initial Intermediate"
		profile.target_level = "Intermediate"
		profile.professional_start_date = profile.professional_start_date.replace(year=2023)
		return profile

	expected = next(
		f for f in precheck(township_profile(), "004", NOW["004"]).findings if f.rule_id == "TOWN-YEARS"
	)
	expected_message = expected.message
	profile = township_profile()
	result = precheck(profile, "004", NOW["004"])
	profile.professional_start_date = profile.professional_start_date.replace(year=2000)
	profile.route = "Grant by Degree"
	years = next(f for f in result.findings if f.rule_id == "TOWN-YEARS")
	assert years.message == expected_message


def test_result_rows_are_read_only_and_to_dict_copies():
	result = precheck(base("000"), "000", NOW["000"])
	for rows in (result.required_materials, result.eligible_options):
		assert rows
		with pytest.raises(TypeError):
			rows[0]["code"] = "changed"
	assert result.fee is not None
	with pytest.raises(TypeError):
		result.fee["amount"] = 1
	d = result.to_dict()
	d["required_materials"][0]["label"] = "changed"
	d["fee"]["amount"] = 1
	again = precheck(base("000"), "000", NOW["000"]).to_dict()
	assert again["required_materials"][0]["label"] != "changed"
	assert again["fee"]["amount"] != 1
	assert all(type(m) is dict for m in again["required_materials"] + again["eligible_options"])


def test_notice_table_names_are_declared():
	with pytest.raises(ValueError):
		notice_table("no_such_table")(lambda n: None)


def test_notice_table_built_once_per_notice():
	notice = load_seed_notice("000")
	ctx = Ctx(ApplicationProfile.from_dict(base("000")), notice, _coerce_now(NOW["000"]))
	first = ctx.facts.table("materials")
	assert ctx.facts.table("materials") is first
	with pytest.raises(AttributeError):
		ctx.facts.no_such_table  # noqa: B018


_NAME = st.text(alphabet="ab./\\PpDdFfJj0 ", max_size=12)


@given(st.lists(_NAME, min_size=1, max_size=6), st.sets(st.sampled_from([".pdf", ".jpg", ".a"]), min_size=1))
def test_bad_file_names_agree_with_splitext(names, allowed):
	expected = [n for n in names if os.path.splitext(n)[1].lower() not in allowed]
	assert materials.bad_file_names(names, allowed, tuple(sorted(allowed))) == expected
