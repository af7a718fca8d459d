"""The rules engine: plain Python, without Frappe (docs/precheck.md).

An install built with ``ZHICHENG_COMPILE_RULES=1`` (see setup.py) also has the modules compiled by
mypyc; Python then imports the compiled modules. ``compiled_modules()`` says which are in use.
"""

import sys


def compiled_modules() -> list[str]:
	"""Names of the loaded rules modules that run compiled (an extension module, not a ``.py``)."""
	prefix = __name__ + "."
	return sorted(
		name
		for name, module in list(sys.modules.items())
		if name.startswith(prefix) and not (getattr(module, "__file__", None) or "").endswith(".py")
	)
