#!/usr/bin/env bash
# build-rootfs.sh ROOT - debootstrap the Debian root file system shared by the
# stand-in images into ROOT (absent or empty), then slim it down.
# Called by infra/testenv/ensure-images.sh; needs root and debootstrap.
# IR_TESTENV_DEBIAN_MIRROR overrides debootstrap's default mirror.
set -euo pipefail

root="$1"
suite=bookworm
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

# packages.txt without comments and blank lines, joined by commas.
include="$(grep -Ev '^[[:space:]]*(#|$)' "$here/packages.txt" | paste -sd, -)"

debootstrap --variant=minbase --include="$include" "$suite" "$root" \
  ${IR_TESTENV_DEBIAN_MIRROR:+"$IR_TESTENV_DEBIAN_MIRROR"}

# No package cache, lists, docs or translations in the image.
rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/* \
  "$root"/usr/share/doc/* "$root"/usr/share/man/* "$root"/usr/share/info/* \
  "$root"/usr/share/locale/*
# The package creates a cluster "main"; the image runs initdb itself.
rm -rf "$root"/etc/postgresql/*/main "$root"/var/lib/postgresql/*/main
