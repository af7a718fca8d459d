import ast
import os

from zhicheng_app import i18n
from zhicheng_app.documents.registry import REGISTRY

DOCUMENTS = os.path.join(os.path.dirname(i18n.__file__), "documents")


def _literals():
	for name in sorted(os.listdir(DOCUMENTS)):
		if not name.endswith(".py"):
			continue
		with open(os.path.join(DOCUMENTS, name), encoding="utf-8") as f:
			tree = ast.parse(f.read())
		for node in ast.walk(tree):
			if (
				isinstance(node, ast.Call)
				and isinstance(node.func, ast.Name)
				and node.func.id == "_"
				and node.args
				and isinstance(node.args[0], ast.Constant)
				and isinstance(node.args[0].value, str)
			):
				yield name, node.args[0].value


def test_every_message_has_a_zh_translation():
	catalog = i18n.catalog("zh")
	found = list(_literals())
	assert len(found) > 10
	missing = [(f, s) for f, s in found if s not in catalog]
	assert not missing, missing


def test_every_template_title_has_a_zh_translation():
	catalog = i18n.catalog("zh")
	for spec in REGISTRY.values():
		assert spec.title in catalog, spec.title
		assert spec.display_title("zh") != spec.title


def test_placeholders_survive_translation():
	catalog = i18n.catalog("zh")
	for _file, source in _literals():
		for i in range(3):
			token = f"{{{i}}}"
			assert (token in source) == (token in catalog.get(source, source)), source
