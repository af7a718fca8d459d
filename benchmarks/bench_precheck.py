"""Prechecks per second over 10,000 generated profiles, single process (floor: 3,000/s on a 2-core
machine).

Run: python benchmarks/bench_precheck.py [--count N] [--repeat R] [--dicts]

Profiles are generated from the seed notices' valid examples with random variations, so every
rule family runs and most profiles differ in many fields: notice, route, level, name, ID number
(some invalid or contradicting the birth date), unit and credit code (some invalid), dates,
education, titles, continuing education, appraisals, summary length and content, attachments
(some missing or without a masking decision), publicity period, other applications, sanctions,
a returned application.

Figures printed (best and median of ``--repeat`` timed passes over all profiles):

* precheck with ApplicationProfile input (the profiles parsed once, as a controller does);
* the same plus ``result.to_dict()``;
* with ``--dicts``: precheck on plain dicts, parsing included.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from tests.unit.rules.factories import NOW, varied_profiles
from zhicheng_app.rules.model import SEED_NOTICE_CODES, ApplicationProfile, load_seed_notice
from zhicheng_app.rules.precheck import precheck


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
	raw = varied_profiles(args.count)
	notices = {c: load_seed_notice(c) for c in SEED_NOTICE_CODES}
	parsed = [(ApplicationProfile.from_dict(p), notices[c], NOW[c]) for p, c in raw]
	dicts = [(p, notices[c], NOW[c]) for p, c in raw]
	for p, n, now in parsed[:200]:  # warm up (calendar days, translations)
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
	_report("precheck + to_dict()", len(parsed), _timed(run_to_dict, args.repeat))
	if args.dicts:
		_report("precheck (dict input, parsing included)", len(dicts), _timed(run_dicts, args.repeat))


if __name__ == "__main__":
	main()
