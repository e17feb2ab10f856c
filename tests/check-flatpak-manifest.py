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
"""

import json
import os
import sys

APP_ID = "org.acr.Membership"
COMMAND = "acr-membership"
REQUIRED_ARGS = {"--share=ipc", "--socket=wayland", "--socket=fallback-x11"}
ALLOWED_ARGS = REQUIRED_ARGS | {"--device=dri"}
REQUIRED_CLEANUP = {"/include", "/lib/pkgconfig", "*.a", "*.la"}
LOCAL_SOURCE_TYPES = {"dir", "file", "patch"}


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
        elif kind in ("archive", "file") or "url" in source:
            if not ("sha256" in source or "sha512" in source):
                failures.append(f"{here}: {source.get('url')} has no checksum")
        elif kind == "git":
            if "commit" not in source and "tag" not in source:
                failures.append(f"{here}: git source {source.get('url')} is not pinned to a commit or tag")


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

    failures = []
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
    if not isinstance(version, str) or not version.isdigit():
        failures.append(f"runtime-version: expected a GNOME release such as \"47\", got {version!r}")

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
    print(f"flatpak/{APP_ID}.json: {APP_ID} on org.gnome.Platform {version}, "
          f"modules {', '.join(found_meson_dir)} build this repository")
    return 0


if __name__ == "__main__":
    sys.exit(main())
