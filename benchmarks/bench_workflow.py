"""A workflow action through REST against a plain save of the same document, on a site seeded
with 50,000 applications (issue: p50 of the action ≤ 2 × p50 of the plain save).

Run on a bench whose web server is up (from the repository):

	$BENCH_DIR/env/bin/python benchmarks/bench_workflow.py --sites $BENCH_DIR/sites --site zhicheng.localhost

It seeds the background applications once (bulk insert, marked with the notice ``BENCH-WF``),
creates ``--samples`` applications waiting for the committee, and for each one times a REST
save (PUT /api/resource) and then the REST workflow action "Accept". It prints p50 and p95 of
both and their ratio. Nothing here is a test: it measures.
"""

import argparse
import datetime
import json
import os
import platform
import statistics
import sys
import time

import requests

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, REPO)

NOTICE = "BENCH-WF"
PASSWORD = "Bench-Workflow-2024!"
USER = "bench.committee@example.com"


def percentile(values, q):
	values = sorted(values)
	return values[min(len(values) - 1, round(q * (len(values) - 1)))]


def setup(frappe, count: int, samples: int) -> list[str]:
	from tests.integration.factories import make_unit, resident_id

	now = frappe.utils.now_datetime()
	if not frappe.db.exists("Title Notice", NOTICE):
		frappe.get_doc(
			{
				"doctype": "Title Notice",
				"code": NOTICE,
				"title": "工作流基准测试通知",
				"windows": [
					{
						"kind": kind,
						"start": now - datetime.timedelta(days=30),
						"end": now + datetime.timedelta(days=365),
					}
					for kind in ("Application", "Paper Submission", "Fee Payment")
				],
				"routes": [{"route": "Directed Evaluation", "level": "Intermediate"}],
				"fees": [{"committee": "基准", "level_tier": "Intermediate", "amount": 400}],
			}
		).insert(ignore_permissions=True)
	unit = (
		frappe.db.get_value("Employer Unit", {"unit_name": ("like", "基准单位%")})
		or make_unit(unit_name="基准单位-工作流").name
	)
	region = frappe.db.get_value("Employer Unit", unit, "region")
	have = frappe.db.count("Title Application", {"notice": NOTICE})
	if have < count:
		fields = ["name", "creation", "modified", "owner", "modified_by", "docstatus", "naming_series", "notice", "route",
			"series", "target_level", "applicant_name", "id_number", "employer_unit", "region", "workflow_state"]  # fmt: skip
		stamp = frappe.utils.now()
		rows = [
			(f"ZC-BENCH-{i:06d}", stamp, stamp, "Administrator", "Administrator", 0, "ZC-.YYYY.-.#####", NOTICE,
			 "Directed Evaluation", "工程系列", "Intermediate", "基准", resident_id(), unit, region, "Draft")
			for i in range(have, count)
		]  # fmt: skip
		frappe.db.bulk_insert("Title Application", fields, rows, ignore_duplicates=True, chunk_size=5000)
	if not frappe.db.exists("User", USER):
		user = frappe.get_doc(
			{
				"doctype": "User",
				"email": USER,
				"first_name": "基准委员会",
				"send_welcome_email": 0,
				"new_password": PASSWORD,
				"roles": [{"role": "Committee Office"}],
			}
		)
		user.flags.no_welcome_mail = True
		user.insert(ignore_permissions=True)
	names = []
	for _ in range(samples):
		doc = frappe.get_doc(
			{
				"doctype": "Title Application",
				"notice": NOTICE,
				"route": "Directed Evaluation",
				"series": "工程系列",
				"target_level": "Intermediate",
				"applicant_name": "基准样本",
				"id_number": resident_id(),
				"employer_unit": unit,
			}
		).insert(ignore_permissions=True)
		doc.db_set("workflow_state", "Committee Review")
		names.append(doc.name)
	frappe.db.commit()
	return names


def measure(base_url: str, site: str, names: list[str]) -> tuple[list[float], list[float]]:
	session = requests.Session()
	session.headers["Host"] = site
	session.post(
		f"{base_url}/api/method/login", data={"usr": USER, "pwd": PASSWORD}, timeout=30
	).raise_for_status()
	saves, actions = [], []
	for i, name in enumerate(names):
		t = time.perf_counter()
		r = session.put(
			f"{base_url}/api/resource/Title Application/{name}",
			data={"data": json.dumps({"return_reasons": f"基准保存 {i}"})},
			timeout=60,
		)
		saves.append(time.perf_counter() - t)
		r.raise_for_status()
		t = time.perf_counter()
		r = session.post(
			f"{base_url}/api/method/frappe.model.workflow.apply_workflow",
			data={"doc": json.dumps({"doctype": "Title Application", "name": name}), "action": "Accept"},
			timeout=60,
		)
		actions.append(time.perf_counter() - t)
		r.raise_for_status()
	return saves, actions


def main():
	parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
	parser.add_argument("--sites", default=os.path.expanduser("~/zhicheng-bench/sites"))
	parser.add_argument("--site", default="zhicheng.localhost")
	parser.add_argument("--url", default="http://127.0.0.1:8000")
	parser.add_argument("--count", type=int, default=50_000)
	parser.add_argument("--samples", type=int, default=100)
	args = parser.parse_args()

	import frappe

	os.chdir(args.sites)
	frappe.init(site=args.site, sites_path=args.sites)
	frappe.connect()
	frappe.set_user("Administrator")
	t = time.perf_counter()
	names = setup(frappe, args.count, args.samples)
	seeded = frappe.db.count("Title Application")
	print(f"seeded: {seeded} applications on the site ({time.perf_counter() - t:.1f} s of setup)")
	saves, actions = measure(args.url, args.site, names)
	p50_save, p95_save = percentile(saves, 0.5) * 1000, percentile(saves, 0.95) * 1000
	p50_act, p95_act = percentile(actions, 0.5) * 1000, percentile(actions, 0.95) * 1000
	print(
		f"machine: {platform.machine()}, {os.cpu_count()} cpus, Python {platform.python_version()}, {datetime.date.today()}"
	)
	print(
		f"plain save (PUT /api/resource), {len(saves)} samples: p50 {p50_save:.1f} ms, p95 {p95_save:.1f} ms"
	)
	print(
		f"workflow action Accept (apply_workflow), {len(actions)} samples: p50 {p50_act:.1f} ms, p95 {p95_act:.1f} ms"
	)
	print(
		f"ratio of p50: {p50_act / p50_save:.2f} (goal ≤ 2.00); mean save {statistics.mean(saves) * 1000:.1f} ms"
	)
	frappe.destroy()


if __name__ == "__main__":
	main()
