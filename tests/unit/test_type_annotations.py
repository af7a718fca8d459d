"""The typed field block of each DocType controller says what its JSON says.

Frappe writes the block between "begin: auto-generated types" and "end: auto-generated types"
(``export_python_type_annotations``); after a hand edit of a JSON, ``scripts/export_types.py``
writes it again. Checked: every data field is annotated and nothing else, Select options, Table
row classes, and whether a value may be None.
"""

import ast
import json
from pathlib import Path

import pytest

DOCTYPE_DIR = Path(__file__).resolve().parents[2] / "zhicheng_app" / "zhicheng" / "doctype"
NO_VALUE = {"Section Break", "Column Break", "Tab Break", "HTML", "Button", "Image", "Fold", "Heading"}
NEVER_NONE = {
	"Check",
	"Currency",
	"Float",
	"Int",
	"Percent",
	"Rating",
	"Select",
	"Table",
	"Table MultiSelect",
}  # Frappe 15's exporter
DEFINITIONS = {
	path.parent.name: json.loads(path.read_text(encoding="utf-8"))
	for path in DOCTYPE_DIR.glob("*/*.json")
	if json.loads(path.read_text(encoding="utf-8")).get("doctype") == "DocType"
}


def _annotations(folder: str) -> dict[str, str]:
	source = (DOCTYPE_DIR / folder / f"{folder}.py").read_text(encoding="utf-8")
	for node in ast.walk(ast.parse(source)):
		if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING":
			return {
				stmt.target.id: ast.unparse(stmt.annotation)
				for stmt in node.body
				if isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name)
			}
	return {}


def _expected(definition: dict) -> dict[str, str]:
	expected = {}
	for field in definition["fields"]:
		fieldtype = field["fieldtype"]
		if fieldtype in NO_VALUE:
			continue
		if fieldtype == "Select":
			options = [o.strip() for o in (field.get("options") or "").split("\n")]
			annotation = f"DF.Literal[{', '.join(repr(o) for o in options)}]"
		elif fieldtype in ("Table", "Table MultiSelect"):
			annotation = f"DF.{fieldtype.replace(' ', '')}[{field['options'].replace(' ', '')}]"
		else:
			annotation = f"DF.{fieldtype.replace(' ', '')}"
		if fieldtype not in NEVER_NONE and not field.get("reqd"):
			annotation += " | None"
		expected[field["fieldname"]] = annotation
	if definition.get("istable"):
		expected.update(parent="DF.Data", parentfield="DF.Data", parenttype="DF.Data")
	return expected


@pytest.mark.parametrize("folder", sorted(DEFINITIONS))
def test_the_typed_fields_match_the_doctype(folder):
	annotations = _annotations(folder)
	assert annotations, "no typed field block: run scripts/export_types.py"
	expected = _expected(DEFINITIONS[folder])
	assert set(annotations) == set(expected), "fields differ: run scripts/export_types.py"
	wrong = {name: (annotations[name], want) for name, want in expected.items() if annotations[name] != want}
	assert not wrong, "types differ: run scripts/export_types.py"
