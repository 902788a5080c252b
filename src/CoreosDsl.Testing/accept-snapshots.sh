#!/usr/bin/env bash
# Accepts received snapshots: moves every received snapshot below a folder over its verified counterpart.
#   X.received.<ext>  ->  X.verified.<ext>
#   X.received/       ->  X.verified/    (the whole folder is replaced, so files the output no longer has go away)
# Hidden entries (.git, staging files such as .X.<id>.received.tmp) are skipped.
# Same behaviour as CoreosDsl.Testing.Snapshot.AcceptAll. Review with `git diff` before committing.
#
# Usage: src/CoreosDsl.Testing/accept-snapshots.sh [folder]     (default: the current folder)
set -euo pipefail

root="${1:-.}"
if [ ! -d "$root" ]; then
  echo "accept-snapshots: '$root' is not a folder" >&2
  exit 2
fi

count=0
while IFS= read -r -d '' received; do
  folder=$(dirname "$received")
  name=$(basename "$received")
  if [ -d "$received" ]; then
    verified="$folder/${name%.received}.verified"
    rm -rf "$verified"
  else
    # The last ".received." separates the snapshot's base name from its extension.
    verified="$folder/${name%.received.*}.verified.${name##*.received.}"
  fi
  mv -f "$received" "$verified"
  echo "accepted $verified"
  count=$((count + 1))
done < <(find "$root" -mindepth 1 -name '.*' -prune \
           -o -type d -name '*.received' -prune -print0 \
           -o -type f -name '*.received.*' -print0 | sort -z)

echo "accept-snapshots: $count snapshot(s) accepted below $root"
