"""Compares an unpacked dump (a rethinkdb_dump_* folder) with a reference one.

Data files must be equal byte for byte. .info files must be equal as JSON but for what a server
assigns on its own: the database's and the table's ids and the document count estimates.
Options:
  --rows-only    .info files are not compared (an import does not bring write hooks back);
  --skip-hooked  data files of tables with a write hook are not compared: the official restore
                 and import set the hook before they insert the rows, so the hook rewrites them.

Usage: compare_dumps.py [--rows-only] [--skip-hooked] REFERENCE_DIR DUMP_DIR
"""
import json
import os
import sys

SERVER_ASSIGNED = ("id", "doc_count_estimates")


def files(root):
    return sorted(os.path.relpath(os.path.join(d, f), root) for d, _, fs in os.walk(root) for f in fs)


def comparable_info(path):
    with open(path, encoding="utf-8") as f:
        info = json.load(f)
    for key in SERVER_ASSIGNED:
        info.pop(key, None)
    info.get("db", {}).pop("id", None)
    return info


def has_write_hook(reference, name):
    with open(os.path.join(reference, name[: -len(".json")] + ".info"), encoding="utf-8") as f:
        return json.load(f).get("write_hook") is not None


def main(args):
    options = {a for a in args if a.startswith("--")}
    reference, dump = [a for a in args if not a.startswith("--")]
    rows_only = "--rows-only" in options
    names = [n for n in files(reference) if not (rows_only and n.endswith(".info"))]
    found = [n for n in files(dump) if not (rows_only and n.endswith(".info"))]
    if names != found:
        sys.exit(f"{dump}: files {found}, expected {names}")
    for name in names:
        a, b = os.path.join(reference, name), os.path.join(dump, name)
        if name.endswith(".info"):
            if comparable_info(a) != comparable_info(b):
                sys.exit(f"{name}: .info differs from {a}")
        elif "--skip-hooked" in options and has_write_hook(reference, name):
            print(f"{name}: not compared (its write hook rewrote the rows the official tool inserted)")
        else:
            with open(a, "rb") as fa, open(b, "rb") as fb:
                if fa.read() != fb.read():
                    sys.exit(f"{name}: data differs from {a}")
    print(f"{dump}: matches {reference}")


if __name__ == "__main__":
    main(sys.argv[1:])
