"""The rules engine: plain Python, without Frappe (docs/precheck.md)."""
