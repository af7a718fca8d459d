"""Review packets of a whole notice built in the background: 200 applications under evaluation,
the job started the way the committee office's button starts it (queue "long"), its progress
followed while it runs.

Run on a bench whose worker is up (from the repository):

	$BENCH_DIR/env/bin/python benchmarks/bench_packets.py --sites $BENCH_DIR/sites --site zhicheng.localhost

It seeds ``--count`` applications once (marked with the notice ``BENCH-PK``), removes the packets a
former run left, enqueues ``services.review_packets.build_notice_packets`` and polls the packets
built every 0.25 s: it prints the time to the first packet, to 25 / 50 / 75 / 100 %, the packets per
second and the load average. ``--cleanup`` removes the seeded records afterwards. Nothing here is a
test: it measures.
"""

import argparse
import os
import platform
import sys
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, REPO)

NOTICE_CODE = "BENCH-PK"
UNIT = "基准材料包测试单位"


def seed(frappe, count: int) -> str:
	from tests.integration.factories import credit_code, resident_id

	notice = frappe.db.get_value("Title Notice", {"code": NOTICE_CODE})
	if not notice:
		notice = (
			frappe.get_doc(
				{
					"doctype": "Title Notice",
					"code": NOTICE_CODE,
					"title": "材料包基准通知",
					"campaign_year": 2024,
					"region": "阿克苏地区",
					"windows": [
						{"kind": "Application", "start": "2024-07-22 00:00:00", "end": "2024-08-30 18:00:00"}
					],
				}
			)
			.insert(ignore_permissions=True)
			.name
		)
	if not frappe.db.exists("Employer Unit", UNIT):
		frappe.get_doc(
			{
				"doctype": "Employer Unit",
				"unit_name": UNIT,
				"credit_code": credit_code(),
				"ownership": "Public Institution",
				"location": "Prefecture-direct",
				"region": "阿克苏地区",
			}
		).insert(ignore_permissions=True)
	have = frappe.db.count("Title Application", {"notice": notice})
	for i in range(have, count):
		name = f"基准{i:03d}"
		doc = frappe.get_doc(
			{
				"doctype": "Title Application",
				"notice": notice,
				"route": "Directed Evaluation",
				"series": "工程系列",
				"profession": "建筑",
				"target_level": "Intermediate",
				"applicant_name": name,
				"id_number": resident_id(),
				"employer_unit": UNIT,
				"first_work_date": "2012-07-01",
				"current_title_date": "2018-12-01",
				"education": [
					{
						"education": "Bachelor",
						"school": "新疆大学",
						"major": "土木工程",
						"graduation_date": "2012-07-01",
					}
				],
				"achievements": [
					{"kind": "Achievement", "title": f"{name}在{UNIT}主持项目{j}", "witness": "证明人"}
					for j in range(3)
				],
				"personal_summary": f"{name}自2012年起在{UNIT}从事建筑设计。" * 20,
			}
		).insert(ignore_permissions=True)
		frappe.db.set_value(
			"Title Application", doc.name, "workflow_state", "Under Evaluation", update_modified=False
		)
		if i % 50 == 49:
			frappe.db.commit()
	frappe.db.commit()
	return notice


def remove_packets(frappe, notice: str):
	for packet in frappe.get_all("Review Packet Source", filters={"notice": notice}, pluck="packet"):
		frappe.delete_doc("Review Packet Source", packet, force=True, ignore_permissions=True)
		frappe.delete_doc("Review Packet", packet, force=True, ignore_permissions=True)
	frappe.db.commit()


def main():
	parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
	parser.add_argument("--sites", default=os.path.expanduser("~/zhicheng-bench/sites"))
	parser.add_argument("--site", default="zhicheng.localhost")
	parser.add_argument("--count", type=int, default=200)
	parser.add_argument("--timeout", type=float, default=900)
	parser.add_argument("--cleanup", action="store_true")
	args = parser.parse_args()
	os.chdir(args.sites)
	import frappe

	frappe.init(site=args.site, sites_path=args.sites)
	frappe.connect()
	frappe.set_user("Administrator")
	t0 = time.perf_counter()
	notice = seed(frappe, args.count)
	seeded = time.perf_counter() - t0
	remove_packets(frappe, notice)
	total = frappe.db.count("Title Application", {"notice": notice, "workflow_state": "Under Evaluation"})
	load_before = os.getloadavg()[0]
	start = time.perf_counter()
	frappe.enqueue(
		"zhicheng_app.services.review_packets.build_notice_packets", queue="long", timeout=3600, notice=notice
	)
	frappe.db.commit()
	marks, first, done = {}, None, 0
	while time.perf_counter() - start < args.timeout:
		frappe.db.rollback()  # a fresh snapshot
		done = frappe.db.count("Review Packet Source", {"notice": notice})
		elapsed = time.perf_counter() - start
		if done and first is None:
			first = elapsed
		for pct in (25, 50, 75, 100):
			if pct not in marks and done * 100 >= pct * total:
				marks[pct] = elapsed
		if done >= total:
			break
		time.sleep(0.25)
	wall = marks.get(100)
	print(
		f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores; load {load_before:.2f} → {os.getloadavg()[0]:.2f}"
	)
	print(f"seeding (once): {seeded:.1f} s; applications under evaluation: {total}")
	print(
		f"first packet after {first:.2f} s"
		if first is not None
		else "no packet was built (is the worker up?)"
	)
	for pct, at in sorted(marks.items()):
		print(f"{pct:3d} % after {at:6.2f} s")
	if wall:
		print(
			f"{total} packets in {wall:.1f} s: {total / wall:.1f} packets/s, {1000 * wall / total:.0f} ms each"
		)
	else:
		print(f"timed out after {args.timeout:.0f} s with {done} of {total} packets")
	if args.cleanup:
		remove_packets(frappe, notice)
		for name in frappe.get_all("Title Application", filters={"notice": notice}, pluck="name"):
			frappe.delete_doc("Title Application", name, force=True, ignore_permissions=True)
		frappe.delete_doc("Title Notice", notice, force=True, ignore_permissions=True)
		frappe.db.commit()
	frappe.destroy()


if __name__ == "__main__":
	main()
