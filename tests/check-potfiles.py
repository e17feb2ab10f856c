#!/usr/bin/env python3
"""Fails when a file under src/ or data/ has translatable strings and is not
listed in po/POTFILES.in.

  check-potfiles.py TOP_SRCDIR

Translatable means: a C file calling _(), N_(), C_() or NC_(); a GtkBuilder
file with translatable="yes"; a desktop entry, metainfo or GSettings schema
template; the rules bundle when it has staff-facing texts (then the file that
build-aux/extract-rules-strings makes from it must be listed). Files listed
that do not exist (yet) are tolerated and only noted.
"""

import importlib.machinery
import importlib.util
import json
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import i18nutil  # noqa: E402

SCANNED_DIRS = ("src", "data")
RULES_BUNDLE = "data/rules/acr-rules.json"
RULES_STRINGS = "po/acr-rules-strings.h"

# Comments and literals, so that "_(" inside a string or a comment is not a
# call; the literal itself stays as "" so _("text") still reads as a call.
C_TOKENS = re.compile(
    r'//[^\n]*|/\*.*?\*/|"(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])*\'',
    re.S)
C_CALL = re.compile(r'(?<![A-Za-z0-9_])(?:_|N_|C_|NC_)\s*\(')
UI_TRANSLATABLE = re.compile(r'\btranslatable\s*=\s*["\'](?:yes|true|1)["\']')
TEMPLATE_SUFFIXES = (".desktop.in", ".metainfo.xml.in", ".appdata.xml.in",
                     ".gschema.xml", ".gschema.xml.in")


def tracked_files(srcdir):
    """The files git tracks under SCANNED_DIRS, or all of them outside git."""
    try:
        out = subprocess.run(
            ["git", "-C", srcdir, "ls-files", "-z", "--"] + list(SCANNED_DIRS),
            check=True, capture_output=True).stdout
        return sorted(p for p in out.decode("utf-8").split("\0") if p)
    except (OSError, subprocess.CalledProcessError):
        files = []
        for top in SCANNED_DIRS:
            for root, _, names in os.walk(os.path.join(srcdir, top)):
                for name in names:
                    files.append(os.path.relpath(os.path.join(root, name), srcdir))
        return sorted(files)


def c_has_strings(text):
    stripped = C_TOKENS.sub(lambda m: '""' if m.group(0).startswith('"') else " ", text)
    return C_CALL.search(stripped) is not None


def rules_texts(srcdir, path):
    script = os.path.join(srcdir, "build-aux", "extract-rules-strings")
    loader = importlib.machinery.SourceFileLoader("extract_rules_strings", script)
    extractor = importlib.util.module_from_spec(importlib.util.spec_from_loader(loader.name, loader))
    loader.exec_module(extractor)
    with open(path, encoding="utf-8") as f:
        document = json.load(f)
    found = []
    extractor.walk(document, "", None, found)
    return found


def needs_listing(srcdir, rel):
    """The POTFILES.in entry REL calls for, or None."""
    path = os.path.join(srcdir, rel)
    if not os.path.isfile(path):
        return None
    if rel.endswith(TEMPLATE_SUFFIXES):
        return rel
    if rel == RULES_BUNDLE:
        return RULES_STRINGS if rules_texts(srcdir, path) else None
    if rel.endswith((".c", ".h")):
        with open(path, encoding="utf-8", errors="replace") as f:
            return rel if c_has_strings(f.read()) else None
    if rel.endswith((".ui", ".xml")):
        with open(path, encoding="utf-8", errors="replace") as f:
            return rel if UI_TRANSLATABLE.search(f.read()) else None
    return None


def main():
    srcdir = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else ".")
    listed = set(i18nutil.read_potfiles(srcdir))

    missing = []
    for rel in tracked_files(srcdir):
        entry = needs_listing(srcdir, rel)
        if entry and entry not in listed:
            missing.append((entry, rel))

    for entry in sorted(listed):
        if not os.path.exists(os.path.join(srcdir, entry)):
            print(f"note: po/POTFILES.in lists {entry}, which does not exist (yet)")

    if missing:
        for entry, rel in missing:
            why = "" if entry == rel else f" (for the texts of {rel})"
            print(f"po/POTFILES.in: missing {entry}{why}", file=sys.stderr)
        return 1
    print(f"po/POTFILES.in lists every file with translatable strings ({len(listed)} entries)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
