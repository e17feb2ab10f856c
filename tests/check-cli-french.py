#!/usr/bin/env python3
"""The command-line program follows the locale: with LANGUAGE=fr it speaks
French, from the build tree's catalogues, and without it English.

  check-cli-french.py CLI PO_BUILDDIR

PO_BUILDDIR is the build's po/ directory (<lang>/LC_MESSAGES/*.mo), which
the program reads through ACR_LOCALEDIR. The expected French comes from that
catalogue, so the test checks the program uses it, not any wording.
"""

import gettext
import json
import os
import re
import subprocess
import sys
import tempfile

DOMAIN = "acr-membership"


def run(cli, args, localedir, language):
    env = dict(os.environ, LC_ALL="C.UTF-8", ACR_LOCALEDIR=localedir)
    env.pop("LANGUAGE", None)
    if language:
        env["LANGUAGE"] = language
    return subprocess.run([cli] + args, capture_output=True, text=True, env=env)


def literal_parts(fmt):
    """The fixed text of a printf format, in pieces."""
    return [p for p in re.split(r"%[-+ #0]*[0-9]*(?:\.[0-9]+)?[a-zA-Z]", fmt) if p.strip()]


def main():
    cli, localedir = sys.argv[1], os.path.abspath(sys.argv[2])
    catalogue = gettext.translation(DOMAIN, localedir, languages=["fr"])
    failures = []

    # --help: every line that is a message of the catalogue comes out translated.
    english = run(cli, ["--help"], localedir, None)
    french = run(cli, ["--help"], localedir, "fr")
    if english.returncode != 0 or french.returncode != 0:
        failures.append(f"--help failed: {english.stderr}{french.stderr}")
    checked = 0
    for line in english.stdout.splitlines():
        msgid = line.strip()
        translated = catalogue.gettext(msgid)
        if msgid and translated != msgid:
            checked += 1
            if translated not in french.stdout:
                failures.append(f"--help with LANGUAGE=fr lacks “{translated}” (for “{msgid}”)")
            if translated in english.stdout:
                failures.append(f"--help without LANGUAGE=fr already shows “{translated}”")
    if checked == 0:
        failures.append("no line of --help is a message of the French catalogue")

    # An error about the input, from the core library.
    with tempfile.TemporaryDirectory() as tmp:
        person = os.path.join(tmp, "person.json")
        with open(person, "w", encoding="utf-8") as f:
            json.dump({"given_name": "Marie", "favourite_colour": "blue"}, f)
        english = run(cli, ["classify", person], localedir, None)
        french = run(cli, ["classify", person], localedir, "fr")
    fmt = catalogue.gettext("%s: unknown key")
    if fmt == "%s: unknown key":
        failures.append("the catalogue does not translate “%s: unknown key”")
    elif french.returncode != 1 or any(p not in french.stderr for p in literal_parts(fmt)):
        failures.append(f"classify with an unknown key, LANGUAGE=fr: expected “{fmt}” "
                        f"(exit 1), got exit {french.returncode}: {french.stderr.strip()}")
    if english.returncode != 1 or "unknown key" not in english.stderr:
        failures.append(f"classify with an unknown key in English: {english.stderr.strip()}")

    # The decision's reasons quote the rules bundle: staff read them in their
    # language. A quote's line descriptions become invoice lines, rendered in
    # the member's language: they stay the English source whatever the locale.
    with tempfile.TemporaryDirectory() as tmp:
        person = os.path.join(tmp, "person.json")
        with open(person, "w", encoding="utf-8") as f:
            json.dump({"profession": "physician", "discipline": "radiology",
                       "certifications": ["ABR"], "country": "US", "region": "VA",
                       "in_practice": True, "practice_start": "2010-07-01"}, f)
        english = run(cli, ["classify", "--date", "2026-11-26", person], localedir, None)
        french = run(cli, ["classify", "--date", "2026-11-26", person], localedir, "fr")
        french_quote = run(cli, ["quote", "--year", "2027", "--date", "2026-11-26", person], localedir, "fr")
    try:
        reason_en = json.loads(english.stdout)["reasons"][0]
        reason_fr = json.loads(french.stdout)["reasons"][0]
        lines_fr = json.loads(french_quote.stdout)["lines"]
    except (ValueError, KeyError, IndexError) as e:
        failures.append(f"classify/quote output unreadable: {e}: {english.stderr}{french.stderr}")
    else:
        name_fr = catalogue.gettext("General member")
        if name_fr == "General member":
            failures.append("the catalogue does not translate the category “General member”")
        elif not reason_fr.startswith(name_fr) or reason_fr == reason_en:
            failures.append(f"classify with LANGUAGE=fr: reason “{reason_fr}” is not in French "
                            f"(English: “{reason_en}”)")
        if not reason_en.startswith("General member"):
            failures.append(f"classify in English: reason “{reason_en}”")
        national = [l["description"] for l in lines_fr if l["code"] == "national"]
        if not national or not national[0].startswith("National dues"):
            failures.append(f"quote with LANGUAGE=fr: the national line should stay the English source "
                            f"(it becomes an invoice line), got {national}")

    for failure in failures:
        print(failure, file=sys.stderr)
    if failures:
        return 1
    print(f"acr-membership-cli speaks French with LANGUAGE=fr ({checked} help lines, "
          f"one input error) and English without")
    return 0


if __name__ == "__main__":
    sys.exit(main())
