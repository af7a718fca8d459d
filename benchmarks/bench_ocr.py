"""Masking proposal for one scan: text recognition and box proposal (name, unit and its short
forms, ID numbers, seals, faces) on an A4 page at 150 dpi (1240 × 1754 pixels) rendered with a
CJK font, the unit's seal included. Goal: at most 3 s per page on a 2-core machine.

Run: python benchmarks/bench_ocr.py [--runs N]

The first run (the engine loading its models and warming up) is timed and printed apart; the
median and 95th percentile are over the following ``--runs``. The load average is printed with
the figures: on a shared machine other processes' work shows in them; the CPU time per page
(all of the process's threads) does not depend on it.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from tests.integration.masking_support import render_scan
from zhicheng_app.rules.masking import unit_variants
from zhicheng_app.services import masking

UNIT = "新疆巴州库尔勒市恒达建设工程有限公司"
FACTS = {
	"rules": {"mask_name": 1, "mask_unit": 1, "mask_unit_seal": 1, "mask_photo": 1},
	"name": "张伟明",
	"unit_terms": unit_variants(UNIT),
}


def percentile(values: list[float], q: float) -> float:
	ordered = sorted(values)
	return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def main():
	parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
	parser.add_argument("--runs", type=int, default=10)
	args = parser.parse_args()
	scan = render_scan("张伟明", UNIT, "652901198503121234", seal_text=UNIT[8:])
	t0 = time.perf_counter()
	boxes, _findings = masking.analyse(scan, FACTS)
	first = time.perf_counter() - t0
	labels = sorted(b["label"] for b in boxes)
	load_before = os.getloadavg()[0]
	times = []
	parts: dict[str, list[float]] = {"text lines": [], "seals (found and read)": [], "faces": []}
	cpu = []
	for _ in range(args.runs):
		t0, c0 = time.perf_counter(), time.process_time()
		masking.analyse(scan, FACTS)
		times.append(time.perf_counter() - t0)
		cpu.append(time.process_time() - c0)
		t0 = time.perf_counter()
		masking.ocr_lines(scan)
		t1 = time.perf_counter()
		for box in masking.red_regions(scan):
			masking.seal_text(scan, box)
		t2 = time.perf_counter()
		masking.faces(scan)
		parts["text lines"].append(t1 - t0)
		parts["seals (found and read)"].append(t2 - t1)
		parts["faces"].append(time.perf_counter() - t2)
	print(f"machine: {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}")
	print(f"load average (1 min) before/after the timed runs: {load_before:.2f} / {os.getloadavg()[0]:.2f}")
	print(f"page: {scan.width} × {scan.height} px; boxes proposed: {len(boxes)} ({', '.join(labels)})")
	print(f"first run (models loaded): {first:.2f} s")
	print(
		f"{args.runs} runs: median {statistics.median(times):.2f} s, p95 {percentile(times, 0.95):.2f} s,"
		f" min {min(times):.2f} s, max {max(times):.2f} s (goal: at most 3 s)"
	)
	print(
		f"CPU time per page (all threads): median {statistics.median(cpu):.2f} s"
		" (the wall time of an idle machine is about this over the threads the engine gets, 2)"
	)
	for part, values in parts.items():
		print(f"  of which {part}: median {statistics.median(values):.2f} s")


if __name__ == "__main__":
	main()
