"""The precheck on a real site: same findings as the engine, the REST method, the submit guard."""

import datetime

import frappe
import pytest
from frappe.model.workflow import apply_workflow

from tests.integration.factories import make_application, make_notice
from tests.integration.rest import BASE_URL, require_server, session
from zhicheng_app.demo import APPLICATIONS, DEMO_PASSWORD
from zhicheng_app.rules.model import load_seed_notice
from zhicheng_app.rules.precheck import precheck
from zhicheng_app.services.precheck import application_profile, run_precheck

CHECKED_AT = "2024-08-01 10:00:00"


def _demo_application(row):
	name = frappe.db.get_value("Title Application", {"id_number": row["id_number"], "route": row["route"]})
	if not name:
		pytest.skip("demo data not loaded (bench --site SITE execute zhicheng_app.demo.load)")
	return frappe.get_doc("Title Application", name)


@pytest.mark.parametrize("row", APPLICATIONS, ids=[f"{r['notice']}-{r['route']}" for r in APPLICATIONS])
def test_site_precheck_matches_the_engine_on_the_seed_notice(row):
	"""The notice stored in the desk gives the same findings as the seed notice's data file."""
	doc = _demo_application(row)
	on_site = run_precheck(doc, now=CHECKED_AT)
	engine = precheck(application_profile(doc), load_seed_notice(row["notice"]), now=CHECKED_AT)
	assert [(f.rule_id, f.message) for f in on_site.findings] == [
		(f.rule_id, f.message) for f in engine.findings
	]
	assert on_site.fee == engine.fee and on_site.required_materials == engine.required_materials
	assert on_site.findings, "a demo application without attachments must have findings"


def _open_notice():
	now = frappe.utils.now_datetime()
	return make_notice(
		windows=[
			{
				"kind": "Application",
				"start": now - datetime.timedelta(days=10),
				"end": now + datetime.timedelta(days=10),
			}
		],
		routes=[{"route": "Directed Evaluation", "level": "Intermediate"}],
		fees=[],
	)


def test_submit_is_refused_while_the_precheck_blocks():
	doc = make_application(notice=_open_notice(), political_status="")
	result = run_precheck(doc)
	assert not result.ok
	with pytest.raises(frappe.ValidationError) as raised:
		apply_workflow(doc, "Submit")
	assert "请先修改以下问题再提交" in str(raised.value)
	assert result.blocking[0].message in str(raised.value)
	assert frappe.db.get_value("Title Application", doc.name, "workflow_state") == "Draft"


def test_submit_goes_through_once_nothing_blocks():
	doc = make_application(notice=_open_notice(), political_status="Masses", ethnicity="汉族")
	result = run_precheck(doc)
	assert result.ok, [f.rule_id for f in result.blocking]
	apply_workflow(doc, "Submit")
	assert frappe.db.get_value("Title Application", doc.name, "workflow_state") == "Unit Review"


@pytest.fixture(scope="module")
def server():
	require_server()


def _login(email):
	return session(email, DEMO_PASSWORD)


def test_precheck_method_over_rest_respects_read_permission(server):
	doc = _demo_application(APPLICATIONS[0])  # the demo applicant's own application
	url = f"{BASE_URL}/api/method/zhicheng_app.api.precheck.precheck"
	own = _login("zc.applicant@example.com").post(url, data={"application": doc.name}, timeout=60)
	assert own.ok, own.text
	body = own.json()["message"]
	assert body["ok"] is False and {f["rule_id"] for f in body["findings"]} >= {"MAT-MISSING"}
	assert all(f["seed_ref"] and f["message"] for f in body["findings"])
	other = _login("zc.private.hr@example.com").post(url, data={"application": doc.name}, timeout=60)
	assert other.status_code == 403


@pytest.mark.parametrize("row", APPLICATIONS, ids=[f"{r['notice']}-{r['route']}" for r in APPLICATIONS])
def test_findings_on_the_site_cite_the_notice_by_its_number_or_title_and_clause(row):
	"""What a clerk reads names the notice (its 文号, else its title in 《》) and the clause, a
	national standard, or says it is the system's own default: never a file or a line number."""
	import re

	doc = _demo_application(row)
	notice = frappe.get_doc("Title Notice", doc.notice)
	heading = notice.doc_no or f"《{notice.title}》"
	findings = run_precheck(doc).findings
	assert findings
	for finding in findings:
		ref = finding.seed_ref
		assert ref and not re.search(r"\bL\d|shared/|\.md|§|Q-\d", ref), ref
		assert heading in ref or ref.startswith(("GB ", "本系统")), ref
	cited = [f.seed_ref for f in findings if heading in f.seed_ref]
	assert cited and any(re.search(r"[一二三四五六七八九十]、|（[一二三四五六七八九十]）", r) for r in cited)
