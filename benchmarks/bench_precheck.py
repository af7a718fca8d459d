"""Prechecks per second over 10,000 generated profiles, single process (goal: >= 20,000/s).

Run: python benchmarks/bench_precheck.py [--count N] [--repeat R] [--dicts]

Profiles are generated from the seed notices' valid examples with random variations, so every
rule family runs and most profiles differ in many fields: notice, route, level, name, ID number
(some invalid or contradicting the birth date), unit and credit code (some invalid), dates,
education, titles, continuing education, appraisals, summary length and content, attachments
(some missing or without a masking decision), publicity period, other applications, sanctions,
a returned application. Nothing is cached between prechecks except what is derived from the
notice itself (and the conversion of the same ``now``).

Figures printed (best and median of ``--repeat`` timed passes over all profiles):

* precheck with ApplicationProfile input (the profiles parsed once, as a controller does);
* the same plus ``result.to_dict()``, which builds every finding's zh message (a precheck leaves
  the messages unbuilt until they are read);
* with ``--dicts``: precheck on plain dicts, parsing included.
"""

from __future__ import annotations

import argparse
import copy
import datetime
import os
import platform
import random
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from tests.unit.rules.factories import NOW, base, make_credit_code, make_id, summary_text
from zhicheng_app.rules.model import SEED_NOTICE_CODES, ApplicationProfile, load_seed_notice
from zhicheng_app.rules.precheck import precheck

LEVELS = ["Full Senior", "Deputy Senior", "Intermediate", "Assistant", "Entry"]
NAMES = ["李明华", "王芳", "阿依古丽·买买提", "张伟", "刘洋", "陈静", "艾尔肯·吐尔逊", "杨帆"]
UNITS = [
	("阿克苏天山建筑设计有限公司", ["天山建筑设计"], "阿克苏地区", "阿克苏市"),
	("库尔勒恒信检测有限公司", ["恒信检测"], "巴音郭楞蒙古自治州", "库尔勒市"),
	("喀什丝路工程咨询有限公司", ["丝路咨询"], "喀什地区", "喀什市"),
	("若羌县城乡建设服务中心", [], "巴音郭楞蒙古自治州", "若羌县"),
]
OWNERSHIPS = ["State-owned Enterprise", "Private Enterprise", "Public Institution", "Other"]
LOCATIONS = ["Prefecture-direct", "County", "Township"]
ASSESSMENTS = ["Competent", "Competent", "Competent", "Excellent", "Basically Competent", "Incompetent"]
EXTRA_TEXT = "\n  在岗位上团结同事，服从安排，认真履行岗位职责。\u3000"


def _date(rng: random.Random, y0: int, y1: int) -> str:
	return datetime.date(rng.randint(y0, y1), rng.randint(1, 12), rng.randint(1, 28)).isoformat()


def generate(count: int, seed: int = 20240722) -> list[tuple[dict, str]]:
	"""``count`` distinct profiles (dicts) with the code of the notice each is checked against."""
	rng = random.Random(seed)
	bases = {c: base(c) for c in SEED_NOTICE_CODES}
	routes = {c: sorted({r.route for r in load_seed_notice(c).routes}) for c in SEED_NOTICE_CODES}
	out = []
	for i in range(count):
		code = SEED_NOTICE_CODES[i % len(SEED_NOTICE_CODES)]
		p = copy.deepcopy(bases[code])
		p["applicant_name"] = rng.choice(NAMES)
		birth = datetime.date(rng.randint(1965, 2000), rng.randint(1, 12), rng.randint(1, 28))
		p["birth_date"] = birth.isoformat()
		male = rng.random() < 0.5
		p["gender"] = "Male" if male else "Female"
		seq = f"{rng.randint(0, 99):02d}{rng.choice('13579' if male else '02468')}"
		p["id_number"] = make_id(birth.strftime("%Y%m%d"), seq, rng.choice(["652901", "652801", "653101"]))
		r = rng.random()
		if r < 0.04:
			p["id_number"] = p["id_number"][:17] + (
				"0" if p["id_number"][17] != "0" else "1"
			)  # bad check digit
		elif r < 0.06:
			p["id_number"] = p["id_number"][:15]
		elif r < 0.08:
			p["birth_date"] = "1990-02-30"  # unreadable date
		elif r < 0.10:
			p["gender"] = "Female" if male else "Male"
		if rng.random() < 0.5:
			name, aliases, prefecture, county = rng.choice(UNITS)
			p["unit"].update(
				{
					"unit_name": name,
					"aliases": aliases,
					"prefecture": prefecture,
					"county": county,
					"licence_region": prefecture,
					"ownership": rng.choice(OWNERSHIPS),
					"location": rng.choice(LOCATIONS),
				}
			)
		body = f"9165{rng.randint(0, 9999):04d}MA{rng.randint(0, 9999999):07d}"
		p["unit"]["credit_code"] = make_credit_code(body) if rng.random() < 0.95 else body + "I"
		p["target_level"] = rng.choice(LEVELS)
		p["route"] = rng.choice(routes[code])
		start = _date(rng, 2000, 2022)
		p["work_start_date"] = p["professional_start_date"] = start
		if rng.random() < 0.3:
			p["education"][0]["education"] = rng.choice(["Junior College", "Master", "Secondary Vocational"])
		if p["titles"] and rng.random() < 0.4:
			p["titles"][0]["level"] = rng.choice(LEVELS[1:])
			p["titles"][0]["obtained_date"] = _date(rng, 2010, 2022)
			p["titles"][0]["origin"] = rng.choice(["Xinjiang", "Xinjiang", "Other Region", "Bingtuan"])
		if rng.random() < 0.3:
			p["continuing_education"] = [
				r for r in p["continuing_education"] if rng.random() < 0.8
			]  # some years missing
		if rng.random() < 0.5:
			p["assessments"] = [{"year": y, "result": rng.choice(ASSESSMENTS)} for y in (2021, 2022, 2023)]
		if rng.random() < 0.6:
			text = summary_text(rng.randint(1500, 3200))
			if rng.random() < 0.5:
				text = text[:800] + EXTRA_TEXT + text[800:]
			if rng.random() < 0.1:
				text += p["applicant_name"]
			p["summary"] = text
		if rng.random() < 0.3:
			p["attachments"] = p["attachments"][: rng.randint(0, len(p["attachments"]))]
		if rng.random() < 0.1 and p["attachments"]:
			p["attachments"][rng.randrange(len(p["attachments"]))]["masked"] = None
		if rng.random() < 0.3:
			d = datetime.date(2024, rng.randint(3, 7), rng.randint(1, 20))
			p["publicity_start"] = d.isoformat()
			p["publicity_end"] = (d + datetime.timedelta(days=rng.randint(3, 12))).isoformat()
		if rng.random() < 0.2:
			p["via_skill_integration"] = True
			p["skills"] = [
				{
					"skill_level": rng.choice(["Technician", "Senior Technician"]),
					"obtained_date": _date(rng, 2012, 2022),
				}
			]
		if rng.random() < 0.05:
			p["other_applications"] = [
				{
					"year": 2024,
					"route": rng.choice(routes[code]),
					"series": p["series"],
					"level": p["target_level"],
				}
			]
		if rng.random() < 0.03:
			p["sanctions"] = [{"kind": "Fraud", "decided_on": "2022-05-01", "application_year": 2022}]
		if rng.random() < 0.05:
			p["submissions_made"] = 1
			p["last_returned_at"] = "2024-08-01 09:00"
		out.append((p, code))
	return out


def _timed(fn, repeat: int) -> list[float]:
	times = []
	for _ in range(repeat):
		t0 = time.perf_counter()
		fn()
		times.append(time.perf_counter() - t0)
	return times


def _report(label: str, count: int, times: list[float]) -> None:
	best, median = min(times), statistics.median(times)
	print(
		f"{label}: best {count / best:,.0f} prechecks/s ({best * 1e6 / count:.1f} µs each), "
		f"median {count / median:,.0f}/s over {len(times)} passes"
	)


def main() -> None:
	ap = argparse.ArgumentParser()
	ap.add_argument("--count", type=int, default=10_000)
	ap.add_argument("--repeat", type=int, default=5, help="timed passes over all profiles")
	ap.add_argument("--dicts", action="store_true", help="also time precheck on plain dicts")
	args = ap.parse_args()
	raw = generate(args.count)
	notices = {c: load_seed_notice(c) for c in SEED_NOTICE_CODES}
	parsed = [(ApplicationProfile.from_dict(p), notices[c], NOW[c]) for p, c in raw]
	dicts = [(p, notices[c], NOW[c]) for p, c in raw]
	for p, n, now in parsed[:200]:  # warm up (notice tables, calendar, translations)
		precheck(p, n, now).to_dict()

	load = os.getloadavg() if hasattr(os, "getloadavg") else None
	print(
		f"{datetime.datetime.now().isoformat(timespec='seconds')}  python {platform.python_version()}  "
		f"{os.cpu_count()} CPUs  {platform.processor() or platform.machine()}"
		+ (f"  load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}" if load else "")
	)
	results = [precheck(p, n, now) for p, n, now in parsed]
	blocking = sum(not r.ok for r in results)
	findings = sum(len(r.findings) for r in results)
	rules = len({f.rule_id for r in results for f in r.findings})
	del results
	print(
		f"profiles: {len(parsed)}  with blocking findings: {blocking}  findings: {findings}  "
		f"distinct rules fired: {rules}"
	)

	def run():
		for p, n, now in parsed:
			precheck(p, n, now)

	def run_to_dict():
		for p, n, now in parsed:
			precheck(p, n, now).to_dict()

	def run_dicts():
		for p, n, now in dicts:
			precheck(p, n, now)

	_report("precheck (dataclass input)", len(parsed), _timed(run, args.repeat))
	_report("precheck + to_dict() (messages built)", len(parsed), _timed(run_to_dict, args.repeat))
	if args.dicts:
		_report("precheck (dict input, parsing included)", len(dicts), _timed(run_dicts, args.repeat))


if __name__ == "__main__":
	main()
