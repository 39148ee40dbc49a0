#!/usr/bin/env bash
# archive-wal.sh - PostgreSQL's archive_command: keeps one WAL file, gzipped, in the archive.
#
#   archive_command = '/opt/ir-backup/archive-wal.sh %p %f /var/lib/ir-backup/wal'
#
# Writes <archive>/<name>.gz through a temporary file, flushed to disk before the rename, so a crash
# never leaves a half file under the final name. A file already archived is accepted again only if it
# holds the same bytes (PostgreSQL retries after a crash); anything else fails, so the server keeps
# the WAL and says so in its log instead of overwriting history. Runs as the server's user.
set -euo pipefail

if (($# != 3)); then
  echo "usage: archive-wal.sh <path %p> <name %f> <archive directory>" >&2
  exit 64
fi
source_file="$1" name="$2" archive="$3"
target="$archive/$name.gz"

if [[ -e "$target" ]]; then
  if gzip -dc "$target" | cmp -s - "$source_file"; then
    exit 0
  fi
  echo "archive-wal: $target exists with other contents; not overwriting it" >&2
  exit 1
fi

partial="$target.partial.$$"
trap 'rm -f "$partial"' EXIT
gzip -c -1 "$source_file" >"$partial"
sync "$partial"
mv "$partial" "$target"
trap - EXIT
sync "$archive"
