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


def cut_msgids(pot):
    """'file:line: msgid …' for every msgid of POT cut inside a directive."""
    return [f"{where}: msgid \"{msgid}\" ends inside a printf directive "
            f"(a format macro inside _()?)"
            for msgid, where in i18nutil.messages(pot) if i18nutil.is_cut(msgid)]


def main():
    srcdir = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else ".")
    files = [f for f in i18nutil.read_potfiles(srcdir)
             if os.path.exists(os.path.join(srcdir, f))]
    with tempfile.TemporaryDirectory() as tmp:
        pot = os.path.join(tmp, "all.pot")
        warnings = i18nutil.make_pot(srcdir, files, pot)
        # xgettext only warns where it knows the call takes a format; a
        # msgid cut at a macro also shows as one ending inside a directive.
        cut = cut_msgids(pot)
    problems = warnings + cut
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"{len(problems)} string(s) cannot be translated as written: see the comment "
              f"at the top of tests/check-extractable.py for the usual fix", file=sys.stderr)
        return 1
    print(f"xgettext extracts every string of {len(files)} files without a warning")
    return 0


if __name__ == "__main__":
    sys.exit(main())
