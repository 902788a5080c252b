#!/usr/bin/env bash
# Reproducible packages (issue 13): clones the committed HEAD twice, into two different folders, packs each with
# `dotnet pack src/packages/CoreosDsl.Packages.slnf -c Release` and compares every package byte for byte. On a
# difference it names the entries that differ. Takes two full Release builds (minutes).
#
# Usage: tests/reproducible-packages.sh
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

for side in a b/deeper; do
  git clone -q --no-hardlinks "$root" "$work/$side/src"
  dotnet pack "$work/$side/src/src/packages/CoreosDsl.Packages.slnf" -c Release -o "$work/$side/feed" -v q -nologo >/dev/null
done

status=0
for package in "$work"/a/feed/*.nupkg; do
  name=$(basename "$package")
  other=$work/b/deeper/feed/$name
  if cmp -s "$package" "$other"; then
    echo "same   $name ($(stat -c %s "$package") bytes)"
  else
    status=1
    echo "DIFFER $name"
    mkdir -p "$work/x/a" "$work/x/b"
    (cd "$work/x/a" && rm -rf ./* && unzip -q "$package") && (cd "$work/x/b" && rm -rf ./* && unzip -q "$other")
    diff -rq "$work/x/a" "$work/x/b" | sed 's/^/         /' || true
  fi
done
echo "commit $(git -C "$root" rev-parse --short HEAD): $([ $status = 0 ] && echo "every package is identical" || echo "packages differ")"
exit $status
