#!/usr/bin/env python3
"""Validates flatpak/org.acr.Membership.json without building it (the build
machines cannot download runtimes).

  check-flatpak-manifest.py TOP_SRCDIR

The manifest must parse as JSON; name the application id, the command and
the GNOME runtime and SDK; ask for no more than the application needs
(Wayland with X11 fallback, IPC, the GPU; no home directory, no network);
clean up development files; and every local source or module file it names
must exist, relative to the manifest as flatpak-builder reads it. Remote
sources must be pinned (sha256 or commit).

The GNOME runtime must still be supported on Flathub today
(datetime.date.today() against GNOME_RUNTIME_END_OF_LIFE below), so the test
starts failing on the day the runtime reaches its end of life, and the
runtime README.md tells staff to install must be the manifest's. A self-check
of that comparison (GNOME 47 refused, ...) runs first.
"""

import datetime
import json
import os
import re
import sys

APP_ID = "org.acr.Membership"
COMMAND = "acr-membership"
REQUIRED_ARGS = {"--share=ipc", "--socket=wayland", "--socket=fallback-x11"}
ALLOWED_ARGS = REQUIRED_ARGS | {"--device=dri"}
REQUIRED_CLEANUP = {"/include", "/lib/pkgconfig", "*.a", "*.la"}
LOCAL_SOURCE_TYPES = {"dir", "file", "patch"}

# The day each GNOME runtime on Flathub stops being supported: from that day
# `flatpak update` tells staff the application uses an end-of-life runtime
# and the runtime gets no more security fixes.
#
# Source of the published dates: the end-of-life notice Flathub sets on each
# runtime branch, which `flatpak remote-info flathub org.gnome.Platform//N`
# and `flatpak update` print as "The GNOME N runtime is no longer supported
# as of DATE", quoted in these threads:
#   40 https://github.com/Soundux/Soundux/issues/572
#   41 https://github.com/birros/web-archives/issues/29
#   42 https://github.com/databasefx/ldbfx/issues/4
#   43 https://github.com/abb128/LiveCaptions/issues/77
#   44 https://github.com/corna/com.github.corna.Vivado/issues/13
#   45 https://github.com/aichingm/lonewolf/issues/17
#   46 https://github.com/flathub/org.freefilesync.FreeFileSync/issues/152
#   47 https://github.com/flathub/io.github.Pithos/issues/16
#   48 https://github.com/ranfdev/Geopard/issues/137
# Estimates (not yet published when this table was last updated, 2026-12):
# GNOME releases a version every March and September
# (https://handbook.gnome.org/release-planning.html) on the third Wednesday
# of the month so far (48: 2025-03-19, 49: 2025-09-17, 50: 2026-03-18), and
# Flathub has ended runtime N on the day GNOME N+2 came out or up to four
# weeks later (47 ended 2025-10-15, 49 came out 2025-09-17; 48 ended
# 2026-03-24, 50 came out 2026-03-18). So an estimate is the third Wednesday
# of the month GNOME N+2 is due, so far never later than the real end. GNOME
# 51 came out in September 2026 and its runtime was on Flathub by 2026-09-20
# (https://github.com/flathub/org.gimp.GIMP/pull/750). Replace an estimate
# with the published date when Flathub sets it, and add the next release
# when moving to it.
GNOME_RUNTIME_END_OF_LIFE = {
    "40": datetime.date(2022, 3, 21),
    "41": datetime.date(2022, 9, 17),
    "42": datetime.date(2023, 3, 21),
    "43": datetime.date(2023, 9, 20),
    "44": datetime.date(2024, 3, 20),
    "45": datetime.date(2024, 9, 18),
    "46": datetime.date(2025, 4, 17),
    "47": datetime.date(2025, 10, 15),
    "48": datetime.date(2026, 3, 24),
    "49": datetime.date(2026, 9, 16),  # estimate: GNOME 51 released
    "50": datetime.date(2027, 3, 17),  # estimate: GNOME 52 due
    "51": datetime.date(2027, 9, 15),  # estimate: GNOME 53 due
}
GNOME_RUNTIME_END_OF_LIFE_ESTIMATED = {"49", "50", "51"}
# Say so ahead of time, without failing, when the end is this close.
END_OF_LIFE_NOTICE_DAYS = 90


def runtime_end_of_life_problem(version, today):
    """Returns why org.gnome.Platform VERSION may not be used on TODAY, or
    None when Flathub still supports it."""
    end = GNOME_RUNTIME_END_OF_LIFE.get(version)
    if end is None:
        oldest = min(GNOME_RUNTIME_END_OF_LIFE, key=int)
        if int(version) < int(oldest):
            return (f"GNOME {version} is older than GNOME {oldest}, which reached its end of life "
                    f"on Flathub on {GNOME_RUNTIME_END_OF_LIFE[oldest]}; move to a supported runtime")
        return (f"GNOME {version} is not in GNOME_RUNTIME_END_OF_LIFE in tests/check-flatpak-manifest.py; "
                f"add its end-of-life date there, with its source")
    if today >= end:
        known = "estimated from the GNOME release schedule; " if version in GNOME_RUNTIME_END_OF_LIFE_ESTIMATED else ""
        return (f"GNOME {version} reached its end of life on Flathub on {end} ({known}see "
                f"tests/check-flatpak-manifest.py); move the manifest and README.md's Flatpak "
                f"section to a supported runtime")
    return None


def self_check():
    """The end-of-life comparison refuses what it must: returns failures."""
    failures = []
    cases = [
        # (version, today, refused)
        ("47", datetime.date.today(), True),        # the runtime this test was written to refuse
        ("47", datetime.date(2025, 10, 14), False),  # the day before its end
        ("47", datetime.date(2025, 10, 15), True),   # the day it ended
        ("48", datetime.date(2026, 12, 6), True),
        ("51", datetime.date(2026, 12, 6), False),
        ("51", datetime.date(2027, 9, 15), True),
        ("39", datetime.date(2020, 1, 1), True),     # older than the table
        ("99", datetime.date(2026, 12, 6), True),    # not in the table
    ]
    for version, today, refused in cases:
        problem = runtime_end_of_life_problem(version, today)
        if (problem is not None) != refused:
            failures.append(f"self-check: GNOME {version} on {today} was "
                            f"{'accepted' if problem is None else 'refused'}, expected "
                            f"{'refused' if refused else 'accepted'}")
    return failures


def check_readme(srcdir, version, failures):
    """README.md's install commands name the manifest's runtime."""
    path = os.path.join(srcdir, "README.md")
    try:
        with open(path, encoding="utf-8") as f:
            text = f.read()
    except OSError as e:
        failures.append(f"README.md: {e}")
        return
    named = re.findall(r"org\.gnome\.(?:Platform|Sdk)//([0-9.]+)", text)
    if not named:
        failures.append("README.md: no install command names org.gnome.Platform//VERSION")
    for other in sorted(set(named) - {version}):
        failures.append(f"README.md: installs the GNOME {other} runtime, the manifest uses {version}")


def check_sources(module, base, where, failures):
    for i, source in enumerate(module.get("sources", [])):
        here = f"{where}.sources[{i}]"
        if isinstance(source, str):  # a JSON file holding the source
            if not os.path.isfile(os.path.join(base, source)):
                failures.append(f"{here}: {source} does not exist")
            continue
        kind = source.get("type")
        if kind in LOCAL_SOURCE_TYPES:
            paths = source.get("paths", []) if kind == "patch" else []
            if "path" in source:
                paths.append(source["path"])
            if not paths:
                failures.append(f"{here}: a {kind} source without a path")
            for path in paths:
                full = os.path.normpath(os.path.join(base, path))
                exists = os.path.isdir(full) if kind == "dir" else os.path.isfile(full)
                if not exists:
                    failures.append(f"{here}: {kind} {path} does not exist (looked for {full})")
        elif kind == "git":
            # A git source has a url too: it is pinned by its commit or tag, not a checksum.
            if "commit" not in source and "tag" not in source:
                failures.append(f"{here}: git source {source.get('url')} is not pinned to a commit or tag")
        elif kind in ("archive", "file") or "url" in source:
            if not ("sha256" in source or "sha512" in source):
                failures.append(f"{here}: {source.get('url')} has no checksum")


def check_modules(modules, base, where, failures, found_meson_dir):
    for i, module in enumerate(modules):
        here = f"{where}[{i}]"
        if isinstance(module, str):  # a JSON file holding the module
            path = os.path.join(base, module)
            if not os.path.isfile(path):
                failures.append(f"{here}: module file {module} does not exist")
                continue
            with open(path, encoding="utf-8") as f:
                module = json.load(f)
            base_here = os.path.dirname(path)
        else:
            base_here = base
        here = f"{where}[{i}] ({module.get('name', '?')})"
        check_sources(module, base_here, here, failures)
        check_modules(module.get("modules", []), base_here, here + ".modules", failures, found_meson_dir)
        for source in module.get("sources", []):
            if isinstance(source, dict) and source.get("type") == "dir" and module.get("buildsystem") == "meson":
                if os.path.isfile(os.path.join(base_here, source.get("path", ""), "meson.build")):
                    found_meson_dir.append(module.get("name"))


def main():
    srcdir = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else ".")
    path = os.path.join(srcdir, "flatpak", APP_ID + ".json")
    base = os.path.dirname(path)
    try:
        with open(path, encoding="utf-8") as f:
            manifest = json.load(f)
    except (OSError, ValueError) as e:
        print(f"{path}: {e}", file=sys.stderr)
        return 1

    failures = self_check()
    app_id = manifest.get("id", manifest.get("app-id"))
    if app_id != APP_ID:
        failures.append(f"id: expected {APP_ID}, got {app_id!r}")
    if manifest.get("command") != COMMAND:
        failures.append(f"command: expected {COMMAND}, got {manifest.get('command')!r}")
    if manifest.get("runtime") != "org.gnome.Platform":
        failures.append(f"runtime: expected org.gnome.Platform, got {manifest.get('runtime')!r}")
    if manifest.get("sdk") != "org.gnome.Sdk":
        failures.append(f"sdk: expected org.gnome.Sdk, got {manifest.get('sdk')!r}")
    version = manifest.get("runtime-version")
    today = datetime.date.today()
    notice = None
    if not isinstance(version, str) or not version.isdigit():
        failures.append(f"runtime-version: expected a GNOME release such as \"51\", got {version!r}")
    else:
        problem = runtime_end_of_life_problem(version, today)
        if problem:
            failures.append(f"runtime-version: {problem}")
        else:
            end = GNOME_RUNTIME_END_OF_LIFE[version]
            if (end - today).days <= END_OF_LIFE_NOTICE_DAYS:
                notice = f"note: GNOME {version} reaches its end of life on {end}; plan the move to the next runtime"
        check_readme(srcdir, version, failures)

    args = manifest.get("finish-args", [])
    for arg in args:
        if arg not in ALLOWED_ARGS:
            failures.append(f"finish-args: {arg} is more than the application needs")
    for arg in sorted(REQUIRED_ARGS - set(args)):
        failures.append(f"finish-args: {arg} is missing")

    cleanup = set(manifest.get("cleanup", []))
    for entry in sorted(REQUIRED_CLEANUP - cleanup):
        failures.append(f"cleanup: {entry} is missing")

    # The desktop entry and metainfo the build installs are named after the id.
    for data in (APP_ID + ".desktop.in", APP_ID + ".metainfo.xml.in"):
        if not os.path.isfile(os.path.join(srcdir, "data", data)):
            failures.append(f"data/{data} does not exist, so the Flatpak would lack it")

    modules = manifest.get("modules", [])
    if not modules:
        failures.append("modules: none")
    found_meson_dir = []
    check_modules(modules, base, "modules", failures, found_meson_dir)
    if not found_meson_dir:
        failures.append("modules: no meson module builds this repository (a dir source with meson.build)")

    for failure in failures:
        print(f"{os.path.relpath(path, srcdir)}: {failure}", file=sys.stderr)
    if failures:
        return 1
    print(f"flatpak/{APP_ID}.json: {APP_ID} on org.gnome.Platform {version} "
          f"(supported until {GNOME_RUNTIME_END_OF_LIFE[version]}"
          f"{', estimated' if version in GNOME_RUNTIME_END_OF_LIFE_ESTIMATED else ''}), "
          f"modules {', '.join(found_meson_dir)} build this repository")
    if notice:
        print(notice)
    return 0


if __name__ == "__main__":
    sys.exit(main())
