#!/usr/bin/env python3
"""Tests build-aux/extract-rules-strings, the way the rules bundle's
staff-facing texts reach the translation template.

  check-rules-strings.py TOP_SRCDIR fixture   the mechanism, on
      tests/fixtures/i18n/rules-bundle.json: every staff-facing text and only
      those reach xgettext's template, escaped, once each, with a translator
      comment naming its JSON paths and never taken for a printf format
  check-rules-strings.py TOP_SRCDIR bundle    po/acr-rules-strings.h is what
      data/rules/acr-rules.json gives now
"""

import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import i18nutil  # noqa: E402


def parse_pot(path):
    """{msgid: (comments, flags)} of a template, enough for these checks."""
    entries = {}
    comments, flags, msgid, in_msgid = [], "", None, False
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("#."):
                comments.append(line[2:].strip())
            elif line.startswith("#,"):
                flags = line[2:].strip()
            elif line.startswith("msgid "):
                msgid, in_msgid = eval(line[6:]), True  # a C-like string literal
            elif line.startswith('"') and in_msgid:
                msgid += eval(line)
            elif line.startswith("msgstr"):
                if msgid:
                    entries[msgid] = (" ".join(comments), flags)
                comments, flags, msgid, in_msgid = [], "", None, False
    return entries


def check_fixture(srcdir):
    script = os.path.join(srcdir, "build-aux", "extract-rules-strings")
    bundle = os.path.join(srcdir, "tests", "fixtures", "i18n", "rules-bundle.json")
    failures = []

    with tempfile.TemporaryDirectory() as tmp:
        header = os.path.join(tmp, "rules-strings.h")
        subprocess.run([sys.executable, script, bundle, header], check=True,
                       stdout=subprocess.DEVNULL)
        pot = os.path.join(tmp, "rules.pot")
        i18nutil.make_pot(tmp, ["rules-strings.h"], pot)
        entries = parse_pot(pot)

    expected = {
        "General member": "categories[0].name",
        "Certified physicians and medical physicists in practice.": "categories[0].description",
        "Certified in a radiological discipline by the ABR, the AOBR, the RCPSC or the CMQ.":
            "categories[0].criteria[0].explanation",
        "Member-in-training": "categories[1].name",
        "Residents and fellows in an approved programme; this category is free.":
            "categories[1].description",
        "Training status continues through fellowship.": "categories[1].reasons[0]",
        "50% discount on national dues for active-duty \"U.S.\" military": "dues[0].description",
        "Refund of this year's dues\n(retirement notified by March 31)": "dues[1].description",
        "Quebec": "chapters[0].name",
        "Montréal": "chapters[1].name",
    }
    for msgid, path in expected.items():
        if msgid not in entries:
            failures.append(f"missing from the template: {msgid!r}")
            continue
        comments, flags = entries[msgid]
        if "Translators: rules bundle" not in comments or path not in comments:
            failures.append(f"{msgid!r}: translator comment {comments!r} does not name {path}")
        if "c-format" in flags and "no-c-format" not in flags:
            failures.append(f"{msgid!r}: taken for a printf format ({flags})")

    # One text used in three places is one message naming all three.
    shared = entries.get("This category is free.")
    if shared is None:
        failures.append("missing from the template: 'This category is free.'")
    else:
        for path in ("categories[1].reasons[1]", "chapters[1].label"):
            if path not in shared[0]:
                failures.append(f"'This category is free.': comment does not name {path}")

    # Ids, codes, countries and quoted seed sentences are not for translators.
    for msgid in ("general", "member-in-training", "military-discount", "QC", "CA",
                  "Physicians certified in a radiological discipline by: American Board of Radiology."):
        if msgid in entries:
            failures.append(f"not staff-facing, yet in the template: {msgid!r}")

    unexpected = set(entries) - set(expected) - {"This category is free."}
    for msgid in sorted(unexpected):
        failures.append(f"unexpected in the template: {msgid!r}")
    return failures


def check_bundle(srcdir):
    script = os.path.join(srcdir, "build-aux", "extract-rules-strings")
    r = subprocess.run([sys.executable, script, "--check"], capture_output=True, text=True)
    sys.stdout.write(r.stdout)
    return [r.stderr.strip()] if r.returncode != 0 else []


def main():
    srcdir = os.path.abspath(sys.argv[1])
    failures = {"fixture": check_fixture, "bundle": check_bundle}[sys.argv[2]](srcdir)
    for failure in failures:
        print(failure, file=sys.stderr)
    if not failures and sys.argv[2] == "fixture":
        print("every staff-facing text of the fixture bundle, and only those, reached the template")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
