#!/usr/bin/env python3
"""Compares the verdicts of two builds of regard over the same council files.

    python3 tests/verdicts/compare_builds.py OLD_REGARD NEW_REGARD DATE DIR...

Runs `regard check DIR... --as-of DATE --format json` with each binary and prints, by
code, how many findings each build makes that the other does not, and how many councils
(files) change verdict: newly fail (an error now, none before), newly pass (no error
now, one before), or change otherwise (the same errors, different warnings or
information). A finding is its file, line, column, code and severity; the message may
change wording without changing the verdict.
"""

import collections
import json
import os
import subprocess
import sys


def findings(binary, date, dirs):
    out = subprocess.run(
        [binary, "check", *dirs, "--as-of", date, "--format", "json"],
        capture_output=True, text=True, check=False,
    ).stdout
    found = collections.Counter()
    for d in json.loads(out)["diagnostics"]:
        found[(d["file"], d["range"]["start"]["line"], d["range"]["start"]["column"],
               d["code"], d["severity"])] += 1
    return found


def main():
    old_bin, new_bin, date, *dirs = sys.argv[1:]
    old = findings(old_bin, date, dirs)
    new = findings(new_bin, date, dirs)
    gone = old - new
    added = new - old
    by_code = collections.defaultdict(lambda: [0, 0])
    for (_, _, _, code, severity), n in gone.items():
        by_code[(code, severity)][0] += n
    for (_, _, _, code, severity), n in added.items():
        by_code[(code, severity)][1] += n
    files = {os.path.join(root, name) for d in dirs for root, _, names in os.walk(d)
             for name in names if name.endswith(".regard")}
    changed = {f for (f, *_) in gone} | {f for (f, *_) in added}
    errors = lambda found, f: any(k[0] == f and k[4] == "error" for k in found)
    newly_fail = sorted(f for f in changed if errors(new, f) and not errors(old, f))
    newly_pass = sorted(f for f in changed if errors(old, f) and not errors(new, f))
    print(f"as of {date}: {len(changed)} of {len(files)} council files change verdict "
          f"({len(newly_fail)} newly fail, {len(newly_pass)} newly pass, "
          f"{len(changed) - len(newly_fail) - len(newly_pass)} otherwise)")
    for (code, severity), (minus, plus) in sorted(by_code.items()):
        print(f"  {code} {severity}: -{minus} +{plus}")


if __name__ == "__main__":
    main()
