#!/usr/bin/env python3
"""Writes the Ignition differential corpus and records ignition-validate's verdict on each file.

cases/BASE.ign are base configs written for this project in the shapes Flatcar's documentation and Butane's
flatcar variant produce (users and SSH keys, hostname and update.conf files, docker and etcd-member drop-ins,
remote files with verification, disks, partitions, filesystems and mount units, RAID and LUKS, links and
directories, kernel arguments, merged configs, networkd files, older spec versions); cases/BASE--MUTATION.ign are
systematic mutations of them (JSON syntax, versions, types, unknown keys, paths, duplicates, links, units and
drop-ins, data URLs, URL schemes, hashes, compression, filesystems, partitions, modes, owners, proxies, headers,
RAID, LUKS, nulls).

verdicts.tsv: file, verdict (ok | warning | error), and ignition-validate's lines joined by " | ", as printed by
ignition-validate 2.14 (Debian package ignition 2.14.0+ds1). Run: python3 generate.py [--check]
(--check compares the installed ignition-validate with verdicts.tsv instead of writing).
"""
import copy
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
CASES = os.path.join(HERE, "cases")

KEY1 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGXlT0c6mJ3q9Zl2bNQm4uGx0nqTQe6tXkXz5cY8Vq1D ops@example"
KEY2 = "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7v2examplekeyonlyforthecorpusxQ== admin@example"
SHA512 = "sha512-" + "3f" * 64
SHA256 = "sha256-" + "a1" * 32
INSTALL = "[Install]\nWantedBy=multi-user.target\n"


def data(text):
    out = []
    for b in text.encode():
        c = chr(b)
        if c.isalnum() or c in "-._~/":
            out.append(c)
        else:
            out.append("%%%02X" % b)
    return "data:," + "".join(out)


def base_configs():
    v = {"version": "3.3.0"}
    return {
        "ssh-hostname": {
            "ignition": dict(v),
            "passwd": {"users": [{"name": "core", "sshAuthorizedKeys": [KEY1, KEY2]}]},
            "storage": {"files": [{"path": "/etc/hostname", "mode": 420, "overwrite": True,
                                   "contents": {"source": data("worker-01\n")}}]},
        },
        "docker-dropin": {
            "ignition": dict(v),
            "systemd": {"units": [
                {"name": "docker.service", "enabled": True, "dropins": [
                    {"name": "10-opts.conf", "contents": "[Service]\nEnvironment=DOCKER_OPTS=--log-level=warn\n"}]},
                {"name": "locksmithd.service", "mask": True},
                {"name": "hello.service", "enabled": True,
                 "contents": "[Unit]\nDescription=Hello\nAfter=docker.service\nRequires=docker.service\n\n[Service]\nTimeoutStartSec=0\nExecStart=/usr/bin/docker run --rm busybox echo hello\n\n" + INSTALL},
            ]},
        },
        "etcd-update": {
            "ignition": dict(v),
            "storage": {"files": [
                {"path": "/etc/flatcar/update.conf", "mode": 420, "overwrite": True,
                 "contents": {"source": data("GROUP=stable\nREBOOT_STRATEGY=etcd-lock\nLOCKSMITHD_REBOOT_WINDOW_START=Thu 04:00\nLOCKSMITHD_REBOOT_WINDOW_LENGTH=1h\n")}}]},
            "systemd": {"units": [
                {"name": "etcd-member.service", "enabled": True, "dropins": [
                    {"name": "20-clct-etcd-member.conf",
                     "contents": "[Service]\nEnvironment=\"ETCD_NAME=node1\"\nEnvironment=\"ETCD_ADVERTISE_CLIENT_URLS=http://10.0.0.11:2379\"\nEnvironment=\"ETCD_LISTEN_CLIENT_URLS=http://0.0.0.0:2379\"\n"}]}]},
        },
        "remote-files": {
            "ignition": dict(v),
            "storage": {
                "files": [
                    {"path": "/opt/bin/kubectl", "mode": 493,
                     "contents": {"source": "https://dl.example.com/kubectl/v1.29.0/linux/amd64/kubectl",
                                  "verification": {"hash": SHA512}}},
                    {"path": "/opt/bin/helper.sh", "mode": 493,
                     "contents": {"source": "https://files.example.com/helper.sh.gz", "compression": "gzip",
                                  "verification": {"hash": SHA256},
                                  "httpHeaders": [{"name": "Authorization", "value": "Bearer abc"}]}},
                    {"path": "/etc/motd", "append": [{"source": data("Managed by Ignition\n")}]},
                    {"path": "/etc/ssl/certs/internal.pem", "contents": {"source": "s3://certs-bucket/internal.pem"}},
                ],
                "directories": [{"path": "/opt/bin", "mode": 493}],
            },
        },
        "data-disk": {
            "ignition": dict(v),
            "storage": {
                "disks": [{"device": "/dev/sdb", "wipeTable": True, "partitions": [
                    {"number": 1, "label": "data", "sizeMiB": 0, "startMiB": 0,
                     "typeGuid": "0FC63DAF-8483-4772-8E79-3D69D8477DE4"}]}],
                "filesystems": [{"device": "/dev/disk/by-partlabel/data", "format": "ext4", "label": "DATA",
                                 "wipeFilesystem": True, "path": "/var/lib/data", "mountOptions": ["noatime"]}],
            },
            "systemd": {"units": [{"name": "var-lib-data.mount", "enabled": True,
                                   "contents": "[Unit]\nDescription=Data disk\nBefore=local-fs.target\n\n[Mount]\nWhat=/dev/disk/by-label/DATA\nWhere=/var/lib/data\nType=ext4\n\n[Install]\nWantedBy=local-fs.target\n"}]},
        },
        "raid-luks": {
            "ignition": dict(v),
            "storage": {
                "disks": [
                    {"device": "/dev/vdb", "wipeTable": True, "partitions": [{"label": "raid.1.1", "number": 1, "sizeMiB": 1024, "startMiB": 2048}]},
                    {"device": "/dev/vdc", "wipeTable": True, "partitions": [{"label": "raid.1.2", "number": 1, "sizeMiB": 1024, "startMiB": 2048}]},
                ],
                "raid": [{"name": "data", "level": "raid1", "devices": ["/dev/disk/by-partlabel/raid.1.1", "/dev/disk/by-partlabel/raid.1.2"]}],
                "luks": [{"name": "secret", "device": "/dev/md/data", "wipeVolume": True, "clevis": {"tpm2": True}}],
                "filesystems": [{"device": "/dev/mapper/secret", "format": "xfs", "label": "SECRET", "wipeFilesystem": True}],
            },
        },
        "links-dirs": {
            "ignition": dict(v),
            "storage": {
                "directories": [{"path": "/var/lib/app", "mode": 488, "user": {"name": "core"}, "group": {"name": "core"}},
                                {"path": "/opt/app"}],
                "links": [{"path": "/etc/localtime", "target": "/usr/share/zoneinfo/Europe/Berlin", "overwrite": True},
                          {"path": "/opt/bin/app", "target": "/opt/app/bin/app"},
                          {"path": "/etc/app.conf", "target": "/var/lib/app/app.conf", "hard": True}],
                "files": [{"path": "/var/lib/app/app.conf", "mode": 384, "user": {"id": 500}, "group": {"id": 500},
                           "contents": {"source": data("listen=0.0.0.0:8080\n")}}],
            },
        },
        "kargs-merge": {
            "ignition": {"version": "3.3.0",
                         "config": {"merge": [{"source": "https://config.example.com/base.ign", "verification": {"hash": SHA512}}]},
                         "timeouts": {"httpResponseHeaders": 20, "httpTotal": 600},
                         "proxy": {"httpProxy": "http://proxy.example.com:3128", "httpsProxy": "https://proxy.example.com:3129", "noProxy": ["localhost", "10.0.0.0/8"]},
                         "security": {"tls": {"certificateAuthorities": [{"source": "https://config.example.com/ca.pem"}]}}},
            "kernelArguments": {"shouldExist": ["console=ttyS0,115200n8", "flatcar.autologin"], "shouldNotExist": ["quiet"]},
        },
        "networkd-users": {
            "ignition": dict(v),
            "passwd": {
                "users": [{"name": "core", "sshAuthorizedKeys": [KEY1]},
                          {"name": "deploy", "uid": 1500, "groups": ["docker", "sudo"], "homeDir": "/home/deploy", "shell": "/bin/bash",
                           "passwordHash": "$6$rounds=4096$saltsalt$abcdefghijklmnopqrstuv", "gecos": "Deploy user"}],
                "groups": [{"name": "ops", "gid": 1600}],
            },
            "storage": {"files": [
                {"path": "/etc/systemd/network/10-static.network", "mode": 420,
                 "contents": {"source": data("[Match]\nName=eth0\n\n[Network]\nAddress=10.0.0.11/24\nGateway=10.0.0.1\nDNS=10.0.0.1\n")}}]},
        },
        "old-spec": {
            "ignition": {"version": "3.2.0"},
            "passwd": {"users": [{"name": "core", "sshAuthorizedKeys": [KEY1]}]},
            "storage": {
                "luks": [{"name": "crypt", "device": "/dev/disk/by-partlabel/crypt", "keyFile": {"source": data("passphrase")}}],
                "files": [{"path": "/etc/hostname", "mode": 420, "contents": {"source": data("old-node")}}],
            },
            "systemd": {"units": [{"name": "update-engine.service", "mask": True}]},
        },
    }


def set_in(cfg, path, value):
    node = cfg
    for p in path[:-1]:
        if isinstance(p, int):
            node = node[p]
        else:
            node = node.setdefault(p, {} if not isinstance(path[path.index(p) + 1], int) else [])
    node[path[-1]] = value


def mutations():
    """(name, applies(base_name, cfg) -> bool, mutate(cfg) -> cfg or bytes)"""
    m = []

    def add(name, fn, only=None):
        m.append((name, only, fn))

    def files(cfg):
        return cfg.setdefault("storage", {}).setdefault("files", [])

    def units(cfg):
        return cfg.setdefault("systemd", {}).setdefault("units", [])

    # JSON and bytes
    add("trailing-comma", lambda c: json.dumps(c, indent=2)[:-2] + ",\n}")
    add("comment", lambda c: "// provisioning\n" + json.dumps(c, indent=2))
    add("bom", lambda c: b"\xef\xbb\xbf" + json.dumps(c).encode())
    add("truncated", lambda c: json.dumps(c)[:-3])
    add("single-quotes", lambda c: json.dumps(c).replace('"version"', "'version'"))
    add("top-array", lambda c: json.dumps([c]), only={"ssh-hostname"})
    add("empty-file", lambda c: b"", only={"ssh-hostname"})
    add("whitespace-only", lambda c: b" \n\t\n", only={"ssh-hostname"})
    add("compact", lambda c: json.dumps(c, separators=(",", ":")))
    add("crlf", lambda c: json.dumps(c, indent=2).replace("\n", "\r\n"), only={"docker-dropin", "links-dirs"})
    add("nested-deep", lambda c: json.dumps(dict(c, extra=json.loads("[" * 200 + "]" * 200))), only={"ssh-hostname"})
    add("invalid-utf8-string", lambda c: json.dumps(c).replace("worker-01", "worker\\u00e9").encode().replace(b"\\u00e9", b"\xff"), only={"ssh-hostname"})
    add("lone-surrogate", lambda c: json.dumps(c).replace("core", "co\\ud800re", 1), only={"ssh-hostname", "networkd-users"})

    # versions
    def version(val):
        def f(c):
            c = copy.deepcopy(c)
            c["ignition"]["version"] = val
            return c
        return f
    for name, val in [("v-missing", None), ("v-short", "3.3"), ("v-340", "3.4.0"), ("v-340-exp", "3.4.0-experimental"),
                      ("v-300", "3.0.0"), ("v-310", "3.1.0"), ("v-230", "2.3.0"), ("v-leading-zero", "03.3.0"),
                      ("v-metadata", "3.3.0+build1"), ("v-empty-pre", "3.3.0-"), ("v-350", "3.5.0"), ("v-v-prefix", "v3.3.0")]:
        if val is None:
            add(name, lambda c: {k: ({kk: vv for kk, vv in c[k].items() if kk != "version"} if k == "ignition" else vv) for k, vv in c.items()},
                only={"ssh-hostname", "docker-dropin", "kargs-merge"})
        else:
            add(name, version(val))
    add("v-number", lambda c: json.dumps(c).replace('"version": "3.3.0"', '"version": 3.3'), only={"ssh-hostname", "remote-files"})
    add("v-case", lambda c: json.dumps(c).replace('"ignition": {"version"', '"Ignition": {"Version"'), only={"ssh-hostname", "data-disk"})

    # types
    def first_file(fn):
        def f(c):
            c = copy.deepcopy(c)
            fs = c.get("storage", {}).get("files", [])
            if not fs:
                return None
            fn(fs[0])
            return c
        return f
    add("mode-string", first_file(lambda f: f.__setitem__("mode", "0644")))
    add("mode-float", lambda c: json.dumps(c).replace('"mode": 420', '"mode": 420.0') if '"mode": 420' in json.dumps(c) else None)
    add("mode-exponent", lambda c: json.dumps(c).replace('"mode": 493', '"mode": 4.93e2') if '"mode": 493' in json.dumps(c) else None)
    add("path-number", first_file(lambda f: f.__setitem__("path", 17)))
    add("files-object", lambda c: dict(copy.deepcopy(c), storage=dict(c.get("storage", {}), files={"path": "/etc/x"})), only={"ssh-hostname", "remote-files"})
    add("enabled-string", lambda c: json.dumps(c).replace('"enabled": true', '"enabled": "true"') if '"enabled": true' in json.dumps(c) else None)
    add("ssh-keys-string", lambda c: (lambda d: (d["passwd"]["users"][0].__setitem__("sshAuthorizedKeys", KEY1), d)[1])(copy.deepcopy(c)) if "passwd" in c else None)
    add("uid-string", lambda c: json.dumps(c).replace('"uid": 1500', '"uid": "1500"') if '"uid": 1500' in json.dumps(c) else None)
    add("storage-null", lambda c: dict(copy.deepcopy(c), storage=None) if "storage" in c else None)
    add("file-null-item", lambda c: (lambda d: (d["storage"]["files"].append(None), d)[1])(copy.deepcopy(c)) if c.get("storage", {}).get("files") else None)
    add("contents-null", first_file(lambda f: f.__setitem__("contents", None)))
    add("version-null", lambda c: json.dumps(c).replace('"version": "3.3.0"', '"version": null'), only={"ssh-hostname"})
    add("big-int", first_file(lambda f: f.__setitem__("mode", 99999999999999999999)))
    add("negative-mode", first_file(lambda f: f.__setitem__("mode", -1)))

    # unknown keys
    add("typo-top", lambda c: dict(copy.deepcopy(c), sytemd={"units": []}), only={"ssh-hostname", "etcd-update"})
    add("typo-units", lambda c: (lambda d: (d["systemd"].__setitem__("untis", d["systemd"].pop("units")), d)[1])(copy.deepcopy(c)) if "systemd" in c else None)
    add("typo-ssh", lambda c: json.loads(json.dumps(c).replace("sshAuthorizedKeys", "sshAuthorisedKeys")) if "sshAuthorizedKeys" in json.dumps(c) else None)
    add("case-path", first_file(lambda f: f.__setitem__("Path", f.pop("path"))))
    add("unknown-owner", first_file(lambda f: f.__setitem__("owner", "core")))
    add("butane-inline", first_file(lambda f: f.__setitem__("contents", {"inline": "hello"})))
    add("kargs-old-version", lambda c: dict(version("3.2.0")(c)), only={"kargs-merge"})
    add("luks-old-version", version("3.1.0"), only={"raid-luks", "old-spec"})

    # paths
    add("path-relative", first_file(lambda f: f.__setitem__("path", f["path"].lstrip("/"))))
    add("path-trailing-slash", first_file(lambda f: f.__setitem__("path", f["path"] + "/")))
    add("path-double-slash", first_file(lambda f: f.__setitem__("path", f["path"].replace("/", "//", 1))))
    add("path-dotdot", first_file(lambda f: f.__setitem__("path", "/etc/../" + f["path"].lstrip("/"))))
    add("path-empty", first_file(lambda f: f.__setitem__("path", "")))
    add("path-missing", first_file(lambda f: f.pop("path")))
    add("dir-relative", lambda c: (lambda d: (d["storage"]["directories"][0].__setitem__("path", "opt/bin"), d)[1])(copy.deepcopy(c)) if c.get("storage", {}).get("directories") else None)
    add("fs-path-relative", lambda c: (lambda d: (d["storage"]["filesystems"][0].__setitem__("path", "var/lib/data"), d)[1])(copy.deepcopy(c)) if c.get("storage", {}).get("filesystems") else None)
    add("disk-device-relative", lambda c: (lambda d: (d["storage"]["disks"][0].__setitem__("device", "sdb"), d)[1])(copy.deepcopy(c)) if c.get("storage", {}).get("disks") else None)

    # duplicates
    add("dup-file-twice", lambda c: (lambda d: (d["storage"]["files"].append(copy.deepcopy(d["storage"]["files"][0])), d)[1])(copy.deepcopy(c)) if c.get("storage", {}).get("files") else None)
    add("dup-file-dir", lambda c: (lambda d: (d["storage"].setdefault("directories", []).append({"path": d["storage"]["files"][0]["path"]}), d)[1])(copy.deepcopy(c)) if c.get("storage", {}).get("files") else None)
    add("dup-user", lambda c: (lambda d: (d["passwd"]["users"].append({"name": d["passwd"]["users"][0]["name"]}), d)[1])(copy.deepcopy(c)) if "passwd" in c else None)
    add("dup-unit", lambda c: (lambda d: (d["systemd"]["units"].append({"name": d["systemd"]["units"][0]["name"], "mask": True}), d)[1])(copy.deepcopy(c)) if "systemd" in c else None)
    add("dup-dropin", lambda c: (lambda d: (d["systemd"]["units"][0]["dropins"].append(copy.deepcopy(d["systemd"]["units"][0]["dropins"][0])), d)[1])(copy.deepcopy(c)) if "systemd" in c and c["systemd"]["units"][0].get("dropins") else None)
    add("dup-ssh-key", lambda c: (lambda d: (d["passwd"]["users"][0]["sshAuthorizedKeys"].append(KEY1), d)[1])(copy.deepcopy(c)) if "passwd" in c else None)
    add("dup-karg", lambda c: (lambda d: (d["kernelArguments"]["shouldNotExist"].append("flatcar.autologin"), d)[1])(copy.deepcopy(c)) if "kernelArguments" in c else None)
    add("dup-filesystem", lambda c: (lambda d: (d["storage"]["filesystems"].append(copy.deepcopy(d["storage"]["filesystems"][0])), d)[1])(copy.deepcopy(c)) if c.get("storage", {}).get("filesystems") else None)
    add("dup-raid-device", lambda c: (lambda d: (d["storage"]["raid"][0]["devices"].append(d["storage"]["raid"][0]["devices"][0]), d)[1])(copy.deepcopy(c)) if c.get("storage", {}).get("raid") else None)
    add("dup-merge", lambda c: (lambda d: (d["ignition"]["config"]["merge"].append(copy.deepcopy(d["ignition"]["config"]["merge"][0])), d)[1])(copy.deepcopy(c)) if "config" in c["ignition"] else None)
    add("dup-group", lambda c: (lambda d: (d["passwd"]["groups"].append({"name": "ops"}), d)[1])(copy.deepcopy(c)) if c.get("passwd", {}).get("groups") else None)
    add("dup-json-key", lambda c: json.dumps(c)[:-1] + ', "passwd": {"users": [{"name": "core"}]}}', only={"ssh-hostname", "docker-dropin"})

    # links
    add("file-under-link", lambda c: (lambda d: (d["storage"]["files"].append({"path": "/opt/bin/app/config"}), d)[1])(copy.deepcopy(c)) if c.get("storage", {}).get("links") else None)
    add("link-under-link", lambda c: (lambda d: (d["storage"]["links"].append({"path": "/etc/localtime/x", "target": "/tmp"}), d)[1])(copy.deepcopy(c)) if c.get("storage", {}).get("links") else None)
    add("dir-under-link", lambda c: (lambda d: (d["storage"]["directories"].append({"path": "/opt/bin/app/sub"}), d)[1])(copy.deepcopy(c)) if c.get("storage", {}).get("links") else None)
    add("hard-link-dir", lambda c: (lambda d: (d["storage"]["links"].append({"path": "/srv/app", "target": "/opt/app", "hard": True}), d)[1])(copy.deepcopy(c)) if c.get("storage", {}).get("links") else None)
    add("hard-link-relative-dir", lambda c: (lambda d: (d["storage"]["links"].append({"path": "/opt/current", "target": "app", "hard": True}), d)[1])(copy.deepcopy(c)) if c.get("storage", {}).get("links") else None)
    add("link-no-target", lambda c: (lambda d: (d["storage"]["links"][0].pop("target"), d)[1])(copy.deepcopy(c)) if c.get("storage", {}).get("links") else None)
    add("link-empty-target-old", lambda c: (lambda d: (d["storage"]["links"][0].__setitem__("target", ""), d["ignition"].__setitem__("version", "3.2.0"), d)[2])(copy.deepcopy(c)) if c.get("storage", {}).get("links") else None)

    # units and drop-ins
    def unit0(fn):
        def f(c):
            if "systemd" not in c:
                return None
            d = copy.deepcopy(c)
            r = fn(d["systemd"]["units"])
            return d if r is not False else None
        return f
    add("unit-no-suffix", unit0(lambda u: u[-1].__setitem__("name", u[-1]["name"].rsplit(".", 1)[0])))
    add("unit-bad-suffix", unit0(lambda u: u[-1].__setitem__("name", u[-1]["name"].rsplit(".", 1)[0] + ".conf")))
    add("unit-snapshot", unit0(lambda u: u.append({"name": "before.snapshot", "mask": True})))
    add("dropin-bad-suffix", unit0(lambda u: u[0]["dropins"][0].__setitem__("name", "10-opts.txt") if u[0].get("dropins") else False))
    add("dropin-no-name", unit0(lambda u: u[0]["dropins"][0].pop("name") if u[0].get("dropins") else False))
    add("unit-garbage-section", unit0(lambda u: u.append({"name": "bad.service", "contents": "[Service] extra\nExecStart=/bin/true\n"})))
    add("unit-no-equals", unit0(lambda u: u.append({"name": "bad.service", "contents": "[Service]\nExecStart /bin/true\n"})))
    add("unit-no-equals-eof", unit0(lambda u: u.append({"name": "bad.service", "contents": "[Service]\nExecStart"})))
    add("unit-open-section", unit0(lambda u: u.append({"name": "bad.service", "contents": "[Service\nExecStart=/bin/true\n"})))
    add("unit-before-section", unit0(lambda u: u.append({"name": "pre.service", "contents": "junk line\n[Service]\nExecStart=/bin/true\n"})))
    add("unit-enabled-no-install", unit0(lambda u: u.append({"name": "oneshot.service", "enabled": True, "contents": "[Service]\nType=oneshot\nExecStart=/usr/bin/true\n"})))
    add("unit-enabled-install-empty", unit0(lambda u: u.append({"name": "oneshot.service", "enabled": True, "contents": "[Service]\nType=oneshot\nExecStart=/usr/bin/true\n[Install]\n"})))
    add("unit-disabled-no-install", unit0(lambda u: u.append({"name": "oneshot.service", "enabled": False, "contents": "[Service]\nType=oneshot\nExecStart=/usr/bin/true\n"})))
    add("unit-long-line", unit0(lambda u: u.append({"name": "long.service", "contents": "[Service]\nExecStart=/bin/echo " + "x" * 2100 + "\n"})))
    add("unit-continuation", unit0(lambda u: u.append({"name": "cont.service", "contents": "[Service]\nExecStart=/bin/sh -c \\\n  'echo hi'\n"})))
    add("unit-comment-continuation", unit0(lambda u: u.append({"name": "comment.service", "contents": "# note \\\nstill comment\n[Service]\nExecStart=/bin/true\n"})))
    add("unit-bad-restart", unit0(lambda u: u.append({"name": "restart.service", "contents": "[Service]\nExecStart=/bin/true\nRestart=sometimes\n"})))
    add("unit-crlf", unit0(lambda u: u.append({"name": "crlf.service", "enabled": True, "contents": "[Service]\r\nExecStart=/bin/true\r\n\r\n[Install]\r\nWantedBy=multi-user.target\r\n"})))

    # data URLs and source URLs
    def source(val):
        def f(c):
            d = copy.deepcopy(c)
            fs = d.get("storage", {}).get("files", [])
            if not fs:
                return None
            fs[0].setdefault("contents", {})["source"] = val
            fs[0]["contents"].pop("verification", None)
            fs[0]["contents"].pop("httpHeaders", None)
            return d
        return f
    for name, val in [("data-space", "data:,hello world"), ("data-bad-escape", "data:,100%zz"), ("data-truncated-escape", "data:,abc%4"),
                      ("data-no-comma", "data:text/plain"), ("data-bad-mediatype", "data:foo/bar,x"), ("data-media-noslash", "data:text,x"),
                      ("data-base64-ok", "data:;base64,aGVsbG8K"), ("data-base64-bad", "data:;base64,@@@@"), ("data-base64-padding", "data:;base64,aGVsbG8"),
                      ("data-charset", "data:text/plain;charset=utf-8,hi"), ("data-upper-scheme", "DATA:,x"), ("data-fragment", "data:,a#b"),
                      ("data-nonascii", "data:,h\u00e9llo"), ("data-quoted-param", 'data:text/plain;a="b c",x'), ("data-param-eq", "data:;=x,y"),
                      ("data-empty", "data:,"), ("data-x-type", "data:x-custom/y,z"), ("data-ending-semicolon", "data:text/plain;,x"),
                      ("src-ftp", "ftp://files.example.com/a"), ("src-file", "file:///etc/passwd"), ("src-no-scheme", "files.example.com/a"),
                      ("src-space-host", "http://files example.com/a"), ("src-bad-port", "https://files.example.com:80a/a"),
                      ("src-bad-escape", "https://files.example.com/a%zz"), ("src-tftp", "tftp://10.0.0.1/boot/file"),
                      ("src-gs", "gs://bucket/object"), ("src-s3-version-empty", "s3://bucket/key?versionId="), ("src-s3-version", "s3://bucket/key?versionId=abc"),
                      ("src-arn", "arn:aws:s3:::bucket/key"), ("src-colon-first", "a:b:c"), ("src-control", "https://files.example.com/a\tb"),
                      ("src-ipv6", "http://[fd00::1]:8080/a"), ("src-missing-bracket", "http://[fd00::1/a"), ("src-empty", ""),
                      ("src-userinfo", "https://user:pa ss@files.example.com/a"), ("src-host-percent", "http://exa%41mple.com/a")]:
        add(name, source(val), only={"ssh-hostname", "remote-files", "networkd-users"})

    # verification, compression, headers
    def contents(fn):
        def f(c):
            d = copy.deepcopy(c)
            fs = d.get("storage", {}).get("files", [])
            if not fs or "contents" not in fs[0]:
                return None
            fn(fs[0]["contents"])
            return d
        return f
    add("hash-md5", contents(lambda r: r.__setitem__("verification", {"hash": "md5-" + "0" * 32})), only={"remote-files", "ssh-hostname"})
    add("hash-short", contents(lambda r: r.__setitem__("verification", {"hash": "sha512-abc"})), only={"remote-files", "ssh-hostname"})
    add("hash-nodash", contents(lambda r: r.__setitem__("verification", {"hash": "sha512" + "0" * 128})), only={"remote-files"})
    add("hash-sha256-as-512", contents(lambda r: r.__setitem__("verification", {"hash": "sha512-" + "a1" * 32})), only={"remote-files"})
    add("hash-nonhex", contents(lambda r: r.__setitem__("verification", {"hash": "sha256-" + "zz" * 32})), only={"remote-files"})
    add("hash-no-source", lambda c: (lambda d: (d["storage"]["files"].append({"path": "/etc/verified", "contents": {"verification": {"hash": SHA512}}}), d)[1])(copy.deepcopy(c)) if c.get("storage", {}).get("files") else None,
        only={"remote-files", "ssh-hostname"})
    add("compression-bzip2", contents(lambda r: r.__setitem__("compression", "bzip2")), only={"remote-files", "ssh-hostname"})
    add("compression-empty", contents(lambda r: r.__setitem__("compression", "")), only={"remote-files", "ssh-hostname"})
    add("header-empty-name", contents(lambda r: r.__setitem__("httpHeaders", [{"name": "", "value": "x"}])), only={"remote-files"})
    add("header-empty-value", contents(lambda r: r.__setitem__("httpHeaders", [{"name": "X-Token", "value": ""}])), only={"remote-files"})
    add("header-data-source", contents(lambda r: r.__setitem__("httpHeaders", [{"name": "X-Token", "value": "t"}])), only={"ssh-hostname"})
    add("header-dup", contents(lambda r: r.__setitem__("httpHeaders", [{"name": "X-A", "value": "1"}, {"name": "X-A", "value": "2"}])), only={"remote-files"})
    add("overwrite-no-source", lambda c: (lambda d: (d["storage"]["files"].append({"path": "/etc/empty", "overwrite": True}), d)[1])(copy.deepcopy(c)) if c.get("storage", {}).get("files") else None,
        only={"ssh-hostname", "links-dirs"})

    # modes and owners
    add("mode-special", first_file(lambda f: f.__setitem__("mode", 2541)))
    add("mode-illegal", first_file(lambda f: f.__setitem__("mode", 8192)))
    add("mode-special-exp", lambda c: (lambda d: (d["storage"]["files"][0].__setitem__("mode", 2541), d["ignition"].__setitem__("version", "3.4.0-experimental"), d)[2])(copy.deepcopy(c)) if c.get("storage", {}).get("files") else None,
        only={"ssh-hostname"})
    add("owner-id-and-name", first_file(lambda f: f.__setitem__("user", {"id": 0, "name": "root"})))
    add("owner-id-and-empty-name", first_file(lambda f: f.__setitem__("group", {"id": 0, "name": ""})))

    # filesystems, partitions, disks
    def fs0(fn):
        def f(c):
            d = copy.deepcopy(c)
            fss = d.get("storage", {}).get("filesystems", [])
            if not fss:
                return None
            fn(fss[0])
            return d
        return f
    add("fs-ext3", fs0(lambda f: f.__setitem__("format", "ext3")))
    add("fs-none", fs0(lambda f: (f.__setitem__("format", "none"), f.pop("label"), f.pop("path", None), f.pop("mountOptions", None))))
    add("fs-none-old", lambda c: fs0(lambda f: (f.__setitem__("format", "none"), f.pop("label"), f.pop("path", None), f.pop("mountOptions", None)))(version("3.2.0")(c)))
    add("fs-no-format", fs0(lambda f: f.pop("format")))
    add("fs-label-long-xfs", fs0(lambda f: (f.__setitem__("format", "xfs"), f.__setitem__("label", "VERYLONGLABEL1"))))
    add("fs-label-long-vfat", fs0(lambda f: (f.__setitem__("format", "vfat"), f.__setitem__("label", "EFI-SYSTEM-X"))))
    add("fs-device-empty", fs0(lambda f: f.__setitem__("device", "")))
    add("fs-swap", fs0(lambda f: (f.__setitem__("format", "swap"), f.pop("path", None), f.pop("mountOptions", None), f.__setitem__("label", "SWAP"))))

    def part0(fn):
        def f(c):
            d = copy.deepcopy(c)
            disks = d.get("storage", {}).get("disks", [])
            if not disks:
                return None
            fn(disks[0]["partitions"])
            return d
        return f
    add("part-no-number-no-label", part0(lambda p: (p[0].pop("number"), p[0].pop("label"))))
    add("part-same-number", part0(lambda p: p.append({"number": 1, "label": "other", "sizeMiB": 10, "startMiB": 9000})))
    add("part-overlap", part0(lambda p: p.append({"number": 2, "label": "other", "sizeMiB": 4096, "startMiB": 2100}) if p[0].get("startMiB") else p.append({"number": 2, "label": "o", "startMiB": 100, "sizeMiB": 10}) or p.append({"number": 3, "label": "o3", "startMiB": 105, "sizeMiB": 10})))
    add("part-label-colon", part0(lambda p: p[0].__setitem__("label", "data:1")))
    add("part-label-long", part0(lambda p: p[0].__setitem__("label", "l" * 40)))
    add("part-bad-guid", part0(lambda p: p[0].__setitem__("typeGuid", "linux-filesystem")))
    add("part-delete-with-label", part0(lambda p: p.append({"number": 9, "shouldExist": False, "label": "old"})))
    add("part-delete-and-zero", part0(lambda p: (p.append({"number": 9, "shouldExist": False}), p.append({"label": "new"}))))
    add("part-same-label", part0(lambda p: p.append({"number": 2, "label": p[0]["label"]})))
    add("disk-no-device", lambda c: (lambda d: (d["storage"]["disks"][0].pop("device"), d)[1])(copy.deepcopy(c)) if c.get("storage", {}).get("disks") else None)
    add("dup-disk", lambda c: (lambda d: (d["storage"]["disks"].append({"device": d["storage"]["disks"][0]["device"]}), d)[1])(copy.deepcopy(c)) if c.get("storage", {}).get("disks") else None)

    # RAID and LUKS
    def raid0(fn):
        def f(c):
            d = copy.deepcopy(c)
            r = d.get("storage", {}).get("raid", [])
            if not r:
                return None
            fn(r[0])
            return d
        return f
    add("raid-level-bad", raid0(lambda r: r.__setitem__("level", "raid7")))
    add("raid-level-missing", raid0(lambda r: r.pop("level")))
    add("raid-no-devices", raid0(lambda r: r.__setitem__("devices", [])))
    add("raid0-spares", raid0(lambda r: (r.__setitem__("level", "raid0"), r.__setitem__("spares", 1))))
    add("raid-device-relative", raid0(lambda r: r["devices"].__setitem__(0, "disk/by-partlabel/raid.1.1")))
    add("raid-level-mirror", raid0(lambda r: r.__setitem__("level", "mirror")))

    def luks0(fn):
        def f(c):
            d = copy.deepcopy(c)
            l = d.get("storage", {}).get("luks", [])
            if not l:
                return None
            fn(l[0])
            return d
        return f
    add("luks-slash", luks0(lambda l: l.__setitem__("name", "sec/ret")))
    add("luks-no-device", luks0(lambda l: l.pop("device")))
    add("luks-custom-and-tpm", luks0(lambda l: l.__setitem__("clevis", {"tpm2": True, "custom": {"pin": "tpm2", "config": "{}"}})))
    add("luks-custom-no-config", luks0(lambda l: l.__setitem__("clevis", {"custom": {"pin": "tpm2"}})))
    add("luks-custom-bad-pin", luks0(lambda l: l.__setitem__("clevis", {"custom": {"pin": "yubikey", "config": "{}"}})))
    add("luks-tang-no-thumbprint", luks0(lambda l: l.__setitem__("clevis", {"tang": [{"url": "http://tang.example.com"}]})))
    add("luks-tang-ftp", luks0(lambda l: l.__setitem__("clevis", {"tang": [{"url": "ftp://tang.example.com", "thumbprint": "abc"}]})))
    add("luks-keyfile-bad", luks0(lambda l: l.__setitem__("keyFile", {"source": "ftp://keys.example.com/k"})))
    add("luks-label-long", luks0(lambda l: l.__setitem__("label", "x" * 48)))

    # proxies and merges
    def ign(fn):
        def f(c):
            d = copy.deepcopy(c)
            if "config" not in d["ignition"]:
                return None
            fn(d["ignition"])
            return d
        return f
    add("proxy-https-plain", ign(lambda i: i["proxy"].__setitem__("httpsProxy", "http://proxy.example.com:3128")))
    add("proxy-ftp", ign(lambda i: i["proxy"].__setitem__("httpProxy", "ftp://proxy.example.com")))
    add("merge-no-source", ign(lambda i: i["config"]["merge"].append({"verification": {"hash": SHA512}})))
    add("merge-bad-scheme", ign(lambda i: i["config"]["merge"][0].__setitem__("source", "file:///base.ign")))
    add("replace-data", ign(lambda i: i["config"].__setitem__("replace", {"source": data('{"ignition":{"version":"3.3.0"}}')})))
    add("ca-no-source", ign(lambda i: i["security"]["tls"]["certificateAuthorities"].append({"compression": "gzip"})))
    add("timeouts-string", ign(lambda i: i["timeouts"].__setitem__("httpTotal", "600")))
    add("noproxy-dup", ign(lambda i: i["proxy"]["noProxy"].append("localhost")))

    # Go's decoder: repeated and case-folded keys, nulls, nesting, bytes
    def text(fn, only=None):
        return lambda c: fn(json.dumps(c))
    add("dup-key-merge", text(lambda t: t[:-1] + ', "storage": {"directories": [{"path": "opt/rel"}]}}'), only={"ssh-hostname", "remote-files"})
    add("dup-key-last-wins", text(lambda t: t.replace('"path": "/etc/hostname"', '"path": "etc/hostname", "path": "/etc/hostname"')), only={"ssh-hostname"})
    add("dup-key-last-bad", text(lambda t: t.replace('"path": "/etc/hostname"', '"path": "/etc/hostname", "path": "etc/hostname"')), only={"ssh-hostname"})
    add("dup-key-unused-first", text(lambda t: t[:-1] + ', "systemd": {"bogus": 1}, "systemd": {"units": []}}'), only={"ssh-hostname"})
    add("dup-version-folded", text(lambda t: t.replace('"version": "3.3.0"', '"version": "3.3.0", "Version": "3.0.0"')), only={"kargs-merge", "ssh-hostname"})
    add("kelvin-key", text(lambda t: t.replace('"kernelArguments"', '"\\u212aernelArguments"')), only={"kargs-merge"})
    add("long-s-key", text(lambda t: t.replace('"storage"', '"\\u017ftorage"')), only={"ssh-hostname", "links-dirs"})
    add("dotted-i-key", text(lambda t: t.replace('"ignition"', '"\\u0130gnition"')), only={"ssh-hostname"})
    add("upper-systemd", text(lambda t: t.replace('"systemd"', '"SYSTEMD"').replace('"name": "hello.service"', '"name": "hello"')), only={"docker-dropin"})
    add("root-null", lambda c: "null", only={"ssh-hostname"})
    add("root-string", lambda c: '"3.3.0"', only={"ssh-hostname"})
    add("ignition-null", lambda c: dict(c, ignition=None), only={"ssh-hostname"})
    add("ignition-array", lambda c: dict(c, ignition=[]), only={"ssh-hostname"})
    add("storage-array", lambda c: dict(c, storage=[]), only={"ssh-hostname"})
    add("files-null", lambda c: dict(c, storage=dict(c["storage"], files=None)), only={"ssh-hostname", "remote-files"})
    add("ssh-key-null", lambda c: (lambda d: (d["passwd"]["users"][0]["sshAuthorizedKeys"].append(None), d)[1])(copy.deepcopy(c)) if "passwd" in c else None)
    add("two-ssh-key-nulls", lambda c: (lambda d: (d["passwd"]["users"][0]["sshAuthorizedKeys"].extend([None, None]), d)[1])(copy.deepcopy(c)), only={"ssh-hostname"})
    add("nested-10001", lambda c: json.dumps(c)[:-1] + ', "extra": ' + "[" * 10001 + "]" * 10001 + "}", only={"ssh-hostname"})
    add("nested-9990", lambda c: json.dumps(c)[:-1] + ', "extra": ' + "[" * 9990 + "]" * 9990 + "}", only={"ssh-hostname"})
    add("invalid-utf8-key", lambda c: json.dumps(c).encode().replace(b'"passwd"', b'"passwd", "b\xffad": 1, "passwd"'), only={"ssh-hostname"})
    add("two-documents", lambda c: json.dumps(c) + "\n{}", only={"ssh-hostname"})
    add("mode-minus-zero", text(lambda t: t.replace('"mode": 420', '"mode": -0')), only={"ssh-hostname"})
    add("mode-octal-literal", text(lambda t: t.replace('"mode": 420', '"mode": 0644')), only={"ssh-hostname"})
    add("hash-multibyte", contents(lambda r: r.__setitem__("verification", {"hash": "sha256-" + "\u00e9" * 32})), only={"remote-files"})
    add("hash-empty-no-source", lambda c: (lambda d: (d["storage"]["files"].append({"path": "/etc/v", "contents": {"verification": {"hash": ""}}}), d)[1])(copy.deepcopy(c)), only={"ssh-hostname"})
    add("label-multibyte", part0(lambda p: p[0].__setitem__("label", "\u00e4" * 20)))
    add("unit-line-2047", unit0(lambda u: u.append({"name": "l.service", "contents": "[Service]\nExecStart=/bin/echo " + "x" * (2047 - len("ExecStart=/bin/echo ")) + "\n"})))
    add("unit-line-2048", unit0(lambda u: u.append({"name": "l.service", "contents": "[Service]\nExecStart=/bin/echo " + "x" * (2048 - len("ExecStart=/bin/echo ")) + "\n"})))
    add("unit-empty-enabled", unit0(lambda u: u.append({"name": "empty.service", "enabled": True, "contents": ""})))
    add("unit-only-comments-enabled", unit0(lambda u: u.append({"name": "c.service", "enabled": True, "contents": "# nothing\n; here\n"})))
    add("unit-name-dir", unit0(lambda u: u.append({"name": "sub/app.service", "mask": True})))
    add("unit-name-trailing-slash", unit0(lambda u: u.append({"name": "app.service/", "mask": True})))
    add("dropin-null-contents", unit0(lambda u: u[0]["dropins"][0].__setitem__("contents", None) if u[0].get("dropins") else False))
    add("path-dot-segment", first_file(lambda f: f.__setitem__("path", "/etc/./hostname")))
    add("path-root", first_file(lambda f: f.__setitem__("path", "/")))
    add("link-relative-target", lambda c: (lambda d: (d["storage"]["links"].append({"path": "/opt/current", "target": "app"}), d)[1])(copy.deepcopy(c)) if c.get("storage", {}).get("links") else None)
    add("v-exp-metadata", version("3.4.0-experimental+x"), only={"ssh-hostname"})
    add("v-33-exp", version("3.3.0-experimental"), only={"ssh-hostname"})
    add("v-spaces", version(" 3.3.0"), only={"ssh-hostname"})
    add("bom-whitespace", lambda c: b"  \xef\xbb\xbf" + json.dumps(c).encode(), only={"ssh-hostname"})
    add("s3-query-semicolon", source("s3://bucket/key?versionId=;x"), only={"ssh-hostname"})
    add("src-https-empty-host", source("https:///path"), only={"ssh-hostname"})
    add("src-relative-path", source("/etc/file"), only={"ssh-hostname"})
    add("data-base64-newline", source("data:;base64,aGVs\nbG8K"), only={"ssh-hostname"})
    add("data-base64-space", source("data:;base64,aGVs bG8K"), only={"ssh-hostname"})
    add("data-quoted-escape", source('data:text/plain;a="b\\"c",x'), only={"ssh-hostname"})
    return m


def run_validate(path):
    p = subprocess.run(["ignition-validate", path], capture_output=True, text=True)
    lines = [l.strip() for l in (p.stdout + p.stderr).splitlines() if l.strip()]
    verdict = "error" if p.returncode != 0 else ("warning" if lines else "ok")
    return verdict, " | ".join(lines)


def write_cases():
    os.makedirs(CASES, exist_ok=True)
    for f in os.listdir(CASES):
        os.remove(os.path.join(CASES, f))
    bases = base_configs()
    names = []
    for name, cfg in bases.items():
        path = os.path.join(CASES, name + ".ign")
        with open(path, "w") as f:
            json.dump(cfg, f, indent=2)
            f.write("\n")
        names.append(name + ".ign")
    for mname, only, fn in mutations():
        for bname, cfg in bases.items():
            if only is not None and bname not in only:
                continue
            out = fn(copy.deepcopy(cfg))
            if out is None:
                continue
            if isinstance(out, dict) or isinstance(out, list):
                out = json.dumps(out, indent=2) + "\n"
            if isinstance(out, str):
                out = out.encode()
            fname = "%s--%s.ign" % (bname, mname)
            with open(os.path.join(CASES, fname), "wb") as f:
                f.write(out)
            names.append(fname)
    return sorted(names)


def main():
    check = "--check" in sys.argv
    names = sorted(os.listdir(CASES)) if check else write_cases()
    rows = []
    for n in names:
        verdict, lines = run_validate(os.path.join(CASES, n))
        rows.append("%s\t%s\t%s" % (n, verdict, lines.replace("\t", " ")))
    tsv = os.path.join(HERE, "verdicts.tsv")
    text = "# file\tverdict\tignition-validate 2.14 output (lines joined by \" | \")\n" + "\n".join(rows) + "\n"
    if check:
        # Entries found by walking Go maps (unused keys) come in a random order: compare them as sets.
        def norm(t):
            return sorted(tuple(l.split("\t")[:2]) + tuple(sorted(l.split("\t")[2].split(" | "))) for l in t.splitlines() if not l.startswith("#"))
        with open(tsv) as f:
            old = f.read()
        if norm(old) != norm(text):
            sys.exit("verdicts.tsv differs from the installed ignition-validate")
        print("verdicts.tsv agrees with the installed ignition-validate (%d files)" % len(rows))
        return
    with open(tsv, "w") as f:
        f.write(text)
    print("%d files" % len(rows))


if __name__ == "__main__":
    main()
