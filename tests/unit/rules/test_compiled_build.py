"""The engine runs the same compiled (``ZHICHENG_COMPILE_RULES=1``, setup.py) or as plain Python;
these tests keep the two forms in step."""

from __future__ import annotations

import dataclasses
import glob
import importlib
import os
import sys
import typing

import pytest

from zhicheng_app import rules
from zhicheng_app.rules import model, precheck
from zhicheng_app.rules.registry import finding

RULES_DIR = os.path.dirname(rules.__file__)
_EXTENSIONS = ("*.so", "*.pyd")


def _compiled_files() -> list[str]:
	return sorted(f for pattern in _EXTENSIONS for f in glob.glob(os.path.join(RULES_DIR, pattern)))


def test_compiled_modules_are_not_older_than_their_source():
	"""Python imports ``x.*.so`` before ``x.py``: an edited module of a compiled install would be
	silently ignored until it is built again. mypyc puts the code of all modules in one shared
	library (``<hash>__mypyc``); the per-module files only load it, and are not rebuilt when
	unchanged."""
	importlib.import_module("zhicheng_app.rules.precheck")
	shared = [m.__file__ for name, m in list(sys.modules.items()) if name.endswith("__mypyc") and m.__file__]
	stale = []
	for so in _compiled_files():
		built = max([os.path.getmtime(so), *(os.path.getmtime(f) for f in shared)])
		source = os.path.join(RULES_DIR, os.path.basename(so).split(".", 1)[0] + ".py")
		if os.path.exists(source) and os.path.getmtime(source) > built:
			stale.append(os.path.basename(source))
	assert not stale, f"compiled modules older than their source, build again (pip install -e .): {stale}"


def test_compiled_modules_reports_what_is_loaded():
	importlib.import_module("zhicheng_app.rules.precheck")
	names = rules.compiled_modules()
	expected = sorted(
		"zhicheng_app.rules." + os.path.basename(f).split(".", 1)[0]
		for f in _compiled_files()
		if "zhicheng_app.rules." + os.path.basename(f).split(".", 1)[0] in sys.modules
	)
	assert names == expected
	assert ("zhicheng_app.rules.precheck" in names) == precheck.__file__.endswith((".so", ".pyd"))


def _record_classes() -> list[type]:
	return [
		c
		for c in vars(model).values()
		if isinstance(c, type) and issubclass(c, model.Record) and dataclasses.is_dataclass(c)
	]


@pytest.mark.skipif(
	not model.__file__.endswith(".py"), reason="compiled classes keep no annotations to compare with"
)
def test_field_types_from_source_match_type_hints():
	"""A compiled model reads its field types from the source; they must equal the annotations."""
	classes = _record_classes()
	assert len(classes) > 30
	for cls in classes:
		assert model.source_field_types(cls) == typing.get_type_hints(cls), cls.__name__


def test_field_types_cover_every_field():
	for cls in _record_classes():
		names = {f.name for f in dataclasses.fields(cls)}
		assert set(model.field_types(cls)) == names, cls.__name__


def test_finding_is_unhashable_and_compares_by_value():
	a = finding("X", "ref", "Blocking", None, None, "{0}", ("甲",))
	b = finding("X", "ref", "Blocking", None, None, "{0}", ("甲",))
	assert a == b
	with pytest.raises(TypeError):
		hash(a)
