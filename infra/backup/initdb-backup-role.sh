#!/usr/bin/env bash
# initdb-backup-role.sh - run once by the postgres image when it creates the cluster (mounted into
# /docker-entrypoint-initdb.d/): the role that takes base backups (and a standby replicates as), and
# the pg_hba.conf line that lets it connect over the network for replication.
# An existing cluster gets the same by hand: runbooks/operations/backup-and-restore.md.
set -euo pipefail
: "${IR_BACKUP_DB_PASSWORD:?set IR_BACKUP_DB_PASSWORD for the ir_backup role}"
psql -v ON_ERROR_STOP=1 --no-psqlrc --username "${POSTGRES_USER:-postgres}" --dbname postgres \
  -v pw="$IR_BACKUP_DB_PASSWORD" <<'SQL'
CREATE ROLE ir_backup WITH LOGIN REPLICATION PASSWORD :'pw';
SQL
echo "host replication ir_backup all scram-sha-256" >>"$PGDATA/pg_hba.conf"
