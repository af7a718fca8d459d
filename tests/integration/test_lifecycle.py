"""Install → migrate → migrate → uninstall on a throwaway site, through the bench CLI.

The app's shipped records (its DocTypes' rows, workflows, roles, ...) must be the same after a
second migrate: an installer or patch that inserts again on every migrate shows up here as a
changed count or as duplicate rows. Uninstalling must leave none of the app's DocTypes behind.
"""

import json
import os
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import pytest

APP = "zhicheng_app"
REPO_DIR = Path(__file__).resolve().parents[2]
BENCH_DIR = Path(os.environ.get("BENCH_DIR") or Path.home() / "zhicheng-bench").expanduser()
SITES_PATH = BENCH_DIR / "sites"
SITE = os.environ.get("SITE") or "zhicheng.localhost"
LIFECYCLE_SITE = os.environ.get("ZHICHENG_LIFECYCLE_SITE") or "zhicheng-lifecycle.localhost"
ADMIN_PASSWORD = "lifecycle-admin"

# Framework DocTypes whose records an app ships as data; counted in full on the throwaway site.
FRAMEWORK_DOCTYPES = (
	"Role",
	"Workflow",
	"Workflow State",
	"Workflow Action Master",
	"Workflow Document State",
	"Workflow Transition",
	"Custom Field",
	"Property Setter",
	"Print Format",
	"Web Form",
	"Report",
	"Notification",
	"Workspace",
	"Module Def",
)

# Columns that differ between two inserts of the same record.
BOOKKEEPING = {
	"name",
	"creation",
	"modified",
	"modified_by",
	"owner",
	"idx",
	"_user_tags",
	"_comments",
	"_assign",
	"_liked_by",
	"_seen",
}


def app_doctypes() -> list[str]:
	"""Names of the app's own (non-single, non-virtual) DocTypes, read from its module folders."""
	app_dir = REPO_DIR / APP
	names = []
	for module in (app_dir / "modules.txt").read_text(encoding="utf-8").split("\n"):
		module = module.strip()
		if not module:
			continue
		folder = app_dir / module.lower().replace(" ", "_") / "doctype"
		for path in sorted(folder.glob("*/*.json")):
			if path.stem != path.parent.name:
				continue
			meta = json.loads(path.read_text(encoding="utf-8"))
			if meta.get("doctype") != "DocType" or meta.get("issingle") or meta.get("is_virtual"):
				continue
			names.append(meta["name"])
	return names


def _bench(bench_cli: str, *args: str, timeout: int = 1800) -> subprocess.CompletedProcess:
	return subprocess.run(
		[bench_cli, *args],
		cwd=BENCH_DIR,
		stdin=subprocess.DEVNULL,
		capture_output=True,
		text=True,
		timeout=timeout,
		check=False,
	)


def _ok(result: subprocess.CompletedProcess, what: str) -> None:
	assert result.returncode == 0, (
		f"{what} exited {result.returncode}\n--- stdout\n{result.stdout[-4000:]}\n--- stderr\n{result.stderr[-4000:]}"
	)


# Runs in the bench's Python, connected to the throwaway site; prints one JSON object.
_PROBE = textwrap.dedent(
	"""
	import json, sys
	import frappe

	site, app, app_doctypes, framework_doctypes, bookkeeping = json.loads(sys.argv[1])
	frappe.init(site=site, sites_path=".")
	frappe.connect()
	try:
		out = {"installed": app in frappe.get_installed_apps(), "counts": {}, "duplicates": {}, "tables": {}}
		modules = frappe.get_all("Module Def", filters={"app_name": app}, pluck="name")
		out["modules"] = modules
		out["module_doctypes"] = frappe.get_all("DocType", filters={"module": ["in", modules or [""]]}, pluck="name")
		for dt in app_doctypes:
			out["tables"][dt] = bool(frappe.db.table_exists(dt))
		for dt in list(app_doctypes) + list(framework_doctypes):
			if not frappe.db.table_exists(dt):
				continue
			columns = [c for c in frappe.db.get_table_columns(dt) if c not in bookkeeping]
			rows = frappe.db.sql("select {} from `tab{}`".format(", ".join("`%s`" % c for c in columns), dt))
			out["counts"][dt] = len(rows)
			seen, dup = set(), 0
			for row in rows:
				key = json.dumps(row, default=str)
				dup += key in seen
				seen.add(key)
			if dup:
				out["duplicates"][dt] = dup
		if frappe.db.table_exists("Workflow"):
			active = frappe.db.sql(
				"select document_type, count(*) from tabWorkflow where is_active=1 group by document_type having count(*) > 1"
			)
			if active:
				out["duplicates"]["active Workflow per DocType"] = dict(active)
		print("PROBE" + json.dumps(out))
	finally:
		frappe.destroy()
	"""
)


def _run_on_site(script: str, args: str, marker: str):
	"""Run ``script`` in the bench's Python from the sites folder; it prints ``marker`` + JSON."""
	result = subprocess.run(
		[str(BENCH_DIR / "env" / "bin" / "python"), "-c", script, args],
		cwd=SITES_PATH,
		stdin=subprocess.DEVNULL,
		capture_output=True,
		text=True,
		timeout=300,
		check=False,
	)
	_ok(result, f"script on the site ({marker})")
	line = next(x for x in result.stdout.splitlines() if x.startswith(marker))
	return json.loads(line[len(marker) :])


def probe(site: str, doctypes: list[str]) -> dict:
	return _run_on_site(
		_PROBE, json.dumps([site, APP, doctypes, list(FRAMEWORK_DOCTYPES), sorted(BOOKKEEPING)]), "PROBE"
	)


_ADD_STATE = """
if not frappe.db.exists("Workflow State", "Expert Pre-review"):
	frappe.get_doc({"doctype": "Workflow State", "workflow_state_name": "Expert Pre-review"}).insert()
wf = frappe.get_doc("Workflow", "Title Application Approval")
wf.append("states", {"state": "Expert Pre-review", "doc_status": "0", "allow_edit": "Committee Office"})
wf.save()
frappe.db.commit()
print("OUT" + json.dumps([s.state for s in wf.states]))
"""

_STATES = """
print("OUT" + json.dumps([s.state for s in frappe.get_doc("Workflow", "Title Application Approval").states]))
"""


def _site_python(site: str, body: str) -> list:
	"""Run ``body`` connected to ``site``; it prints OUT + JSON."""
	script = (
		"import json, sys\nimport frappe\nfrappe.init(site=sys.argv[1], sites_path='.')\nfrappe.connect()\n"
		+ body
	)
	return _run_on_site(script, site, "OUT")


def _workflow_states(site: str) -> list:
	return _site_python(site, _STATES)


_PURGE_JOBS = """
import json, sys
import frappe
from rq.job import Job

via, target = json.loads(sys.argv[1])
frappe.init(site=via, sites_path=".")
from frappe.utils.background_jobs import get_queues

removed = 0
prefix = target + "::"
for queue in get_queues():
	for job_id in queue.get_job_ids():
		if job_id.startswith(prefix):
			queue.remove(job_id)
			queue.connection.delete(Job.key_for(job_id))
			removed += 1
	for registry in (
		queue.started_job_registry,
		queue.failed_job_registry,
		queue.finished_job_registry,
		queue.deferred_job_registry,
		queue.scheduled_job_registry,
		queue.canceled_job_registry,
	):
		for job_id in registry.get_job_ids():
			if job_id.startswith(prefix):
				registry.remove(job_id, delete_job=True)
				removed += 1
print("OUT" + json.dumps(removed))
"""


def _purge_jobs(site: str, via: str) -> int:
	"""Remove ``site``'s background jobs (waiting, running or kept in a registry), reaching the job
	queue through the site ``via``: once a site is dropped, a worker that meets one of its jobs while
	cleaning its registries stops with an error."""
	return _run_on_site(_PURGE_JOBS, json.dumps([via, site]), "OUT")


@pytest.fixture(scope="module")
def throwaway_site(bench_cli, db_root_password):
	"""A fresh site without the app; dropped afterwards (also left-overs of an earlier run)."""
	archive = tempfile.mkdtemp(prefix="zhicheng-archived-sites-")

	def drop():
		if (SITES_PATH / LIFECYCLE_SITE).exists():
			_purge_jobs(LIFECYCLE_SITE, via=LIFECYCLE_SITE)
			result = _bench(
				bench_cli,
				"drop-site",
				LIFECYCLE_SITE,
				"--db-root-password",
				db_root_password,
				"--no-backup",
				"--force",
				"--archived-sites-path",
				archive,
			)
			_ok(result, f"bench drop-site {LIFECYCLE_SITE}")
			_purge_jobs(LIFECYCLE_SITE, via=SITE)  # jobs enqueued while the site was dropped

	drop()
	result = _bench(
		bench_cli,
		"new-site",
		LIFECYCLE_SITE,
		"--admin-password",
		ADMIN_PASSWORD,
		"--db-root-password",
		db_root_password,
		"--no-mariadb-socket",
	)
	_ok(result, f"bench new-site {LIFECYCLE_SITE}")
	try:
		yield LIFECYCLE_SITE
	finally:
		drop()
		subprocess.run(["rm", "-rf", archive], check=False)


@pytest.mark.lifecycle
def test_install_migrate_twice_uninstall(bench_cli, throwaway_site):
	site = throwaway_site
	doctypes = app_doctypes()

	before = probe(site, doctypes)
	assert not before["installed"]

	_ok(_bench(bench_cli, "--site", site, "install-app", APP), f"install-app {APP}")
	_ok(_bench(bench_cli, "--site", site, "migrate"), "first migrate")

	first = probe(site, doctypes)
	assert first["installed"], "the app is not in the site's installed apps after install-app"
	missing = [dt for dt, exists in first["tables"].items() if not exists]
	assert not missing, f"DocTypes of the app without a table after install: {missing}"
	assert first["modules"], "no Module Def of the app after install"
	not_in_db = sorted(set(doctypes) - set(first["module_doctypes"]))
	assert not not_in_db, f"DocTypes in the app's folders but not in the database: {not_in_db}"
	assert not first["duplicates"], f"duplicate records after install + migrate: {first['duplicates']}"

	_ok(_bench(bench_cli, "--site", site, "migrate"), "second migrate")

	second = probe(site, doctypes)
	assert not second["duplicates"], f"duplicate records after the second migrate: {second['duplicates']}"
	changed = {
		dt: (first["counts"].get(dt), second["counts"].get(dt))
		for dt in set(first["counts"]) | set(second["counts"])
		if first["counts"].get(dt) != second["counts"].get(dt)
	}
	assert not changed, f"record counts changed by a second migrate (first, second): {changed}"

	# An administrator's edit of the workflow survives migrate; "restore default" undoes it
	_site_python(site, _ADD_STATE)
	_ok(_bench(bench_cli, "--site", site, "migrate"), "migrate after the workflow edit")
	assert "Expert Pre-review" in _workflow_states(site), (
		"migrate overwrote the administrator's workflow edit"
	)
	_ok(
		_bench(bench_cli, "--site", site, "execute", "zhicheng_app.workflows.restore_default"),
		"restore default",
	)
	assert "Expert Pre-review" not in _workflow_states(site), "restore default kept the edit"

	result = _bench(bench_cli, "--site", site, "uninstall-app", APP, "--yes", "--no-backup")
	_ok(result, f"uninstall-app {APP}")

	after = probe(site, doctypes)
	assert not after["installed"], "the app is still in the site's installed apps"
	assert not after["modules"], f"Module Def left after uninstall: {after['modules']}"
	assert not after["module_doctypes"], f"DocTypes left after uninstall: {after['module_doctypes']}"
	left_tables = [dt for dt, exists in after["tables"].items() if exists]
	assert not left_tables, f"tables left after uninstall: {left_tables}"


def test_bench_site_is_configured(frappe_test_context):
	"""The site made by scripts/bench-setup.sh has the app, Chinese and Shanghai time."""
	frappe = frappe_test_context
	assert frappe.local.site == SITE
	assert APP in frappe.get_installed_apps()
	settings = frappe.get_single("System Settings")
	assert settings.language == "zh"
	assert settings.time_zone == "Asia/Shanghai"
	assert sys.version_info >= (3, 10)
	assert Path(frappe.get_app_path(APP)).resolve() == (REPO_DIR / APP).resolve(), (
		"the bench imports zhicheng_app from another working copy"
	)
