"""Shared by the translation tests: reading po/POTFILES.in and po/LINGUAS,
and running xgettext the way meson's i18n.gettext (preset 'glib') does."""

import os
import re
import subprocess

# The arguments meson passes to xgettext for i18n.gettext(preset: 'glib').
XGETTEXT_ARGS = [
    "--from-code=UTF-8",
    "--add-comments",
    "--keyword=_",
    "--keyword=N_",
    "--keyword=C_:1c,2",
    "--keyword=NC_:1c,2",
    "--keyword=g_dcgettext:2",
    "--keyword=g_dngettext:2,3",
    "--keyword=g_dpgettext2:2c,3",
    "--flag=N_:1:pass-c-format",
    "--flag=C_:2:pass-c-format",
    "--flag=NC_:2:pass-c-format",
    "--flag=g_dngettext:2:pass-c-format",
    "--flag=g_strdup_printf:1:c-format",
    "--flag=g_string_printf:2:c-format",
    "--flag=g_string_append_printf:2:c-format",
    "--flag=g_error_new:3:c-format",
    "--flag=g_set_error:4:c-format",
    "--flag=g_markup_printf_escaped:1:c-format",
    "--flag=g_log:3:c-format",
    "--flag=g_print:1:c-format",
    "--flag=g_printerr:1:c-format",
    "--flag=g_printf:1:c-format",
    "--flag=g_fprintf:2:c-format",
    "--flag=g_sprintf:2:c-format",
    "--flag=g_snprintf:3:c-format",
]


def read_list(path):
    """Lines of a gettext list file, without comments and blank lines."""
    entries = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            # intltool's "[type: gettext/glade] file" prefix
            if line.startswith("["):
                line = line.split("]", 1)[1].strip()
            entries.append(line)
    return entries


def read_potfiles(srcdir):
    return read_list(os.path.join(srcdir, "po", "POTFILES.in"))


def read_linguas(srcdir):
    langs = []
    for entry in read_list(os.path.join(srcdir, "po", "LINGUAS")):
        langs.extend(entry.split())
    return langs


def make_pot(srcdir, files, output, package="acr-membership"):
    """Runs xgettext on FILES (relative to SRCDIR) into OUTPUT and returns
    its warnings, one per line."""
    listfile = output + ".files"
    with open(listfile, "w", encoding="utf-8") as f:
        f.write("\n".join(files) + "\n")
    r = subprocess.run(
        ["xgettext", "--package-name=" + package, "-D", srcdir,
         "-f", listfile, "-k_", "--force-po", "-o", output] + XGETTEXT_ARGS,
        capture_output=True, text=True, env=dict(os.environ, LC_ALL="C"))
    os.unlink(listfile)
    if r.returncode != 0:
        raise RuntimeError("xgettext failed:\n" + r.stderr)
    return [line for line in r.stderr.splitlines() if "warning:" in line]


# A msgid that ends inside a printf directive ("got %", "%0"): xgettext cut
# it at a format macro such as G_GINT64_FORMAT, so the program asks for a
# longer string than the catalogue can hold. check-extractable.py reports
# these; the translation tests leave them out.
CUT_DIRECTIVE = re.compile(r"%[-+ #0']*[0-9]*(\.[0-9]*)?$")


def is_cut(msgid):
    text = msgid.replace("%%", "")
    return bool(text) and CUT_DIRECTIVE.search(text) is not None


def messages(po, *options):
    """[(msgid, references)] of PO after msgattrib OPTIONS."""
    out = subprocess.run(["msgattrib", "--no-wrap", "--no-obsolete"] + list(options) + [po],
                         check=True, capture_output=True, text=True).stdout
    found = []
    for block in out.split("\n\n"):
        where = " ".join(re.findall(r"^#: (.*)$", block, re.M))
        m = re.search(r'^msgid ((?:".*"\n?)+)', block, re.M)
        if m:
            msgid = "".join(re.findall(r'"(.*)"', m.group(1)))
            if msgid:
                found.append((msgid, where))
    return found
