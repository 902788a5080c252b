#!/usr/bin/env bash
# USB image benchmark: the same ~410 MB tree made into the seed's bootable USB image (MBR, 2048 MiB FAT16
# partition at 1 MiB, syslinux, mbr.bin) three ways, in one run, warm page cache, median of N rounds:
#   seed    truncate + sfdisk + mkfs.fat --offset + mcopy -s + syslinux --offset --install + dd mbr.bin
#   ours    CoreosDsl.Images (UsbImage.Create) with the managed syslinux installer
#   ours+host   the same with the host's syslinux --install
# Reports wall time, the ratio ours/seed, and peak memory (max RSS, /usr/bin/time). Targets: ratio <= 1, RSS < 64 MB.
# Usage: [BENCH_DIR=DIR] tests/benchmarks/usb-image.sh [ROUNDS]      Needs: the .ci/run packages (dosfstools mtools syslinux fdisk time).
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)
rounds=${1:-3}
work=${BENCH_DIR:-$root/.cache}/bench-usb   # BENCH_DIR=/dev/shm measures the tools, not the disk's writeback
mkdir -p "$work"
export MTOOLS_SKIP_CHECK=1 LC_ALL=C

# The tree: the stand-in stock ISO's files plus 8 x 50 MB of incompressible data (built once).
bash "$root/tests/TestData/bootlab/build-stock.sh" "$root/.cache/stock"
tree=$work/tree
if [ ! -f "$tree/data/blob8.bin" ]; then
  rm -rf "$tree"; mkdir -p "$tree/data"
  cp -r "$root/.cache/stock/tree/." "$tree/"
  for i in 1 2 3 4 5 6 7 8; do head -c 50M /dev/urandom > "$tree/data/blob$i.bin"; done
fi
echo "tree: $(du -sb --apparent-size "$tree" | cut -f1) bytes, $(find "$tree" -type f | wc -l) files"

dotnet build -c Release -v q -nologo "$root/tests/benchmarks/usb-bench/UsbBench.csproj" -o "$work/bin" >/dev/null
cfg=$work/syslinux.cfg
printf 'DEFAULT coreos\nPROMPT 0\nTIMEOUT 0\nLABEL coreos\n  KERNEL /coreos/vmlinuz\n  APPEND initrd=/coreos/cpio.gz coreos.autologin cloud-config-url=http://example.com/cloud-config.yml\n' > "$cfg"

seed() {
  local img=$1
  rm -f "$img"
  truncate -s 2049M "$img"
  printf 'label: dos\nstart=2048, size=4194304, type=6, bootable\n' | sfdisk -q "$img"
  mkfs.fat -F 16 -n COREOS --offset=2048 -h 2048 "$img" 2097152 >/dev/null
  mcopy -s -i "$img@@1M" "$tree"/* ::/
  mmd -i "$img@@1M" ::/syslinux
  mcopy -i "$img@@1M" "$cfg" ::/syslinux/syslinux.cfg
  syslinux --offset 1048576 --install "$img"
  dd if=/usr/lib/syslinux/mbr/mbr.bin of="$img" bs=440 count=1 conv=notrunc status=none
}

# measure NAME CMD...: one timed run, appends "seconds maxrss_kb" to $work/NAME.runs
measure() {
  local name=$1; shift
  sync   # flush the previous run's dirty pages first, so no run pays for another's writeback
  /usr/bin/time -f '%e %M' -o "$work/$name.time" "$@" >/dev/null
  cat "$work/$name.time" >> "$work/$name.runs"
}

rm -f "$work"/*.runs
export -f seed; export tree cfg
# Warm-up (page cache), then interleaved rounds so drift hits every variant alike. Times exclude the final sync
# (the data sits in the page cache, as after mcopy), like the baseline figures in boot-recipe.md.
bash -c "seed $work/seed.img"; dotnet "$work/bin/UsbBench.dll" "$tree" "$work/ours.img" managed >/dev/null
for round in $(seq 1 "$rounds"); do
  measure seed bash -c "seed $work/seed.img"
  measure ours dotnet "$work/bin/UsbBench.dll" "$tree" "$work/ours.img" managed
  measure ours+host dotnet "$work/bin/UsbBench.dll" "$tree" "$work/ours-host.img" host
done

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
report() {
  local name=$1
  local secs rss
  secs=$(cut -d' ' -f1 "$work/$name.runs" | median)
  rss=$(cut -d' ' -f2 "$work/$name.runs" | sort -n | tail -1)
  printf '%-10s median %6.2f s  (runs: %s)  max RSS %6.1f MB\n' "$name" "$secs" "$(cut -d' ' -f1 "$work/$name.runs" | tr '\n' ' ')" "$(echo "$rss / 1024" | bc -l)"
  echo "$secs" > "$work/$name.median"
}
echo "== $rounds rounds, $(nproc) cores"
report seed; report ours; report ours+host
printf 'ratio ours/seed      %.2f\n' "$(echo "$(cat "$work/ours.median") / $(cat "$work/seed.median")" | bc -l)"
printf 'ratio ours+host/seed %.2f\n' "$(echo "$(cat "$work/ours+host.median") / $(cat "$work/seed.median")" | bc -l)"
for img in seed ours ours-host; do
  printf '%-10s %s bytes, %s MB allocated\n' "$img.img" "$(stat -c %s "$work/$img.img")" "$(( $(stat -c %b "$work/$img.img") * 512 / 1000000 ))"
done
# Both must be valid: fsck the partition (extracted sparse with dd) of ours.
dd if="$work/ours.img" of="$work/ours-p1.img" bs=1M skip=1 conv=sparse status=none
fsck.fat -n "$work/ours-p1.img" | tail -1
rm -f "$work/ours-p1.img"
