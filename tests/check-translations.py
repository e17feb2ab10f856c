#!/usr/bin/env python3
"""Fails when a translation in po/LINGUAS is not complete for the sources as
they are now.

  check-translations.py TOP_SRCDIR

For each language: msgfmt --check --check-accelerators=_ accepts po/LANG.po
(formats, header, plural forms, one mnemonic where the English has one) and
finds no untranslated or fuzzy message; then po/LANG.po is
merged with a template made from po/POTFILES.in (as `meson compile
acr-membership-update-po` would) and the result must have no untranslated or
fuzzy message either, so a string added to the sources and not yet translated
fails here. Files that POTFILES.in lists but that do not exist yet are left out.
"""

import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import i18nutil  # noqa: E402

def incomplete_messages(po):
    """The msgids of PO that are untranslated or fuzzy, except those cut at a
    format macro, which no translation can reach (check-extractable.py
    reports them)."""
    found = []
    for option, label in (("--untranslated", ""), ("--only-fuzzy", "fuzzy: ")):
        for msgid, where in i18nutil.messages(po, option):
            if not i18nutil.is_cut(msgid):
                found.append(f"{label}{msgid}  ({where})")
    return found


def check_format(po):
    """msgfmt --check's complaints about PO, or None."""
    r = subprocess.run(["msgfmt", "--check", "--check-accelerators=_", "-o", os.devnull, po],
                       capture_output=True, text=True, env=dict(os.environ, LC_ALL="C"))
    return None if r.returncode == 0 else r.stderr.strip()


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

            complaints = check_format(po)
            if complaints:
                print(f"po/{lang}.po: msgfmt --check failed:\n{complaints}", file=sys.stderr)
                failed = True
                continue
            incomplete = incomplete_messages(po)
            if incomplete:
                print(f"po/{lang}.po: {len(incomplete)} messages untranslated or fuzzy:",
                      file=sys.stderr)
                for line in incomplete:
                    print(f"  {line}", file=sys.stderr)
                failed = True
                continue

            merged = os.path.join(tmp, lang + ".po")
            subprocess.run(["msgmerge", "--quiet", "--previous", "-o", merged, po, pot],
                           check=True)
            incomplete = incomplete_messages(merged)
            if incomplete:
                print(f"po/{lang}.po is behind the sources: {len(incomplete)} messages to "
                      f"translate; run `meson compile -C _build acr-membership-update-po` "
                      f"and translate:", file=sys.stderr)
                for line in incomplete:
                    print(f"  {line}", file=sys.stderr)
                failed = True
                continue
            n = len(i18nutil.messages(merged, "--translated"))
            print(f"po/{lang}.po: {n} messages, all translated")

    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
