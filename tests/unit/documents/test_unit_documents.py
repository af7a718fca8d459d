"""The documents an employer unit makes for its applications, and the opinion it records."""

import pytest

from zhicheng_app.documents.batches import BatchError, roster_group
from zhicheng_app.documents.catalogue import (
	KIND_SOURCE,
	PUBLICITY,
	PUBLICITY_RESULT,
	RECOMMENDATION,
	UNIT,
	UNIT_DOCUMENT_TITLES,
	batch_group,
	batch_key,
	notice_templates,
	publicity_report_counts,
	unit_document_kind,
	unit_documents,
)
from zhicheng_app.documents.contexts import recommendation_opinion
from zhicheng_app.documents.registry import REGISTRY
from zhicheng_app.i18n import catalog
from zhicheng_app.rules.model import load_seed_notice
from zhicheng_app.rules.vocabulary import Route


@pytest.mark.parametrize(
	"route, kinds",
	[
		# 000 and 001 print only the 公示; their 推荐意见 takes 000's fixed wording
		(Route.DIRECTED, ["unit_publicity_001", "recommendation_unit_000"]),
		(Route.REGION, ["publicity_002", "publicity_result_002", "recommendation_competent_002"]),
		(Route.PRIVATE, ["publicity_003", "publicity_result_003", "recommendation_unit_003"]),
		(Route.GRANT, ["publicity_batch_004", "publicity_result_batch_004", "recommendation_report_004"]),
		(Route.FANGHUIJU, ["publicity_batch_004", "publicity_result_batch_004", "recommendation_report_004"]),
	],
)
def test_each_route_has_the_unit_documents_its_notice_prints(route, kinds):
	assert [kind for _document, kind in unit_documents(route.value)] == kinds
	assert all(kind in REGISTRY for kind in kinds)


def test_the_batch_routes_documents_come_from_the_unit_the_others_from_the_application():
	for route in (Route.GRANT, Route.INITIAL_JUNIOR, Route.TOWNSHIP_INTERMEDIATE, Route.FANGHUIJU):
		assert {KIND_SOURCE[kind] for _d, kind in unit_documents(route)} == {UNIT}
	assert unit_document_kind(PUBLICITY_RESULT, Route.DIRECTED) is None
	assert unit_document_kind(PUBLICITY, "no such route") is None
	assert unit_document_kind("no such document", Route.REGION) is None


@pytest.mark.parametrize(
	"code, kinds",
	[
		# 000's 附件1 is 推荐单位公示及公示结果; 001 reproduces the 公示 only (附件1)
		("000", ["unit_publicity_001", "publicity_result_000", "recommendation_unit_000"]),
		("001", ["unit_publicity_001", "recommendation_unit_000"]),
	],
)
def test_a_directed_publicity_result_is_the_units_where_its_notice_gives_the_template(code, kinds):
	templates = notice_templates(load_seed_notice(code))
	assert [kind for _document, kind in unit_documents(Route.DIRECTED, templates)] == kinds
	# the other routes' documents do not depend on it
	assert unit_documents(Route.REGION, templates) == unit_documents(Route.REGION)


def test_the_notices_templates_are_the_materials_naming_an_annex():
	assert notice_templates(load_seed_notice("000")) >= {"unit_publicity", "publicity_result"}
	assert "publicity_result" not in notice_templates(load_seed_notice("001"))
	assert notice_templates(None) == frozenset()


def test_a_batch_groups_by_route_label_and_level_and_the_report_by_notice():
	assert batch_group("publicity_batch_004", "004", Route.INITIAL_JUNIOR, "Assistant") == (
		"004",
		"初定",
		"初",
	)
	# 初定初级 and 乡（镇）初定中级 are both 初定, apart by level
	assert batch_group("publicity_result_batch_004", "004", Route.TOWNSHIP_INTERMEDIATE, "Intermediate") == (
		"004",
		"初定",
		"中",
	)
	assert batch_group("recommendation_report_004", "004", Route.GRANT, "Intermediate") == ("004", "", "")
	assert batch_key(("004", "初定", "初")) == "004|初定|初"
	assert batch_key(("004", "", "")) == "004"


def test_the_unit_documents_have_zh_names():
	zh = catalog("zh")
	assert set(UNIT_DOCUMENT_TITLES) == {PUBLICITY, PUBLICITY_RESULT, RECOMMENDATION}
	assert [zh[title] for title in UNIT_DOCUMENT_TITLES.values()] == [
		"公示",
		"公示结果",
		"推荐意见（推荐报告）",
	]


@pytest.mark.parametrize(
	"code, wording, clause",
	[
		("000", "本单位已对该同志提供的申报材料逐一审核，材料真实、完整、有效，同意推荐。", "四、（一）14"),
		("002", "本单位已对提供的申报材料逐一审核，真实、完整、有效，同意推荐", "四、（二）"),
		("003", "本单位已对提供的申报材料逐一审核,真实、完整、有效,同意推荐", "附件1 二、"),
	],
)
def test_the_unit_recommends_in_the_wording_its_notice_fixes(code, wording, clause):
	notice = load_seed_notice(code)
	opinion, reference = recommendation_opinion(notice)
	assert opinion == wording
	assert reference == f"《{notice.title}》 {clause}"  # no document number: the title


def test_a_notice_without_a_fixed_wording_recommends_plainly():
	assert recommendation_opinion(load_seed_notice("004")) == ("同意推荐", "")


def test_the_publicity_report_counts_applied_recommended_and_passed():
	from types import SimpleNamespace as App

	apps = [
		App(route="Grant by Degree", workflow_state="Confirmed"),  # 申报 推荐 通过审核
		App(route="Initial Junior", workflow_state="Prefecture Confirmation"),  # 申报 推荐
		App(route="Initial Junior", workflow_state="Unit Review"),  # 申报
		App(route="Initial Junior", workflow_state="Not Accepted"),  # 申报
		App(route="Directed Evaluation", workflow_state="Certified"),  # not a route of the report
	]
	assert publicity_report_counts(apps) == {"applied": 4, "recommended": 2, "passed": 1}
	assert publicity_report_counts([]) == {"applied": 0, "recommended": 0, "passed": 0}


def test_the_rosters_groups_are_the_reports_headings_and_levels():
	assert roster_group("Grant by Degree", "Deputy Senior") == ((0, 1), "授予", "副高级")
	assert roster_group("Township Initial Intermediate", "Intermediate") == (
		(1, 1),
		"初定",
		"乡（镇）初定中级",
	)
	assert roster_group("Fanghuiju Three-Year Promotion", "中级")[1:] == ("“访惠聚”三年高定", "中级")
	with pytest.raises(BatchError):
		roster_group("Grant by Degree", "Assistant")
