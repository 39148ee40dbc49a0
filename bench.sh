#!/usr/bin/env bash
# Runs the benchmarks (issues 8 and 23) against real RabbitMQ and durable PostgreSQL containers (fsync,
# synchronous_commit and full_page_writes on, checked with SHOW), set up the way ./test.sh sets them up;
# the Host under test runs published, in its own process. Prints a table of figures beside the baselines
# measured in the same run (B1 raw accept, B2 raw ingest, B3 raw end to end; docs/benchmarks/README.md).
#   ./bench.sh --quick               every scenario at small sizes, shipped settings only (4 min 25 s here, 4 min 13 s of it measuring;
#                                    about 1 min more right after a commit, which rebuilds every project, and 2 min more when the Host is published again)
#   ./bench.sh                       the full sizes the targets name (about 30 minutes before durable storage; not yet timed since)
#   ./bench.sh --only storm,memory   some scenarios; --out FILE for the JSON (artifacts/benchmarks/results.json)
# Every run also writes artifacts/benchmarks/summary.json (whatever --out says; what ../shared/checks/lean reads).
# It prints and writes figures; it never fails on a missed target.
set -euo pipefail
cd "$(dirname "$0")"

# shellcheck source=infra/testenv/ensure-images.sh
source infra/testenv/ensure-images.sh || { echo "bench.sh: no container engine or images, see above" >&2; exit 1; }
dotnet build tests/IncidentResponse.Benchmarks -c Release -nologo -v q
# The Host as infra/docker/Host.Dockerfile ships it (ReadyToRun), for the start-up scenario; published
# again only when a service's file (or the build's props) changed since.
published=artifacts/benchmarks/host-published/IncidentResponse.Host.dll
if [[ ! -f "$published" ]] || [[ -n "$(find services Directory.Build.props Directory.Packages.props -type f -newer "$published" \
      -not -path '*/bin/*' -not -path '*/obj/*' -print -quit)" ]]; then
  dotnet publish services/IncidentResponse.Host -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true \
    -o artifacts/benchmarks/host-published -nologo -v q
fi
exec dotnet run --no-build -c Release --project tests/IncidentResponse.Benchmarks -- "$@"
