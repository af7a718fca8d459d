"""Prechecks per second over 10,000 generated profiles, single process (goal: >= 20,000/s).

Run: python benchmarks/bench_precheck.py [--count N] [--dicts]
Profiles are generated from the seed notices' valid examples with random variations (level,
route, dates, summary length, missing attachments ...), so every rule family runs. By default
the profiles are parsed to dataclasses first (as a controller does once per document); --dicts
also times the parsing of plain dicts.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from tests.unit.rules.factories import NOW, base, summary_text
from zhicheng_app.rules.model import SEED_NOTICE_CODES, ApplicationProfile, load_seed_notice
from zhicheng_app.rules.precheck import precheck

LEVELS = ["Full Senior", "Deputy Senior", "Intermediate", "Assistant", "Entry"]


def generate(count: int, seed: int = 20240722) -> list[tuple[dict, str]]:
	rng = random.Random(seed)
	bases = {c: base(c) for c in SEED_NOTICE_CODES}
	routes = {c: sorted({r.route for r in load_seed_notice(c).routes}) for c in SEED_NOTICE_CODES}
	out = []
	for i in range(count):
		code = SEED_NOTICE_CODES[i % len(SEED_NOTICE_CODES)]
		p = {k: v for k, v in bases[code].items()}
		p["applicant_name"] = rng.choice(["李明华", "王芳", "阿依古丽·买买提", "张伟"])
		p["target_level"] = rng.choice(LEVELS)
		p["route"] = rng.choice(routes[code])
		if rng.random() < 0.5:
			p["summary"] = summary_text(rng.randint(1500, 3200))
		if rng.random() < 0.3:
			p["attachments"] = p["attachments"][: rng.randint(0, len(p["attachments"]))]
		if rng.random() < 0.3:
			p["publicity_start"], p["publicity_end"] = "2024-04-29", rng.choice(["2024-05-07", "2024-05-08"])
		if rng.random() < 0.2:
			p["via_skill_integration"] = True
			p["skills"] = [{"skill_level": "Technician", "obtained_date": "2020-05-01"}]
		if rng.random() < 0.1:
			p["birth_date"] = "1990-02-30"
		out.append((p, code))
	return out


def main() -> None:
	ap = argparse.ArgumentParser()
	ap.add_argument("--count", type=int, default=10_000)
	ap.add_argument("--dicts", action="store_true", help="also time precheck on plain dicts")
	args = ap.parse_args()
	raw = generate(args.count)
	notices = {c: load_seed_notice(c) for c in SEED_NOTICE_CODES}
	parsed = [(ApplicationProfile.from_dict(p), c) for p, c in raw]
	for p, c in parsed[:200]:  # warm caches (calendar, translations)
		precheck(p, notices[c], NOW[c])

	t0 = time.perf_counter()
	blocking = 0
	for p, c in parsed:
		r = precheck(p, notices[c], NOW[c])
		blocking += not r.ok
	dt = time.perf_counter() - t0
	print(f"profiles: {len(parsed)}  with blocking findings: {blocking}")
	print(
		f"precheck (dataclass input): {len(parsed) / dt:,.0f} prechecks/s ({dt * 1e6 / len(parsed):.1f} µs each)"
	)
	if args.dicts:
		t0 = time.perf_counter()
		for p, c in raw:
			precheck(p, notices[c], NOW[c])
		dt = time.perf_counter() - t0
		print(
			f"precheck (dict input, parsing included): {len(raw) / dt:,.0f} prechecks/s ({dt * 1e6 / len(raw):.1f} µs each)"
		)


if __name__ == "__main__":
	main()
