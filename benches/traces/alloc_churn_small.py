"""benches/python/alloc_churn.py at a small size, for the committed replay trace (see README.md
in this folder)."""

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "python"))

import alloc_churn  # noqa: E402

alloc_churn.main(small=60, cycles=12, depth_n=2000, strings_n=2000)
