#!/usr/bin/env bash
# backup.sh - one base backup of the PostgreSQL server, then retention of base backups and WAL.
#
#   PGHOST=postgres PGUSER=ir_backup PGPASSWORD=… backup.sh --dir /var/lib/ir-backup [--keep 7]
#
# Layout under --dir (the same the archive_command writes to, see postgresql-archiving.conf):
#   base/<UTC stamp>/base.tar.gz, pg_wal.tar.gz, backup_manifest  one pg_basebackup, tar format
#   base/<UTC stamp>/completed-at                                 when it finished (ISO 8601, UTC)
#   base/<UTC stamp>/start-wal                                    the first WAL file it needs
#   wal/<segment>.gz                                              archived WAL (archive-wal.sh)
# A backup is written under <stamp>.partial and renamed only once complete, so restore.sh never picks
# a half one. Then only the newest --keep complete base backups stay, and WAL older than the oldest of
# them is removed (pg_archivecleanup): a restore can reach any moment since that oldest backup.
# Connection: the libpq variables (PGHOST, PGPORT, PGUSER, PGPASSWORD or ~/.pgpass); the role needs
# REPLICATION and a `host replication` line in pg_hba.conf. Run it daily (cron, systemd timer, or the
# pg-backup service of infra/compose/docker-compose.backup.yml).
set -euo pipefail

dir=""
keep=7
usage() { echo "usage: backup.sh --dir <backup directory> [--keep <base backups to keep, default 7>]" >&2; exit 64; }
while (($#)); do
  case "$1" in
    --dir) dir="${2:-}"; shift 2 || usage ;;
    --keep) keep="${2:-}"; shift 2 || usage ;;
    -h | --help) usage ;;
    *) echo "backup.sh: unknown argument $1" >&2; usage ;;
  esac
done
[[ -n "$dir" ]] || usage
[[ "$keep" =~ ^[1-9][0-9]*$ ]] || { echo "backup.sh: --keep must be a number of at least 1" >&2; exit 64; }

say() { printf 'backup.sh: %s\n' "$*" >&2; }

mkdir -p "$dir/base" "$dir/wal"
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
target="$dir/base/$stamp"
partial="$target.partial"
rm -rf "$partial"
trap 'rm -rf "$partial"' EXIT

say "base backup of ${PGHOST:-the local server} into $target"
# -X stream: the WAL written meanwhile is in the backup itself, so it restores even without the archive.
pg_basebackup --pgdata="$partial" --format=tar --gzip --wal-method=stream \
  --checkpoint=fast --label="incidentresponse $stamp" --no-password
tar -xzOf "$partial/base.tar.gz" backup_label |
  sed -n 's/^START WAL LOCATION: .*(file \([0-9A-F]\{24\}\))$/\1/p' >"$partial/start-wal"
[[ -s "$partial/start-wal" ]] || { say "no START WAL LOCATION in the backup's backup_label"; exit 1; }
date -u +%Y-%m-%dT%H:%M:%SZ >"$partial/completed-at"
sync "$partial"/*
mv "$partial" "$target"
trap - EXIT
say "done: $target ($(du -sh "$target" | cut -f1))"

# Retention: the newest $keep complete backups (names sort by time), and the WAL they need.
mapfile -t backups < <(find "$dir/base" -mindepth 1 -maxdepth 1 -type d -name '*Z' | sort)
if ((${#backups[@]} > keep)); then
  for old in "${backups[@]:0:${#backups[@]}-keep}"; do
    say "removing base backup $old (more than $keep kept)"
    rm -rf "$old"
  done
fi
oldest="$(find "$dir/base" -mindepth 1 -maxdepth 1 -type d -name '*Z' | sort | head -n 1)"
if [[ -n "$oldest" && -s "$oldest/start-wal" ]]; then
  pg_archivecleanup -x .gz "$dir/wal" "$(cat "$oldest/start-wal")"
fi
