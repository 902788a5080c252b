#!/usr/bin/env python3
"""Writes verdicts.tsv: what a real tool says about the input of each row of mutations.jsonl.

calendar    systemd-analyze calendar VALUE          (exit status)
timespan    systemd-analyze timespan VALUE          (exit status)
ssh-keygen  ssh-keygen -l -f FILE-WITH-THE-LINE     (exit status)
verify      systemd-analyze verify --man=no UNIT    the units of the row written to a folder, with stub units for
            the stock units the examples name (docker.service, update-engine.service, ...); refused when it prints
            anything but "Command ... is not executable" (the examples' programs are not installed here)
url         Python's urllib.parse.urlsplit: an http or https URL with a host, a valid port and no spaces (what
            coreos-cloudinit fetches)
Run with systemd (systemd-analyze) and openssh-client installed; commit mutations.jsonl and verdicts.tsv together.
"""
import json, os, subprocess, sys, tempfile, urllib.parse

STUBS = {"docker.service": "[Service]\nExecStart=/bin/true\n", "update-engine.service": "[Service]\nExecStart=/bin/true\n",
         "fleet.service": "[Service]\nExecStart=/bin/true\n"}

def run(args):
    p = subprocess.run(args, capture_output=True, text=True)
    return p.returncode, (p.stderr + p.stdout).strip()

def url(value):
    if any(c.isspace() for c in value):
        return False, "contains white space"
    try:
        u = urllib.parse.urlsplit(value)
        _ = u.port
    except ValueError as e:
        return False, str(e)
    if u.scheme not in ("http", "https"):
        return False, f"scheme '{u.scheme}' is not http or https"
    if not u.hostname or any(c in u.hostname for c in "_ "):
        return False, "no valid host"
    return True, ""

def verify(units):
    with tempfile.TemporaryDirectory() as d:
        for name, text in {**STUBS, **units}.items():
            path = os.path.join(d, name)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w") as f:
                f.write(text)
        main = next(iter(units))
        _, out = run(["systemd-analyze", "verify", "--man=no", os.path.join(d, main)])
        lines = [l.replace(d + "/", "") for l in out.splitlines() if "is not executable: No such file or directory" not in l]
        return not lines, " | ".join(lines)

def judge(row):
    tool, value = row["tool"], row["input"]
    if tool == "calendar":
        rc, out = run(["systemd-analyze", "calendar", value]); return rc == 0, "" if rc == 0 else out.splitlines()[-1]
    if tool == "timespan":
        rc, out = run(["systemd-analyze", "timespan", value]); return rc == 0, "" if rc == 0 else out.splitlines()[-1]
    if tool == "ssh-keygen":
        with tempfile.NamedTemporaryFile("w", suffix=".pub") as f:
            f.write(value + "\n"); f.flush()
            rc, out = run(["ssh-keygen", "-l", "-f", f.name])
            return rc == 0, "" if rc == 0 else "not a public key file"
    if tool == "url":
        return url(value)
    if tool == "verify":
        return verify(value)
    raise SystemExit(f"unknown tool {tool}")

version = run(["systemd-analyze", "--version"])[1].splitlines()[0]
with open("mutations.jsonl") as f, open("verdicts.tsv", "w") as out:
    out.write(f"# id\tverdict\ttool output ({version}; {run(['ssh', '-V'])[1]})\n")
    for line in f:
        row = json.loads(line)
        ok, message = judge(row)
        out.write(f"{row['id']}\t{'ok' if ok else 'refused'}\t{message}\n")
        expected = row["kind"] == "valid"
        if ok != expected:
            print(f"{row['id']} {row['kind']}: the tool {'accepts' if ok else 'refuses'} it: {message} ({row['replace']})", file=sys.stderr)
