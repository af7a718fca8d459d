"""Static checks of the Frappe layer that need no site: DocType JSON, translations, hooks."""

import ast
import dataclasses
import json
import typing
from pathlib import Path

import pytest

from zhicheng_app.i18n import catalog
from zhicheng_app.rules import model

APP = Path(__file__).resolve().parents[2] / "zhicheng_app"
DOCTYPE_DIR = APP / "zhicheng" / "doctype"
DOCTYPES = {path.stem: json.loads(path.read_text(encoding="utf-8")) for path in DOCTYPE_DIR.glob("*/*.json")}
BY_NAME = {d["name"]: d for d in DOCTYPES.values()}
LAYOUT = {"Section Break", "Column Break", "Tab Break"}
# Frappe 15's field types (frappe.model: data_fieldtypes, table_fields, display_fieldtypes)
FIELDTYPES = {
	*("Currency", "Int", "Long Int", "Float", "Percent", "Check", "Small Text", "Long Text", "Code"),
	*("Text Editor", "Markdown Editor", "HTML Editor", "Date", "Datetime", "Time", "Text", "Data"),
	*("Link", "Dynamic Link", "Password", "Select", "Rating", "Read Only", "Attach", "Attach Image"),
	*("Signature", "Color", "Barcode", "Geolocation", "Duration", "Icon", "Phone", "Autocomplete", "JSON"),
	*("Table", "Table MultiSelect"),
	*("Section Break", "Column Break", "Tab Break", "HTML", "Button", "Image", "Fold", "Heading"),
}


def test_doctypes_exist():
	assert {
		"Region",
		"Title Series",
		"Title Profession",
		"Title Name",
		"Employer Unit",
		"Evaluation Committee",
		"Title Notice",
		"Title Application",
	} <= set(BY_NAME)


@pytest.mark.parametrize("name", sorted(BY_NAME))
def test_doctype_json_is_consistent(name):
	doc = BY_NAME[name]
	fieldnames = [f["fieldname"] for f in doc["fields"]]
	assert len(fieldnames) == len(set(fieldnames)), "duplicate fieldnames"
	assert doc["field_order"] == fieldnames
	assert doc["module"] == "Zhicheng"
	folder = DOCTYPE_DIR / name.lower().replace(" ", "_")
	assert (folder / "__init__.py").exists() and (folder / f"{folder.name}.py").exists()
	readable_levels = {p.get("permlevel", 0) for p in doc.get("permissions", []) if p.get("read")}
	for field in doc["fields"]:
		assert field["fieldtype"] in FIELDTYPES, (
			f"{field['fieldname']}: unknown field type {field['fieldtype']}"
		)
		if not doc.get("istable"):
			assert field.get("permlevel", 0) in readable_levels, (
				f"{field['fieldname']}: no role reads its level"
			)
		if field["fieldtype"] in ("Link", "Table"):
			target = field["options"]
			assert target in BY_NAME or target in {"User", "Workflow State", "Role"}, (
				f"{field['fieldname']} -> {target}"
			)
		if field["fieldtype"] == "Table":
			assert BY_NAME[field["options"]].get("istable") == 1


@pytest.mark.parametrize("name", sorted(BY_NAME))
def test_every_label_and_option_has_a_zh_translation(name):
	zh = catalog("zh")
	doc = BY_NAME[name]
	missing = [name] if name not in zh else []
	for field in doc["fields"]:
		if field.get("label") and field["fieldtype"] != "Column Break" and field["label"] not in zh:
			missing.append(field["label"])
		if field["fieldtype"] == "Select" and not field.get("hidden"):
			missing += [o for o in field.get("options", "").split("\n") if o and o not in zh]
		if field.get("description") and field["description"] not in zh:
			missing.append(field["description"])
	assert not missing


def _dataclass_fields(cls):
	hints = typing.get_type_hints(cls)
	return {f.name: hints[f.name] for f in dataclasses.fields(cls) if f.name != "parse_errors"}


def test_title_notice_carries_every_notice_setting():
	"""The Title Notice DocType stores everything NoticeConfig reads (field names are the contract)."""
	notice = {f["fieldname"]: f for f in BY_NAME["Title Notice"]["fields"]}
	for name, hint in _dataclass_fields(model.NoticeConfig).items():
		assert name in notice, f"Title Notice lacks {name}"
		if typing.get_origin(hint) is list:
			row_cls = typing.get_args(hint)[0]
			child = {f["fieldname"] for f in BY_NAME[notice[name]["options"]]["fields"]}
			assert set(_dataclass_fields(row_cls)) <= child, f"{notice[name]['options']} lacks fields"


def _functions(path: Path) -> set[str]:
	"""The functions and classes a hook may name (``override_doctype_class`` names a class)."""
	return {
		node.name
		for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
		if isinstance(node, ast.FunctionDef | ast.ClassDef)
	}


def test_hooks_point_at_existing_functions():
	tree = ast.parse((APP / "hooks.py").read_text(encoding="utf-8"))
	paths = []
	for node in ast.walk(tree):
		if (
			isinstance(node, ast.Constant)
			and isinstance(node.value, str)
			and node.value.startswith("zhicheng_app.")
		):
			paths.append(node.value)
	assert paths
	for dotted in paths:
		module, _, func = dotted.rpartition(".")
		file = APP.parent / (module.replace(".", "/") + ".py")
		assert file.exists(), dotted
		assert func in _functions(file), dotted


def test_translation_file_is_well_formed():
	import csv

	with open(APP / "translations" / "zh.csv", encoding="utf-8", newline="") as f:
		rows = [row for row in csv.reader(f) if row]
	sources = [row[0] for row in rows]
	assert all(len(row) >= 2 and row[1] for row in rows)
	duplicates = {s for s in sources if sources.count(s) > 1}
	assert not duplicates
