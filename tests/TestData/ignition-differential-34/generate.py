#!/usr/bin/env python3
"""Writes the spec 3.4.0 Ignition differential corpus and records an ignition-validate that reads 3.4.0 on each file.

cases/ holds the base configs of ../ignition-differential (written for this project), moved to spec 3.4.0, with
the mutations of ../ignition-differential/generate.py that do not change the version, plus mutations of what 3.4.0
adds (LUKS discard and openOptions, tang advertisement, arn: S3 URLs, setuid/setgid/sticky modes) and the same
additions under 3.3.0 (unused keys, an arn: URL refused).

Debian's ignition-validate (2.14) refuses "3.4.0", so the verdicts come from ignition-validate 2.17.0 built from
the public coreos/ignition repository (tag v2.17.0, plus its commit 2203687e, which makes 3.4.0 warn about special
mode bits as every Ignition since 2.22 does); only its verdicts are committed. Run:
    python3 generate.py PATH/TO/ignition-validate [--check]
verdicts.tsv: file, verdict (ok | warning | error), and the validator's lines joined by " | ".
"""
import copy
import importlib.util
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
CASES = os.path.join(HERE, "cases")
_spec = importlib.util.spec_from_file_location("corpus33", os.path.join(HERE, "..", "ignition-differential", "generate.py"))
corpus33 = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(corpus33)

ADVERTISEMENT = '{"payload":"eyJrZXlzIjpbXX0","protected":"eyJhbGciOiJFUzUxMiJ9","signature":"AAAA"}'


def base_configs():
    bases = {}
    for name, cfg in corpus33.base_configs().items():
        if cfg["ignition"].get("version") != "3.3.0":
            continue  # old-spec stays a 3.2.0 config: nothing of 3.4.0 to learn from it
        cfg = copy.deepcopy(cfg)
        cfg["ignition"]["version"] = "3.4.0"
        bases[name] = cfg
    # Two shapes of what 3.4.0 adds, written for this corpus.
    bases["luks-34"] = {
        "ignition": {"version": "3.4.0"},
        "storage": {
            "luks": [
                {"name": "data", "device": "/dev/disk/by-partlabel/data", "discard": True,
                 "openOptions": ["--perf-no_read_workqueue", "--perf-no_write_workqueue"], "clevis": {"tpm2": True}, "wipeVolume": True},
                {"name": "tanged", "device": "/dev/disk/by-partlabel/tanged", "discard": False,
                 "clevis": {"tang": [{"url": "https://tang.example.com", "thumbprint": "r4bc2Ge6rdF6dCizOv1-ua5Fz3E", "advertisement": ADVERTISEMENT}]}},
            ],
            "filesystems": [{"device": "/dev/mapper/data", "format": "xfs", "label": "DATA", "wipeFilesystem": True}],
        },
        "systemd": {"units": [{"name": "var-lib-data.mount", "enabled": True,
                               "contents": "[Mount]\nWhat=/dev/mapper/data\nWhere=/var/lib/data\nType=xfs\n\n" + corpus33.INSTALL}]},
    }
    bases["arn-sources"] = {
        "ignition": {"version": "3.4.0", "config": {"merge": [{"source": "arn:aws:s3:::configs-bucket/base.ign"}]}},
        "storage": {"files": [
            {"path": "/opt/bin/agent", "mode": 493, "contents": {"source": "arn:aws:s3:us-west-2:123456789012:accesspoint/tools/bin/agent",
                                                                   "verification": {"hash": corpus33.SHA512}}},
            {"path": "/etc/agent.conf", "contents": {"source": "arn:aws:s3:::configs-bucket/agent.conf?versionId=3HL4kqtJlcpXroDTDmJ"}},
        ]},
    }
    return bases


def mutations():
    olds = set(corpus33.base_configs())  # the older corpus's mutations know only its own bases
    m = [(name, olds if only is None else only, fn) for name, only, fn in corpus33.mutations()
         if not name.startswith("v-") and name not in ("luks-old-version", "mode-special-exp")]

    def add(name, fn, only=None):
        m.append((name, only, fn))

    def luks(i, fn):
        def f(c):
            d = copy.deepcopy(c)
            l = d.get("storage", {}).get("luks", [])
            if len(l) <= i:
                return None
            fn(l[i])
            return d
        return f

    def first_file(fn):
        def f(c):
            d = copy.deepcopy(c)
            files = d.get("storage", {}).get("files", [])
            if not files:
                return None
            fn(files[0])
            return d
        return f

    def version(val):
        def f(c):
            d = copy.deepcopy(c)
            d["ignition"]["version"] = val
            return d
        return f

    # versions around 3.4.0
    # (3.4.0-experimental is left to ../ignition-differential: validate reads it as Ignition 2.14 does, which 2.17 refuses.)
    for name, val in [("v-330", "3.3.0"), ("v-350", "3.5.0"), ("v-341", "3.4.1")]:
        add(name, version(val))

    # LUKS discard and openOptions, tang advertisement
    add("discard-true", luks(0, lambda l: l.__setitem__("discard", True)))
    add("discard-string", luks(0, lambda l: l.__setitem__("discard", "yes")))
    add("discard-null", luks(0, lambda l: l.__setitem__("discard", None)))
    add("open-options", luks(0, lambda l: l.__setitem__("openOptions", ["--allow-discards"])))
    add("open-options-dup", luks(0, lambda l: l.__setitem__("openOptions", ["--perf-same_cpu_crypt", "--perf-same_cpu_crypt"])))
    add("open-options-number", luks(0, lambda l: l.__setitem__("openOptions", [1])))
    add("open-options-string", luks(0, lambda l: l.__setitem__("openOptions", "--allow-discards")))
    add("open-options-empty", luks(0, lambda l: l.__setitem__("openOptions", [])))
    add("open-options-empty-item", luks(0, lambda l: l.__setitem__("openOptions", [""])))
    for name, adv in [("adv-valid", ADVERTISEMENT), ("adv-bad", '{"payload": '), ("adv-number", "42"), ("adv-empty", ""),
                      ("adv-text", "not json"), ("adv-trailing", "{} {}"), ("adv-null-text", "null")]:
        add(name, luks(0, lambda l, adv=adv: l.__setitem__("clevis", {"tang": [{"url": "http://tang.example.com", "thumbprint": "abc", "advertisement": adv}]})))
    add("adv-no-thumbprint", luks(0, lambda l: l.__setitem__("clevis", {"tang": [{"url": "http://tang.example.com", "advertisement": ADVERTISEMENT}]})))
    add("adv-object", luks(0, lambda l: l.__setitem__("clevis", {"tang": [{"url": "http://tang.example.com", "thumbprint": "abc", "advertisement": {"a": 1}}]})))

    # arn: S3 URLs (the shapes of Ignition's own URL rule)
    arns = [
        ("arn-bucket-key", "arn:aws:s3:::bucket-name/object-key"),
        ("arn-nested", "arn:aws:s3:::bucket-name/some/nested/object"),
        ("arn-version", "arn:aws:s3:::bucket-name/object-key?versionId=aVersionHash"),
        ("arn-version-empty", "arn:aws:s3:::bucket-name/object-key?versionId="),
        ("arn-region", "arn:aws:s3:us-west-2:123456789012:bucket-name/object-key"),
        ("arn-ap", "arn:aws:s3:us-west-2:123456789012:accesspoint/ap-name/object"),
        ("arn-ap-nested", "arn:aws:s3:us-west-2:123456789012:accesspoint/ap-name/some/nested/object"),
        ("arn-ap-no-key", "arn:aws:s3:us-west-2:123456789012:accesspoint/ap-name-but-no-key"),
        ("arn-ap-slash", "arn:aws:s3:us-west-2:123456789012:accesspoint/"),
        ("arn-ap-bare", "arn:aws:s3:us-west-2:123456789012:accesspoint"),
        ("arn-no-key", "arn:aws:s3:::bucket-name-but-no-key"),
        ("arn-iam", "arn:aws:iam:us-west-2:123456789012:resource/x"),
        ("arn-short", "arn:aws:s3:bucket/key"),
        ("arn-upper", "ARN:aws:s3:::bucket-name/object-key"),
        ("arn-empty", "arn:"),
        ("arn-slash", "arn:/aws:s3:::bucket/key"),
        ("arn-govcloud", "arn:aws-us-gov:s3:::bucket-name/key"),
        ("s3-version-empty", "s3://bucket/key?versionId="),
    ]
    for name, url in arns:
        add(name, first_file(lambda f, url=url: f.setdefault("contents", {}).__setitem__("source", url)), only={"ssh-hostname", "remote-files", "arn-sources"})
    add("arn-merge-bad", lambda c: (lambda d: (d["ignition"]["config"]["merge"][0].__setitem__("source", "arn:aws:s3:::bucket-only"), d)[1])(copy.deepcopy(c)), only={"arn-sources"})
    add("arn-keyfile", luks(0, lambda l: l.__setitem__("keyFile", {"source": "arn:aws:s3:::keys/data.key"})))
    add("arn-keyfile-bad", luks(0, lambda l: l.__setitem__("keyFile", {"source": "arn:aws:s3:::keys"})))
    add("arn-tang", luks(0, lambda l: l.__setitem__("clevis", {"tang": [{"url": "arn:aws:s3:::tang/x", "thumbprint": "abc"}]})))
    add("arn-proxy", lambda c: (lambda d: (d["ignition"].setdefault("proxy", {}).__setitem__("httpProxy", "arn:aws:s3:::p/x"), d)[1])(copy.deepcopy(c)), only={"ssh-hostname"})

    # special mode bits: still not applied in 3.4.0 (Ignition warns)
    for name, mode in [("mode-setuid", 0o4755), ("mode-setgid", 0o2755), ("mode-sticky", 0o1777), ("mode-all-special", 0o7777)]:
        add(name, first_file(lambda f, mode=mode: f.__setitem__("mode", mode)), only={"ssh-hostname", "remote-files"})
    add("dir-sticky", lambda c: (lambda d: (d["storage"]["directories"][0].__setitem__("mode", 0o1777), d)[1])(copy.deepcopy(c)) if c.get("storage", {}).get("directories") else None)

    # what 3.4.0 adds, written under 3.3.0
    def under33(fn):
        def f(c):
            d = fn(c)
            if d is None:
                return None
            d["ignition"]["version"] = "3.3.0"
            return d
        return f
    add("v33-discard", under33(luks(0, lambda l: l.__setitem__("discard", True))))
    add("v33-open-options", under33(luks(0, lambda l: l.__setitem__("openOptions", ["--allow-discards"]))))
    add("v33-adv", under33(luks(0, lambda l: l.__setitem__("clevis", {"tang": [{"url": "http://tang.example.com", "thumbprint": "abc", "advertisement": ADVERTISEMENT}]}))))
    add("v33-arn", under33(first_file(lambda f: f.setdefault("contents", {}).__setitem__("source", "arn:aws:s3:::bucket-name/object-key"))),
        only={"ssh-hostname", "remote-files", "arn-sources"})
    add("v33-setuid", under33(first_file(lambda f: f.__setitem__("mode", 0o4755))), only={"ssh-hostname"})
    return m


def write_cases():
    os.makedirs(CASES, exist_ok=True)
    for f in os.listdir(CASES):
        os.remove(os.path.join(CASES, f))
    bases = base_configs()
    names = []
    for name, cfg in bases.items():
        with open(os.path.join(CASES, name + ".ign"), "w") as f:
            json.dump(cfg, f, indent=2)
            f.write("\n")
        names.append(name + ".ign")
    for mname, only, fn in mutations():
        for bname, cfg in bases.items():
            if only is not None and bname not in only:
                continue
            out = fn(copy.deepcopy(cfg))
            if out is None or out is False:
                continue
            if isinstance(out, (dict, list)):
                out = json.dumps(out, indent=2) + "\n"
            if isinstance(out, str):
                out = out.encode()
            if out == (json.dumps(cfg, indent=2) + "\n").encode():
                continue  # a text mutation that found nothing to change (it looks for "3.3.0")
            fname = "%s--%s.ign" % (bname, mname)
            with open(os.path.join(CASES, fname), "wb") as f:
                f.write(out)
            names.append(fname)
    return sorted(names)


def run_validate(validator, path):
    p = subprocess.run([validator, path], capture_output=True, text=True)
    lines = [l.strip() for l in (p.stdout + p.stderr).splitlines() if l.strip()]
    verdict = "error" if p.returncode != 0 else ("warning" if lines else "ok")
    return verdict, " | ".join(lines)


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    if len(args) != 1:
        sys.exit(__doc__)
    check = "--check" in sys.argv
    names = sorted(os.listdir(CASES)) if check else write_cases()
    rows = []
    for n in names:
        verdict, lines = run_validate(args[0], os.path.join(CASES, n))
        rows.append("%s\t%s\t%s" % (n, verdict, lines.replace("\t", " ")))
    tsv = os.path.join(HERE, "verdicts.tsv")
    text = "# file\tverdict\tignition-validate 2.17.0 (+2203687e) output (lines joined by \" | \")\n" + "\n".join(rows) + "\n"
    if check:
        def norm(t):
            return sorted(tuple(l.split("\t")[:2]) + tuple(sorted(l.split("\t")[2].split(" | "))) for l in t.splitlines() if not l.startswith("#"))
        with open(tsv) as f:
            if norm(f.read()) != norm(text):
                sys.exit("verdicts.tsv differs from this ignition-validate")
        print("verdicts.tsv agrees (%d files)" % len(rows))
        return
    with open(tsv, "w") as f:
        f.write(text)
    print("%d files" % len(rows))


if __name__ == "__main__":
    main()
