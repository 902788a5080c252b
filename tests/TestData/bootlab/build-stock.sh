#!/usr/bin/env bash
# Builds the stand-in for a stock CoreOS ISO (no CoreOS or Flatcar image can be downloaded here):
#   OUT/tree/coreos/vmlinuz      Debian's kernel
#   OUT/tree/coreos/cpio.gz      busybox + ./init (prints BOOTLAB- markers on the serial console, fetches http config
#                                URLs of the kernel line) + disk and network (e1000, virtio-net) modules
#   OUT/tree/isolinux/...        isolinux.bin, ldlinux.c32, isolinux.cfg (serial console, APPEND initrd=...)
#   OUT/stock.iso                the tree as a hybrid El Torito ISO, built by xorriso like a vendor would
# Usage: build-stock.sh OUT      (idempotent: does nothing when OUT/stock.iso exists)
# Needs: busybox-static linux-image-amd64 kmod cpio isolinux syslinux-common xorriso
set -euo pipefail
here=$(dirname "$(readlink -f "$0")")
out=${1:?usage: build-stock.sh OUT}
[ -f "$out/stock.iso" ] && exit 0
for tool in busybox modprobe cpio xorriso; do
  command -v "$tool" >/dev/null || { echo "build-stock.sh: '$tool' is missing (apt-get install busybox-static kmod cpio xorriso)" >&2; exit 2; }
done
kimg=$(ls /boot/vmlinuz-* 2>/dev/null | sort -V | tail -1)
[ -n "$kimg" ] || { echo "build-stock.sh: no kernel in /boot (apt-get install linux-image-amd64)" >&2; exit 2; }
[ -f /usr/lib/ISOLINUX/isolinux.bin ] || { echo "build-stock.sh: no isolinux.bin (apt-get install isolinux syslinux-common)" >&2; exit 2; }
kver=${kimg#/boot/vmlinuz-}

mkdir -p "$(dirname "$out")"
work=$(mktemp -d "${out%/}.tmp.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/tree/coreos" "$work/tree/isolinux" "$work/initramfs"/{bin,dev,proc,sys,mnt,tmp,lib/modules,usr/share/udhcpc}
cp "$(command -v busybox)" "$work/initramfs/bin/busybox"
for applet in $("$work/initramfs/bin/busybox" --list); do
  [ "$applet" = busybox ] || ln -s busybox "$work/initramfs/bin/$applet"
done
install -m 755 "$here/init" "$work/initramfs/init"
# busybox udhcpc hands the lease to this script, which configures the interface and the default route
# (for init's fetch of cloud-config-url=/ignition.config.url= on a network boot).
printf '#!/bin/sh\ncase "$1" in bound|renew) ip addr add "$ip/${mask:-24}" dev "$interface"; [ -n "$router" ] && ip route add default via "${router%%%% *}" ;; esac\n' \
  > "$work/initramfs/usr/share/udhcpc/default.script"
chmod 755 "$work/initramfs/usr/share/udhcpc/default.script"
# Disk, CD-ROM and file system drivers are modules in Debian's kernel: ship them in load order.
# crct10dif-pclmul needs a CPU feature QEMU's TCG lacks, so it is left out.
for m in ata_piix sr_mod sd_mod isofs vfat nls_cp437 nls_ascii virtio_pci virtio_blk e1000 virtio_net; do
  modprobe -S "$kver" --show-depends "$m"
done | awk '$1 == "insmod" && !seen[$2]++ {print $2}' | grep -v pclmul | while read -r f; do
  cp "$f" "$work/initramfs/lib/modules/"
  basename "$f"
done > "$work/load.order"
mv "$work/load.order" "$work/initramfs/lib/modules/load.order"
# The kernel opens /dev/console before /init runs; creating the node needs root (CI runs as root).
mknod -m 600 "$work/initramfs/dev/console" c 5 1 2>/dev/null || echo "build-stock.sh: not root, no /dev/console in the initramfs" >&2
(cd "$work/initramfs" && find . | LC_ALL=C sort | cpio -o -H newc -R 0:0 --quiet | gzip -9n) > "$work/tree/coreos/cpio.gz"
cp "$kimg" "$work/tree/coreos/vmlinuz"
cp /usr/lib/ISOLINUX/isolinux.bin /usr/lib/syslinux/modules/bios/ldlinux.c32 "$work/tree/isolinux/"
cat > "$work/tree/isolinux/isolinux.cfg" <<'CFG'
SERIAL 0 115200
DEFAULT coreos
PROMPT 0
TIMEOUT 0
LABEL coreos
  KERNEL /coreos/vmlinuz
  APPEND initrd=/coreos/cpio.gz coreos.autologin console=ttyS0
CFG
xorriso -as mkisofs -o "$work/stock.iso" -V COREOS -J -R \
  -isohybrid-mbr /usr/lib/ISOLINUX/isohdpfx.bin \
  -c isolinux/boot.cat -b isolinux/isolinux.bin \
  -no-emul-boot -boot-load-size 4 -boot-info-table "$work/tree" 2>"$work/xorriso.log" \
  || { cat "$work/xorriso.log" >&2; exit 1; }
mkdir -p "$out"
rm -rf "$out/tree"
mv "$work/tree" "$out/tree"
mv "$work/stock.iso" "$out/stock.iso"   # last: its presence means the whole fixture is complete
