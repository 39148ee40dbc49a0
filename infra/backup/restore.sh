#!/usr/bin/env bash
# restore.sh - prepares a PostgreSQL data directory from a base backup and the WAL archive, to be
# recovered up to a point in time (or to the end of the archive) when the server next starts.
#
#   restore.sh --dir /var/lib/ir-backup --pgdata /var/lib/postgresql/15/main \
#              [--target-time 2026-12-03T09:15:00+07:00] [--backup <stamp>] [--no-archiving]
#
# --dir          the backup directory of backup.sh (base/ and wal/)
# --pgdata       an empty (or absent) data directory for the new server; never the live one
# --target-time  recover up to this moment (ISO 8601; an offset or Z is required) and no further;
#                without it, recover every WAL file in the archive
# --backup       the base backup to start from (a name under base/); by default the newest one that
#                completed before the target time
# --no-archiving the recovered server archives no WAL (a restore drill beside production, which must
#                not write into production's archive)
# Then start PostgreSQL on --pgdata: it replays the WAL, stops at the target, and opens read-write on
# a new timeline ("database system is ready to accept connections"). Run as root (the files are then
# given to user postgres) or as postgres.
set -euo pipefail

dir="" pgdata="" target="" backup="" no_archiving=false
usage() {
  echo "usage: restore.sh --dir <backup directory> --pgdata <empty data directory> [--target-time <ISO 8601>] [--backup <name>] [--no-archiving]" >&2
  exit 64
}
while (($#)); do
  case "$1" in
    --dir) dir="${2:-}"; shift 2 || usage ;;
    --pgdata) pgdata="${2:-}"; shift 2 || usage ;;
    --target-time) target="${2:-}"; shift 2 || usage ;;
    --backup) backup="${2:-}"; shift 2 || usage ;;
    --no-archiving) no_archiving=true; shift ;;
    -h | --help) usage ;;
    *) echo "restore.sh: unknown argument $1" >&2; usage ;;
  esac
done
[[ -n "$dir" && -n "$pgdata" ]] || usage

say() { printf 'restore.sh: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }

[[ -d "$dir/base" ]] || die "$dir/base does not exist: not a backup directory of backup.sh"
if [[ -e "$pgdata" && -n "$(ls -A "$pgdata")" ]]; then
  die "$pgdata is not empty; restore into an empty directory (move the old one aside first)"
fi

target_epoch=""
target_pg=""
if [[ -n "$target" ]]; then
  [[ "$target" =~ (Z|[+-][0-9]{2}(:?[0-9]{2})?)$ ]] || die "--target-time '$target' needs a time zone (Z or +07:00)"
  target_epoch="$(date -u -d "$target" +%s.%N)" || die "--target-time '$target' is not a date and time"
  target_pg="$(date -u -d "@$target_epoch" '+%Y-%m-%d %H:%M:%S.%6N+00')"
fi

# The base backup: the one named, else the newest complete one that completed before the target.
if [[ -n "$backup" ]]; then
  chosen="$dir/base/$backup"
  [[ -f "$chosen/completed-at" ]] || die "$chosen is not a complete base backup"
else
  chosen=""
  while read -r candidate; do
    [[ -f "$candidate/completed-at" ]] || continue
    if [[ -n "$target_epoch" ]]; then
      completed="$(date -u -d "$(cat "$candidate/completed-at")" +%s)"
      awk -v c="$completed" -v t="$target_epoch" 'BEGIN { exit !(c <= t) }' || continue
    fi
    chosen="$candidate"
  done < <(find "$dir/base" -mindepth 1 -maxdepth 1 -type d -name '*Z' | sort)
  [[ -n "$chosen" ]] || die "no complete base backup in $dir/base${target:+ completed before $target}"
fi
if [[ -n "$target_epoch" ]]; then
  completed="$(date -u -d "$(cat "$chosen/completed-at")" +%s)"
  awk -v c="$completed" -v t="$target_epoch" 'BEGIN { exit !(c <= t) }' ||
    die "$chosen completed at $(cat "$chosen/completed-at"), after the target $target: choose an older one"
fi
say "base backup $chosen (completed $(cat "$chosen/completed-at"))${target:+, recovering up to $target_pg}"

mkdir -p "$pgdata"
chmod 700 "$pgdata"
tar -xzf "$chosen/base.tar.gz" -C "$pgdata"
mkdir -p "$pgdata/pg_wal"
tar -xzf "$chosen/pg_wal.tar.gz" -C "$pgdata/pg_wal"
wal_archive="$(cd "$dir/wal" && pwd)"
{
  echo "# Written by infra/backup/restore.sh for the recovery from $(basename "$chosen"); remove after it."
  echo "restore_command = 'gzip -dc \"$wal_archive/%f.gz\" > \"%p\"'"
  if [[ -n "$target_pg" ]]; then
    echo "recovery_target_time = '$target_pg'"
  fi
  echo "recovery_target_action = 'promote'"
  if [[ "$no_archiving" == true ]]; then
    echo "archive_mode = 'off'"
  fi
} >>"$pgdata/postgresql.auto.conf"
touch "$pgdata/recovery.signal"
if [[ "$(id -u)" -eq 0 ]] && id postgres >/dev/null 2>&1; then
  chown -R postgres:postgres "$pgdata"
fi
say "ready: start PostgreSQL on $pgdata; it replays WAL from $wal_archive and then opens for writing"
