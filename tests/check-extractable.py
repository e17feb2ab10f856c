#!/usr/bin/env python3
"""Fails when xgettext cannot extract a translatable string as the program
will look it up, or warns about one.

  check-extractable.py TOP_SRCDIR

The usual cause: a format macro inside _(), as in
_("revision %" G_GINT64_FORMAT). xgettext cuts the msgid at the macro, so the
catalogue holds "revision %" while the program asks for "revision %li": the
message is never translated, whatever po/fr.po says. Format such a number
with a plain conversion instead, e.g. "%lld" and a (long long) cast, or
print it into a string first and pass it as %s.
"""

import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import i18nutil  # noqa: E402


def main():
    srcdir = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else ".")
    files = [f for f in i18nutil.read_potfiles(srcdir)
             if os.path.exists(os.path.join(srcdir, f))]
    with tempfile.TemporaryDirectory() as tmp:
        warnings = i18nutil.make_pot(srcdir, files, os.path.join(tmp, "all.pot"))
    for warning in warnings:
        print(warning, file=sys.stderr)
    if warnings:
        print(f"{len(warnings)} xgettext warning(s): see the comment at the top of "
              f"tests/check-extractable.py for the usual fix", file=sys.stderr)
        return 1
    print(f"xgettext extracts every string of {len(files)} files without a warning")
    return 0


if __name__ == "__main__":
    sys.exit(main())
