#!/usr/bin/env python3
"""Writes the differential corpus: base cloud-configs in the shape of public real-world patterns (our own text),
and mutations of each (bytes and encodings, gzip, headers, YAML 1.1 forms, merge keys, tags, types, unknown keys,
enums, unit names). Deterministic: same script, same files. Usage: generate.py OUTDIR"""
import gzip, io, os, sys

BASES = {
# coreos-vagrant's user-data: etcd2 discovery with $private_ipv4 substitutions, fleet, etcd2 and fleet started.
"vagrant-etcd2": """#cloud-config

coreos:
  etcd2:
    discovery: https://discovery.etcd.io/0123456789abcdef0123456789abcdef
    advertise-client-urls: http://$public_ipv4:2379
    initial-advertise-peer-urls: http://$private_ipv4:2380
    listen-client-urls: http://0.0.0.0:2379,http://0.0.0.0:4001
    listen-peer-urls: http://$private_ipv4:2380
  fleet:
    public-ip: $public_ipv4
  flannel:
    interface: $public_ipv4
  units:
    - name: etcd2.service
      command: start
    - name: fleet.service
      command: start
    - name: flanneld.service
      drop-ins:
      - name: 50-network-config.conf
        content: |
          [Service]
          ExecStartPre=/usr/bin/etcdctl set /coreos.com/network/config '{ "Network": "10.1.0.0/16" }'
      command: start
    - name: docker-tcp.socket
      command: start
      enable: true
      content: |
        [Unit]
        Description=Docker Socket for the API

        [Socket]
        ListenStream=2375
        Service=docker.service
        BindIPv6Only=both

        [Install]
        WantedBy=sockets.target
""",
# Kubernetes installers: write_files with an environment file and a kubelet unit, update strategy off.
"kube-worker": """#cloud-config
hostname: kube-worker-1
write_files:
  - path: /etc/kubernetes/worker.env
    permissions: 0644
    owner: root
    content: |
      MASTER_IP=10.0.0.10
      POD_NETWORK=10.2.0.0/16
  - path: /opt/bin/wait-for-master
    permissions: '0755'
    content: |
      #!/bin/bash
      until curl -s http://10.0.0.10:8080/healthz; do sleep 5; done
coreos:
  update:
    reboot_strategy: "off"
  units:
    - name: kubelet.service
      command: start
      content: |
        [Unit]
        Description=Kubernetes Kubelet
        After=docker.service
        Requires=docker.service

        [Service]
        EnvironmentFile=/etc/kubernetes/worker.env
        ExecStartPre=/opt/bin/wait-for-master
        ExecStart=/usr/bin/kubelet --api-servers=http://${MASTER_IP}:8080
        Restart=always
        RestartSec=10

        [Install]
        WantedBy=multi-user.target
""",
# PaaS installers (deis-style): docker drop-in, a oneshot unit, locksmith window, ssh keys.
"paas-node": """#cloud-config
ssh_authorized_keys:
  - ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBm6gWJ0m8mRv8ivGTs5Lk+xbB5QpHfW6R8sdEfqCuP2 ops@example.org
coreos:
  locksmith:
    window_start: Sun 04:00
    window_length: 2h
  update:
    reboot_strategy: etcd-lock
    group: stable
  units:
    - name: docker.service
      drop_ins:
        - name: 10-options.conf
          content: |
            [Service]
            Environment="DOCKER_OPTS=--insecure-registry 10.0.0.0/8"
    - name: stop-update-engine.service
      command: start
      content: |
        [Unit]
        Description=stop update-engine

        [Service]
        Type=oneshot
        ExecStart=/usr/bin/systemctl stop update-engine.service
        ExecStartPost=/usr/bin/systemctl mask update-engine.service
""",
# Heat/OpenStack templates: values filled in by the orchestrator (${...} placeholders), manage_etc_hosts.
"heat-template": """#cloud-config
hostname: ${hostname}
manage_etc_hosts: localhost
write_files:
  - path: /etc/sysconfig/heat-params
    owner: "root:root"
    permissions: "0600"
    content: |
      KUBE_API_PORT="${kube_api_port}"
      ETCD_DISCOVERY_URL="${discovery_url}"
coreos:
  units:
    - name: heat-config.service
      command: start
      enable: false
      runtime: true
      content: |
        [Unit]
        Description=Apply heat parameters

        [Service]
        Type=oneshot
        RemainAfterExit=yes
        ExecStart=/bin/sh -c 'source /etc/sysconfig/heat-params && echo ok'
""",
# Homelabs: users with groups and keys, a static network unit, timezone timer, mount.
"homelab": """#cloud-config
hostname: nas
users:
  - name: core
    groups:
      - sudo
      - docker
    ssh_authorized_keys:
      - ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7 admin@lab
  - name: backup
    passwd: $6$rounds=4096$saltsalt$abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUV
    homedir: /var/backup
    no_create_home: false
coreos:
  units:
    - name: 10-static.network
      runtime: false
      content: |
        [Match]
        Name=eth0

        [Network]
        Address=192.168.1.20/24
        Gateway=192.168.1.1
        DNS=192.168.1.1
    - name: var-lib-docker.mount
      command: start
      content: |
        [Mount]
        What=/dev/sdb1
        Where=/var/lib/docker
        Type=ext4
    - name: backup.timer
      command: start
      content: |
        [Timer]
        OnCalendar=*-*-* 03:00:00
        Persistent=true
""",
# Old etcd (0.4) and fleet metadata, oem block, etc_hosts: the deprecated sections still found in the wild.
"legacy-etcd": """#cloud-config
coreos:
  etcd:
    name: node1
    discovery: https://discovery.etcd.io/abcdef
    addr: $private_ipv4:4001
    peer-addr: $private_ipv4:7001
  fleet:
    metadata: region=us-east,role=web
    etcd_servers: http://127.0.0.1:4001
  oem:
    id: rackspace
    name: Rackspace Cloud Servers
    version-id: 168.0.0
    home-url: https://www.rackspace.com/cloud/servers/
  units:
    - name: etcd.service
      command: start
    - name: fleet.service
      command: start
      mask: false
""",
# Anchors shared between entries: a pattern of hand-written configs with repeated drop-ins.
"anchors": """#cloud-config
x-dropin: &limits
  name: 20-limits.conf
  content: |
    [Service]
    LimitNOFILE=65536
coreos:
  units:
    - name: nginx.service
      command: start
      drop_ins:
        - *limits
    - name: redis.service
      command: start
      drop_ins:
        - *limits
""",
# A small gzip-friendly config with write_files encodings (base64, gzip+base64) as metadata services pass them.
"encoded-files": """#cloud-config
write_files:
  - path: /etc/motd
    encoding: b64
    content: V2VsY29tZQo=
  - path: /etc/issue.d/banner
    encoding: gzip+base64
    content: H4sIAAAAAAAAA8tIzcnJBwCGphA2BgAAAA==
  - path: /home/core/.bashrc
    owner: core:core
    permissions: 0600
    content: "alias ll='ls -l'\\n"
""",
}

def sub(text, old, new, count=1):
    assert old in text, (old, text[:80])
    return text.replace(old, new, count)

def mutations(name, text):
    """(suffix, bytes) pairs."""
    b = text.encode()
    out = [("as-is", b)]
    out.append(("gzip", gzip_bytes(b)))
    out.append(("gzip-twice", gzip_bytes(gzip_bytes(b))))
    out.append(("gzip-truncated", gzip_bytes(b)[:-12]))
    out.append(("utf8-bom", b"\xef\xbb\xbf" + b))
    out.append(("utf16le-bom", text.encode("utf-16")))
    out.append(("utf16be", text.encode("utf-16-be")))
    out.append(("crlf", text.replace("\n", "\r\n").encode()))
    lines = text.split("\n")
    out.append(("header-trailing-space", ("#cloud-config  \t" + text[len("#cloud-config"):]).encode()))
    out.append(("header-indented", ("  " + text).encode()))
    out.append(("header-missing", "\n".join(lines[1:]).encode()))
    out.append(("header-typo", text.replace("#cloud-config", "#cloud-confg", 1).encode()))
    out.append(("script", ("#!/bin/bash\n# " + name + "\necho \xff\n").encode("latin-1")))
    # bytes inside a value on the last content line
    idx = last_value_line(lines)
    for tag, ins in [("nul", b"\x00"), ("del", b"\x7f"), ("esc", b"\x1b[0m"), ("ff", b"\xff"), ("overlong", b"\xc0\xaf"),
                     ("surrogate", b"\xed\xa0\x80"), ("c1", b"\xc2\x85x\xc2\x9b"), ("truncated-utf8", b"\xe2\x82"),
                     ("fffe", b"\xef\xbf\xbe"), ("emoji-ok", "\U0001F680".encode()), ("latin1-e", b"\xe9")]:
        l2 = [x.encode() for x in lines]
        l2[idx] = l2[idx] + ins
        out.append((f"byte-{tag}", b"\n".join(l2)))
    # tab indentation on a nested line
    nested = next(i for i, l in enumerate(lines) if l.startswith("    ") and l.strip() and not l.strip().startswith("#"))
    l2 = list(lines); l2[nested] = "\t" + l2[nested][2:]
    out.append(("tab-indent", "\n".join(l2).encode()))
    l2 = list(lines); l2[nested] = l2[nested] + "\t# trailing tab comment"
    out.append(("tab-before-comment", "\n".join(l2).encode()))
    # YAML document markers and directives
    out.append(("doc-end", (text + "...\n").encode()))
    out.append(("doc-end-then-content", (text + "...\nhostname: after\n").encode()))
    out.append(("doc-start", sub(text, "#cloud-config\n", "#cloud-config\n---\n").encode()))
    out.append(("second-doc", (text + "---\nhostname: [unclosed\n").encode()))
    out.append(("yaml-1.2", sub(text, "#cloud-config\n", "#cloud-config\n%YAML 1.2\n---\n").encode()))
    out.append(("yaml-1.1", sub(text, "#cloud-config\n", "#cloud-config\n%YAML 1.1\n---\n").encode()))
    # keys and values
    out.append(("unknown-key", (text + "hostnmae: web\n").encode()))
    out.append(("duplicate-key", (text + "ssh_authorized_keys: []\nssh_authorized_keys: []\n").encode()))
    out.append(("dash-key", (text + "manage-etc-hosts: localhost\n").encode()))
    out.append(("null-section", (text + "users:\n").encode()))
    out.append(("users-scalar", (text + "users: core\n").encode()))
    out.append(("hostname-int", (text + "hostname: 12345\n").encode()))
    out.append(("hostname-bool-yes", (text + "hostname: yes\n").encode()))
    out.append(("hostname-date", (text + "hostname: 2024-01-01\n").encode()))
    out.append(("tag-int-bad", (text + "hostname: !!int abc\n").encode()))
    out.append(("tag-int-ok", (text + "x-port: !!int 8080\n").encode()))
    out.append(("tag-bool-bad", (text + "x-flag: !!bool maybe\n").encode()))
    out.append(("tag-float-int", (text + "x-ratio: !!float 1\n").encode()))
    out.append(("tag-str-number", (text + "hostname: !!str 12345\n").encode()))
    out.append(("tag-null-bad", (text + "x-nothing: !!null abc\n").encode()))
    out.append(("tag-binary-bad", (text + "x-blob: !!binary not*base64\n").encode()))
    out.append(("tag-local", (text + "x-local: !custom value\n").encode()))
    out.append(("merge-scalar", (text + "x-base: &b plain\nx-merged:\n  <<: *b\n").encode()))
    out.append(("merge-ok-unknown", (text + "x-base: &b {a: 1}\nx-merged:\n  <<: *b\n  c: 2\n").encode()))
    out.append(("flow-unclosed", (text + "x-list: [a, b\nx-other: c\n").encode()))
    out.append(("alias-unknown", (text + "hostname: *nowhere\n").encode()))
    if "units:" in text:
        u = text.index("  units:\n") + len("  units:\n")
        out.append(("unit-command-bogus", (text[:u] + "    - name: extra.service\n      command: bogus\n" + text[u:]).encode()))
        out.append(("unit-command-restart", (text[:u] + "    - name: extra.service\n      command: try-restart\n" + text[u:]).encode()))
        out.append(("unit-enable-yes", (text[:u] + "    - name: extra.service\n      enable: yes\n" + text[u:]).encode()))
        out.append(("unit-enable-quoted", (text[:u] + "    - name: extra.service\n      enable: \"true\"\n" + text[u:]).encode()))
        out.append(("unit-enable-int", (text[:u] + "    - name: extra.service\n      enable: 1\n" + text[u:]).encode()))
        out.append(("unit-mask-on", (text[:u] + "    - name: extra.service\n      mask: on\n" + text[u:]).encode()))
        out.append(("unit-unknown-key", (text[:u] + "    - name: extra.service\n      comand: start\n" + text[u:]).encode()))
        out.append(("unit-name-int", (text[:u] + "    - name: 42\n      command: start\n" + text[u:]).encode()))
        out.append(("unit-merge-bad-command", ("#cloud-config\nx-defaults: &d\n  command: bogus\n  enable: true\n" + text[len("#cloud-config\n"):][:u - len("#cloud-config\n")] + "    - name: merged.service\n      <<: *d\n" + text[u:]).encode()))
        out.append(("unit-merge-ok", ("#cloud-config\nx-defaults: &d\n  command: start\n  enable: true\n" + text[len("#cloud-config\n"):][:u - len("#cloud-config\n")] + "    - name: merged.service\n      <<: *d\n" + text[u:]).encode()))
        out.append(("unit-merge-list", ("#cloud-config\nx-a: &a\n  command: start\nx-b: &b\n  command: bogus\n  runtime: true\n" + text[len("#cloud-config\n"):][:u - len("#cloud-config\n")] + "    - name: merged.service\n      <<: [*a, *b]\n" + text[u:]).encode()))
        out.append(("units-mapping", sub(text, "  units:\n", "  units: {}\n  x-units:\n").encode()))
        out.append(("units-flow", (text + "x-flow: {coreos: {units: [{name: a.service, command: bogus}]}}\n").encode()))
    if "reboot_strategy" in text:
        for v in ["best-effort", "false", "off", "reboot", "sometimes", "'off'"]:
            out.append((f"reboot-{v.strip(chr(39))}{'-quoted' if v.startswith(chr(39)) else ''}", sub(text, text[text.index("reboot_strategy:"):].split("\n")[0], f"reboot_strategy: {v}").encode()))
        out.append(("reboot-dash-key", text.replace("reboot_strategy", "reboot-strategy").encode()))
    if "permissions:" in text:
        first = text[text.index("permissions:"):].split("\n")[0]
        for v in ["0644", "'0644'", "644", "0o644", "0999", "rw-r--r--", "420"]:
            out.append((f"perm-{v.strip(chr(39))}{'-quoted' if v.startswith(chr(39)) else ''}", sub(text, first, f"permissions: {v}").encode()))
    if "path:" in text:
        first = text[text.index("path:"):].split("\n")[0]
        out.append(("path-usr", sub(text, first, "path: /usr/share/oem/x").encode()))
        out.append(("path-relative", sub(text, first, "path: etc/x").encode()))
    if "encoding:" in text:
        first = text[text.index("encoding:"):].split("\n")[0]
        out.append(("encoding-unknown", sub(text, first, "encoding: base32").encode()))
        out.append(("encoding-b64-bad", sub(text, "V2VsY29tZQo=", "V2VsY29tZQo").encode()))
    if "discovery:" in text:
        first = text[text.index("discovery:"):].split("\n")[0]
        out.append(("discovery-bad", sub(text, first, "discovery: not a url").encode()))
    if "window_start" in text:
        out.append(("window-bad", sub(text, "window_start: Sun 04:00", "window_start: Someday 04:00").encode()))
        out.append(("window-length-bad", sub(text, "window_length: 2h", "window_length: 2 hours").encode()))
    if "  - name: core\n" in text:
        out.append(("user-groups-scalar", sub(text, "    groups:\n      - sudo\n      - docker\n", "    groups: sudo\n").encode()))
    return out

def last_value_line(lines):
    for i in range(len(lines) - 1, -1, -1):
        l = lines[i]
        if ": " in l and not l.strip().startswith("#") and not l.rstrip().endswith("|"):
            return i
    raise ValueError

def gzip_bytes(b):
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", mtime=0) as g:
        g.write(b)
    return buf.getvalue()

def hostile():
    bomb = "#cloud-config\na: &a [" + ",".join(['"lol"'] * 9) + "]\n"
    for p, c in zip("abcdefgh", "bcdefghi"):
        bomb += f"{c}: &{c} [" + ",".join(["*" + p] * 9) + "]\n"
    yield "hostile-alias-bomb", (bomb + "hostname: x\n").encode()
    yield "hostile-deep-nesting", ("#cloud-config\na: " + "[" * 100000 + "\n").encode()
    yield "hostile-self-alias", b"#cloud-config\na: &x [1, *x]\n"
    yield "edge-empty", b""
    yield "edge-header-only", b"#cloud-config\n"
    yield "edge-header-crlf", b"#cloud-config\r\nhostname: a\r\n"
    yield "edge-sequence-root", b"#cloud-config\n- a\n"
    yield "edge-scalar-root", b"#cloud-config\njust text\n"
    yield "edge-ignition", b'{"ignition": {"version": "3.3.0"}}'
    yield "edge-mime", b'Content-Type: multipart/mixed; boundary="X"\nMIME-Version: 1.0\n\n--X\n'

def main(outdir):
    os.makedirs(outdir, exist_ok=True)
    n = 0
    for name, text in BASES.items():
        for suffix, data in mutations(name, text):
            write(outdir, f"{name}--{suffix}", data); n += 1
    for name, data in hostile():
        write(outdir, name, data); n += 1
    print(n, "files")

def write(outdir, name, data):
    with open(os.path.join(outdir, name + ".user-data"), "wb") as f:
        f.write(data)

if __name__ == "__main__":
    main(sys.argv[1])
