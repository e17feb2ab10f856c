#!/usr/bin/env python3
"""Installs the build into a temporary DESTDIR and checks that everything a
desktop expects lands where it looks for it.

  check-install.py MESON BUILD_ROOT

Runs `MESON install --no-rebuild --destdir TMP` in BUILD_ROOT (so it checks
what was built, and needs it built first), then looks for the binaries, the
desktop entry and metainfo (with their French translations merged in), the
icons, the GSettings schema (and that it still compiles strictly) and the
message catalogues for every language in po/LINGUAS. The desktop application
is only expected when this build has it.
"""

import gettext
import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import i18nutil  # noqa: E402

APP_ID = "org.acr.Membership"
DOMAIN = "acr-membership"


def introspect(meson, build_root, what):
    out = subprocess.run([meson, "introspect", "--" + what, build_root],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def main():
    meson, build_root = sys.argv[1], os.path.abspath(sys.argv[2])
    options = {o["name"]: o["value"] for o in introspect(meson, build_root, "buildoptions")}
    targets = introspect(meson, build_root, "targets")
    srcdir = introspect(meson, build_root, "projectinfo").get("source_dir") or \
        os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

    prefix = options["prefix"]
    bindir = os.path.join(prefix, options["bindir"])
    datadir = os.path.join(prefix, options["datadir"])
    localedir = os.path.join(prefix, options["localedir"])

    built_app = any(t["name"] == "acr-membership" and t["type"] == "executable" and t["installed"]
                    for t in targets)

    expected = [
        (os.path.join(bindir, "acr-membership-cli"), "the command-line program"),
        (os.path.join(datadir, "applications", APP_ID + ".desktop"), "the desktop entry"),
        (os.path.join(datadir, "metainfo", APP_ID + ".metainfo.xml"), "the AppStream metainfo"),
        (os.path.join(datadir, "icons", "hicolor", "scalable", "apps", APP_ID + ".svg"),
         "the application icon"),
        (os.path.join(datadir, "icons", "hicolor", "symbolic", "apps", APP_ID + "-symbolic.svg"),
         "the symbolic icon"),
        (os.path.join(datadir, "glib-2.0", "schemas", APP_ID + ".gschema.xml"), "the GSettings schema"),
    ]
    if built_app:
        expected.append((os.path.join(bindir, "acr-membership"), "the desktop application"))
    langs = i18nutil.read_linguas(srcdir)
    for lang in langs:
        expected.append((os.path.join(localedir, lang, "LC_MESSAGES", DOMAIN + ".mo"),
                         f"the {lang} message catalogue"))

    failures = []
    with tempfile.TemporaryDirectory() as destdir:
        r = subprocess.run([meson, "install", "-C", build_root, "--no-rebuild", "--quiet",
                            "--destdir", destdir], capture_output=True, text=True)
        if r.returncode != 0:
            print(f"meson install failed:\n{r.stdout}{r.stderr}", file=sys.stderr)
            return 1

        def staged(path):
            return os.path.join(destdir, path.lstrip("/"))

        for path, what in expected:
            if not os.path.isfile(staged(path)):
                failures.append(f"{what} is not installed as {path}")
            elif path.startswith(bindir) and not os.access(staged(path), os.X_OK):
                failures.append(f"{what} is installed as {path} but not executable")

        # Translations merged into the desktop entry and the metainfo.
        desktop = staged(expected[1][0])
        metainfo = staged(expected[2][0])
        for lang in langs:
            if os.path.isfile(desktop) and f"Name[{lang}]=" not in open(desktop, encoding="utf-8").read():
                failures.append(f"the installed desktop entry has no Name[{lang}]")
            if os.path.isfile(metainfo) and f'xml:lang="{lang}"' not in open(metainfo, encoding="utf-8").read():
                failures.append(f"the installed metainfo has no {lang} translation")

        # The catalogue is the one gettext finds for the domain.
        for lang in langs:
            try:
                catalogue = gettext.translation(DOMAIN, staged(localedir), languages=[lang])
            except OSError as e:
                failures.append(f"gettext cannot load the {lang} catalogue: {e}")
                continue
            if catalogue.gettext("ACR Membership") == "ACR Membership":
                failures.append(f"the {lang} catalogue does not translate “ACR Membership”")

        schemas = os.path.dirname(staged(expected[5][0]))
        if os.path.isdir(schemas):
            r = subprocess.run(["glib-compile-schemas", "--strict", "--dry-run", schemas],
                               capture_output=True, text=True)
            if r.returncode != 0:
                failures.append(f"the installed schema does not compile: {r.stderr.strip()}")

        if built_app and os.path.isfile(desktop):
            execs = [l.split("=", 1)[1].split()[0] for l in open(desktop, encoding="utf-8")
                     if l.startswith("Exec=")]
            for e in execs:
                if not os.path.isfile(staged(os.path.join(bindir, e))):
                    failures.append(f"the desktop entry runs {e}, which is not installed in {bindir}")

    for failure in failures:
        print(failure, file=sys.stderr)
    if failures:
        return 1
    print(f"installed as a desktop expects: {len(expected)} files under {prefix}"
          + ("" if built_app else " (no desktop application in this build)"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
