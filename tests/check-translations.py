#!/usr/bin/env python3
"""Fails when a translation in po/LINGUAS is not complete for the sources as
they are now.

  check-translations.py TOP_SRCDIR

For each language: msgfmt --check accepts po/LANG.po (formats, header,
plural forms) and finds no untranslated or fuzzy message; then po/LANG.po is
merged with a template made from po/POTFILES.in (as `meson compile
acr-membership-update-po` would) and the result must have no untranslated or
fuzzy message either, so a string added to the sources and not yet translated
fails here. Files that POTFILES.in lists but that do not exist yet are left out.
"""

import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import i18nutil  # noqa: E402

STATS = re.compile(r"(\d+) (translated|fuzzy|untranslated)")


def statistics(po):
    """(ok, counts, output) from msgfmt --check --statistics."""
    r = subprocess.run(["msgfmt", "--check", "--statistics", "-o", os.devnull, po],
                       capture_output=True, text=True,
                       env=dict(os.environ, LC_ALL="C"))
    counts = {"translated": 0, "fuzzy": 0, "untranslated": 0}
    for number, kind in STATS.findall(r.stderr):
        counts[kind] = int(number)
    return r.returncode == 0, counts, r.stderr.strip()


def incomplete_messages(po):
    """The msgids of PO that are untranslated or fuzzy."""
    found = []
    for option in ("--untranslated", "--only-fuzzy"):
        r = subprocess.run(["msgattrib", option, "--no-obsolete", "--no-wrap", po],
                           capture_output=True, text=True, check=True)
        for m in re.finditer(r'^msgid "(.+)"$', r.stdout, re.M):
            found.append(("fuzzy: " if option == "--only-fuzzy" else "") + m.group(1))
    return found


def main():
    srcdir = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else ".")
    langs = i18nutil.read_linguas(srcdir)
    if not langs:
        print("po/LINGUAS lists no language", file=sys.stderr)
        return 1

    failed = False
    with tempfile.TemporaryDirectory() as tmp:
        pot = os.path.join(tmp, "acr-membership.pot")
        files = [f for f in i18nutil.read_potfiles(srcdir)
                 if os.path.exists(os.path.join(srcdir, f))]
        i18nutil.make_pot(srcdir, files, pot)

        for lang in langs:
            po = os.path.join(srcdir, "po", lang + ".po")
            if not os.path.exists(po):
                print(f"po/{lang}.po: missing (listed in po/LINGUAS)", file=sys.stderr)
                failed = True
                continue

            ok, counts, output = statistics(po)
            if not ok:
                print(f"po/{lang}.po: msgfmt --check failed:\n{output}", file=sys.stderr)
                failed = True
                continue
            if counts["fuzzy"] or counts["untranslated"]:
                print(f"po/{lang}.po: {output}", file=sys.stderr)
                for msgid in incomplete_messages(po):
                    print(f"  {msgid}", file=sys.stderr)
                failed = True
                continue

            merged = os.path.join(tmp, lang + ".po")
            subprocess.run(["msgmerge", "--quiet", "--previous", "-o", merged, po, pot],
                           check=True)
            ok, counts, output = statistics(merged)
            if not ok or counts["fuzzy"] or counts["untranslated"]:
                print(f"po/{lang}.po is behind the sources ({output}); run "
                      f"`meson compile -C _build acr-membership-update-po` and translate:",
                      file=sys.stderr)
                for msgid in incomplete_messages(merged):
                    print(f"  {msgid}", file=sys.stderr)
                failed = True
                continue
            print(f"po/{lang}.po: {counts['translated']} messages, all translated")

    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
