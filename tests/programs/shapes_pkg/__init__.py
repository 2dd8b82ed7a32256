"""A package imported by imports.py."""
from .area import square
__all__ = ["square", "VERSION"]
VERSION = (1, 2)
loaded = []
