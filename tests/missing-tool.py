#!/usr/bin/env python3
"""Stands in for a validator that is not installed, so that its test fails
with a clear message instead of being skipped unnoticed."""
import sys

print(f"{sys.argv[1]} is not installed; run build-aux/install-deps", file=sys.stderr)
sys.exit(1)
