#!/usr/bin/env bash
# Adds an EF Core migration for both providers (SQLite and PostgreSQL) of one service or all.
# Usage: infra/scripts/add-migration.sh <MigrationName> [Service ...]   e.g. AddReports Intake
set -euo pipefail
cd "$(dirname "$0")/../.."
name=${1:?usage: add-migration.sh <MigrationName> [Service ...]}
shift
services=("$@")
[ ${#services[@]} -gt 0 ] || services=(Access Intake Triage Notifications Escalation Web)
dotnet tool restore >/dev/null
for service in "${services[@]}"; do
  project="services/IncidentResponse.$service"
  dotnet build "$project" -nologo -v q >/dev/null
  for provider in Sqlite Postgres; do
    echo "== $service / $provider: $name"
    dotnet ef migrations add "$name" --no-build \
      --project "$project" --startup-project "$project" \
      --context "$provider${service}DbContext" \
      --output-dir "Data/Migrations/$provider"
  done
done
