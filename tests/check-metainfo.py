#!/usr/bin/env python3
"""Checks the metainfo against the repository it describes.

  check-metainfo.py TOP_SRCDIR PROJECT_VERSION

- its newest release is the project's version (meson.build), with a date;
- each screenshot is the https address of a PNG under data/screenshots/
  in this repository, and that file exists;
- its id, launchable and icon name agree with the desktop entry and icons.
"""

import os
import re
import sys
import xml.etree.ElementTree as ET

APP_ID = "org.acr.Membership"


def main():
    srcdir, version = os.path.abspath(sys.argv[1]), sys.argv[2]
    path = os.path.join(srcdir, "data", APP_ID + ".metainfo.xml.in")
    root = ET.parse(path).getroot()
    failures = []

    if root.findtext("id") != APP_ID:
        failures.append(f"id is {root.findtext('id')!r}, not {APP_ID}")
    launchable = root.findtext("launchable")
    if launchable != APP_ID + ".desktop":
        failures.append(f"launchable is {launchable!r}")
    if not os.path.isfile(os.path.join(srcdir, "data", APP_ID + ".desktop.in")):
        failures.append(f"the launchable's desktop entry data/{APP_ID}.desktop.in is missing")
    for icon in ("icons/hicolor/scalable/apps/" + APP_ID + ".svg",
                 "icons/hicolor/symbolic/apps/" + APP_ID + "-symbolic.svg"):
        if not os.path.isfile(os.path.join(srcdir, "data", icon)):
            failures.append(f"data/{icon} is missing")

    releases = root.findall("releases/release")
    if not releases:
        failures.append("no release")
    else:
        newest = releases[0]
        if newest.get("version") != version:
            failures.append(f"the newest release is {newest.get('version')}, "
                            f"but meson.build says {version}")
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", newest.get("date") or ""):
            failures.append(f"release {newest.get('version')} has no date YYYY-MM-DD")

    screenshots = root.findall("screenshots/screenshot/image")
    if not screenshots:
        failures.append("no screenshot")
    for image in screenshots:
        url = (image.text or "").strip()
        m = re.fullmatch(r"https://\S+?/(data/screenshots/[\w.-]+\.png)", url)
        if not m:
            failures.append(f"screenshot {url!r} is not an https address of data/screenshots/*.png")
        elif not os.path.isfile(os.path.join(srcdir, m.group(1))):
            failures.append(f"screenshot {m.group(1)} is not in the repository")

    for failure in failures:
        print(f"data/{APP_ID}.metainfo.xml.in: {failure}", file=sys.stderr)
    if failures:
        return 1
    print(f"metainfo: release {version}, {len(screenshots)} screenshots present, "
          f"desktop entry and icons in place")
    return 0


if __name__ == "__main__":
    sys.exit(main())
