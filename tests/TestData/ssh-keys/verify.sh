#!/usr/bin/env bash
# Writes verdicts.tsv: what `ssh-keygen -l -f` (openssh-client) says about each line of inputs.tsv.
# Run from this folder after changing inputs.tsv; commit both files. The tests compare SshPublicKey with these verdicts.
set -euo pipefail
command -v ssh-keygen >/dev/null || { echo "ssh-keygen missing: apt-get install openssh-client"; exit 2; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
{
  printf '# name\tverdict (ssh-keygen -l -f, %s)\n' "$(ssh -V 2>&1 | cut -d, -f1)"
  while IFS=$'\t' read -r name line; do
    [[ $name == \#* ]] && continue
    printf '%s\n' "$line" > "$tmp/key.pub"
    if ssh-keygen -l -f "$tmp/key.pub" >/dev/null 2>&1; then verdict=ok; else verdict=refused; fi
    printf '%s\t%s\n' "$name" "$verdict"
  done < inputs.tsv
} > verdicts.tsv
