#!/usr/bin/env bash
# Builds the tiny test guest used by the libvirt driver's tests, the e2e suite and the demo:
# Debian's cloud kernel (extracted from its .deb, not installed) and a busybox initramfs with a
# shell on ttyS0 and ttyS1. Output: $OUT/vmlinuz and $OUT/initrd.gz (default OUT=var/guest).
# Needs: busybox-static, apt-get (to download the kernel package), dpkg-deb, cpio-free (busybox cpio).
set -euo pipefail
OUT=${1:-var/guest}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if [ ! -s "$OUT/vmlinuz" ]; then
  echo "test guest: fetching Debian's cloud kernel ..." >&2
  meta=$(apt-cache depends linux-image-cloud-amd64 2>/dev/null | sed -n 's/.*Depends: \(linux-image-[0-9].*\)/\1/p' | head -1)
  [ -n "$meta" ] || { echo "error: cannot resolve linux-image-cloud-amd64 (run apt-get update)" >&2; exit 1; }
  (cd "$work" && apt-get download "$meta" >/dev/null 2>&1)
  deb=$(ls "$work"/*.deb | head -1)
  (cd "$work" && dpkg-deb --fsys-tarfile "$deb" | tar -x --wildcards './boot/vmlinuz-*')
  cp "$work"/boot/vmlinuz-* "$OUT/vmlinuz"
fi

if [ ! -s "$OUT/initrd.gz" ] || [ "$0" -nt "$OUT/initrd.gz" ]; then
  echo "test guest: building the busybox initramfs ..." >&2
  root="$work/root"
  mkdir -p "$root/bin" "$root/proc" "$root/sys" "$root/dev" "$root/tmp"
  cp /bin/busybox "$root/bin/busybox"
  cat > "$root/init" <<'INIT'
#!/bin/busybox sh
/bin/busybox --install -s /bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
hostname serialgate-guest
export PS1='guest:$(pwd)# '
# A second shell on ttyS1, so a server with two serial ports answers on both.
if [ -e /dev/ttyS1 ]; then
  (while true; do setsid sh -c 'exec sh -i </dev/ttyS1 >/dev/ttyS1 2>&1'; sleep 1; done) &
fi
exec </dev/console >/dev/console 2>&1
while true; do setsid cttyhack sh -i; sleep 1; done
INIT
  chmod +x "$root/init"
  (cd "$root" && find . | busybox cpio -o -H newc 2>/dev/null | gzip -1 > "$OUT/initrd.gz")
fi
echo "$OUT"
