import pytest

from zhicheng_app.documents.batches import BatchError, publicity_report_context, report_groups, route_label


def p(name, unit, route, level, **kw):
	return {"name": name, "unit": unit, "route": route, "level": level, **kw}


PERSONS = [
	p("王芳", "一中", "Grant by Degree", "Intermediate"),
	p("赵强", "医院", "Grant by Degree", "Deputy Senior"),
	p("钱丽", "二中", "授予", "副高级"),
	p("孙杰", "二中", "Grant by Degree", "Deputy Senior"),
	p("李明", "一中", "Initial Junior", "Assistant"),
	p("周敏", "卫生院", "Township Initial Intermediate", "Intermediate"),
	p("张伟", "一中", "Fanghuiju Three-Year Promotion", "Full Senior"),
]


def test_counts_add_up():
	c = publicity_report_context(PERSONS)["c"]
	assert (c["grant_zg"], c["grant_fg"], c["grant_zj"], c["grant_total"]) == (0, 3, 1, 4)
	assert (c["init_junior"], c["township_mid"], c["init_total"]) == (1, 1, 2)
	assert (c["fhj_zg"], c["fhj_total"]) == (1, 1)
	assert c["passed"] == len(PERSONS) == c["grant_total"] + c["init_total"] + c["fhj_total"]


def test_roster_structure_and_numbering():
	roster = publicity_report_context(PERSONS)["roster"]
	assert [(r["ordinal"], r["label"], r["count"]) for r in roster] == [
		("一", "授予", 4),
		("二", "初定", 2),
		("三", "“访惠聚”三年高定", 1),
	]
	grant = roster[0]["groups"]
	# 正高级 is empty and left out, so 副高级 becomes (一)
	assert [(g["ordinal"], g["label"], g["count"]) for g in grant] == [("一", "副高级", 3), ("二", "中级", 1)]
	assert grant[0]["units"] == [
		{"prefix": "1.", "unit": "医院", "names": ["赵强"]},
		{"prefix": "2.", "unit": "二中", "names": ["钱丽", "孙杰"]},
	]
	assert grant[1]["units"] == [{"prefix": "", "unit": "一中", "names": ["王芳"]}]
	names = [n for r in roster for g in r["groups"] for u in g["units"] for n in u["names"]]
	assert sorted(names) == sorted(x["name"] for x in PERSONS)


def test_roster_with_empty_groups():
	roster = publicity_report_context(PERSONS[:1], include_empty=True)["roster"]
	assert [len(r["groups"]) for r in roster] == [3, 2, 3]
	assert roster[0]["groups"][0]["count"] == 0


def test_invalid_batches():
	with pytest.raises(BatchError):
		publicity_report_context([PERSONS[0], dict(PERSONS[0])])
	with pytest.raises(BatchError):
		publicity_report_context([p("甲", "一中", "Grant by Degree", "Assistant")])
	with pytest.raises(BatchError):
		publicity_report_context([p("甲", "一中", "Directed Evaluation", "Intermediate")])
	with pytest.raises(BatchError):
		route_label("no such route")


def test_report_groups_order_and_clauses():
	persons = [
		p(
			"张伟",
			"一中",
			"Fanghuiju Three-Year Promotion",
			"Deputy Senior",
			series="教师",
			profession="物理",
		),
		p("王芳", "一中", "Grant by Degree", "Intermediate", series="教师", profession="英语"),
		p("李明", "一中", "Initial Junior", "Assistant", series="教师", profession="数学"),
		p("周敏", "一中", "Township Initial Intermediate", "Intermediate", series="卫生", profession="护理"),
		p("陈静", "一中", "Initial Junior", "Assistant", series="教师", profession="数学"),
	]
	groups = report_groups(persons)
	assert [g["route_label"] for g in groups] == ["初定", "初定", "授予", "“访惠聚”三年高定"]
	assert groups[0]["names"] == ["李明", "陈静"] and groups[0]["level_label"] == "初"
	assert groups[1]["names"] == ["周敏"] and groups[1]["level_label"] == "中"
	assert groups[3]["level_label"] == "副高"
