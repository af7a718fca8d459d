"""Regenerate the typed field blocks of the app's DocType controllers from their JSON.

Frappe writes these blocks (``export_python_type_annotations`` in hooks.py) when a DocType is
saved in developer mode; a JSON edited by hand leaves them behind. Run with the bench's Python
from the sites folder: ``cd <bench>/sites && ../env/bin/python <app>/scripts/export_types.py
<site>``. ``tests/unit/test_type_annotations.py`` fails while a block and its JSON disagree.
"""

import json
import sys
from pathlib import Path

import frappe
from frappe.types.exporter import TypeExporter

DOCTYPE_DIR = Path(__file__).resolve().parents[1] / "zhicheng_app" / "zhicheng" / "doctype"


def main(site: str) -> None:
	frappe.init(site=site, sites_path=".")
	frappe.connect()
	try:
		for path in sorted(DOCTYPE_DIR.glob("*/*.json")):
			definition = json.loads(path.read_text(encoding="utf-8"))
			if definition.get("doctype") != "DocType":
				continue
			TypeExporter(frappe.get_doc(definition)).export_types()
			print(f"exported {definition['name']}")
	finally:
		frappe.destroy()


if __name__ == "__main__":
	main(sys.argv[1])
