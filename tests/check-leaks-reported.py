#!/usr/bin/env python3
"""Proves that the sanitizer build still catches a leak in our own code.

Runs tests/leak-on-purpose (built with -fsanitize=address) with the
suppressions build-aux/test uses and fails unless LeakSanitizer reports both
of its leaks: one object made through GTK, one string of its own.
"""
import os
import subprocess
import sys

program, suppressions = sys.argv[1], sys.argv[2]
env = dict(os.environ)
env["ASAN_OPTIONS"] = "detect_leaks=1:fast_unwind_on_malloc=0:exitcode=23"
env["LSAN_OPTIONS"] = f"suppressions={suppressions}:print_suppressions=0"
env["G_SLICE"] = "always-malloc"
done = subprocess.run([program], env=env, capture_output=True, text=True, timeout=120)
report = done.stderr
problems = []
if done.returncode != 23:
    problems.append(f"exit status {done.returncode}, expected 23 (leaks found)")
if "gtk_string_list_new" not in report:
    problems.append("the object leaked through GTK was not reported")
if "g_strdup_printf" not in report:
    problems.append("the string leaked by our own code was not reported")
if problems:
    print("\n".join(problems))
    print(report[-4000:])
    sys.exit(1)
print("ok: LeakSanitizer reports our leaks through", suppressions)
