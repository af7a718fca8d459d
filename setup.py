"""Build shim: bench expects a setup.py; the metadata lives in pyproject.toml."""

from setuptools import setup

setup()
