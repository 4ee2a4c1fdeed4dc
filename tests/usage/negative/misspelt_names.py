"""Misspelt names a user might type: both type checkers must report them (tests/usage/test_usage.py)."""

from runai_v2_24 import Clinet
from runai_v2_24.models import ComputeFeilds

print(Clinet, ComputeFeilds)
