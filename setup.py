"""Build shim; the metadata lives in pyproject.toml.

With ``ZHICHENG_COMPILE_RULES=1`` in the environment, the rules engine (``zhicheng_app/rules``, plain
Python) is also compiled to C extension modules with mypyc, which makes a precheck about a third
cheaper (docs/precheck.md, "Compiled engine"). Without it, nothing is compiled and the package is
pure Python. Python imports an extension module before the ``.py`` file of the same name: after
editing a rules module of a compiled install, install again (``pip install -e .``) or remove the
``.so`` files; ``tests/unit`` fails while a compiled module is older than its source.
"""

import glob
import os

from setuptools import setup

# vocabulary.py holds the Enum classes, which gain nothing from compiling
NOT_COMPILED = {"__init__.py", "vocabulary.py"}


def rules_extensions() -> list:
	if os.environ.get("ZHICHENG_COMPILE_RULES", "").lower() not in {"1", "true", "yes"}:
		return []
	from mypyc.build import mypycify

	here = os.path.dirname(os.path.abspath(__file__))
	paths = sorted(
		os.path.relpath(p, here)
		for p in glob.glob(os.path.join(here, "zhicheng_app", "rules", "*.py"))
		if os.path.basename(p) not in NOT_COMPILED
	)
	extensions = mypycify(paths, opt_level="3")
	for ext in extensions:
		# mypyc builds with -Werror; GCC 12 reports false array-bounds warnings in CPython's headers
		ext.extra_compile_args = [*ext.extra_compile_args, "-Wno-array-bounds"]
	return extensions


setup(ext_modules=rules_extensions())
