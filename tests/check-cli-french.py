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

    for failure in failures:
        print(failure, file=sys.stderr)
    if failures:
        return 1
    print(f"acr-membership-cli speaks French with LANGUAGE=fr ({checked} help lines, "
          f"one input error) and English without")
    return 0


if __name__ == "__main__":
    sys.exit(main())
