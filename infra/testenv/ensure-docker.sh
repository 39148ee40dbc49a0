#!/usr/bin/env bash
# ensure-docker.sh - make a Docker engine available for the Testcontainers tests.
#
#   source infra/testenv/ensure-docker.sh   # exports the variables into this shell
#   infra/testenv/ensure-docker.sh          # prints eval-able `export ...` lines
#
# If `docker info` already works (developer laptop), nothing is started.
# Otherwise, as root on Debian: install docker.io if dockerd is missing, start
# dockerd in the background (overlay2, vfs as fallback) and wait for it.
# When no engine can be had it says why and fails; it never continues silently.
#
# Exports TESTCONTAINERS_RYUK_DISABLED=true, TESTCONTAINERS_HOST_OVERRIDE=127.0.0.1
# and, for engines older than API 1.44 (the Testcontainers default),
# DOCKER_API_VERSION=<engine API version>. Values already set are kept.
# Knobs: IR_TESTENV_STATE_DIR, IR_TESTENV_DOCKER_TIMEOUT (s), IR_TESTENV_STORAGE_DRIVER.

# Sourced: do the work in a strict-mode child and import only its exports, so
# the caller's shell options are left alone. Messages go to stderr.
if [[ "${BASH_SOURCE[0]}" != "$0" ]]; then
  if _ir_exports="$(bash "${BASH_SOURCE[0]}")"; then
    eval "$_ir_exports"
    unset _ir_exports
    return 0
  fi
  unset _ir_exports
  return 1
fi

set -euo pipefail

state_dir="${IR_TESTENV_STATE_DIR:-/var/tmp/incidentresponse-testenv}"
timeout_s="${IR_TESTENV_DOCKER_TIMEOUT:-30}"
pid_file=/var/run/docker.pid
log="$state_dir/dockerd.log"

say() { printf 'ensure-docker: %s\n' "$*" >&2; }
die() { say "ERROR: $*"; exit 1; }
emit() { printf 'export %s=%q\n' "$1" "$2"; }

# Probe with API negotiation: a stale DOCKER_API_VERSION must not hide an engine.
docker_ok() { env -u DOCKER_API_VERSION docker info >/dev/null 2>&1; }

# True when $1 < $2 as dotted versions.
version_lt() { [[ "$1" != "$2" && "$(printf '%s\n%s\n' "$1" "$2" | sort -V | head -n1)" == "$1" ]]; }

# Install Debian packages quietly; refresh the package lists once if needed.
apt_install() {
  if ! command -v apt-get >/dev/null || [[ ! -f /etc/debian_version ]]; then
    die "cannot install $*: this is not a Debian system with apt-get"
  fi
  local apt_log="$state_dir/apt.log"
  say "installing $* with apt-get (log: $apt_log)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq "$@" >>"$apt_log" 2>&1 && return 0
  if ! { apt-get update -qq && apt-get install -y -qq "$@"; } >>"$apt_log" 2>&1; then
    die "apt-get install $* failed; last lines of $apt_log:"$'\n'"$(tail -n 15 "$apt_log")"
  fi
}

# True if process $1 exists and is not a zombie (a killed dockerd can linger as
# one when PID 1 is slow to reap).
alive() {
  local state
  state="$(sed -E 's/^.*\) ([A-Za-z]).*$/\1/' "/proc/$1/stat" 2>/dev/null)" || return 1
  [[ -n "$state" && "$state" != Z ]]
}

# Prints the pid from the pid file if that process is a live dockerd.
live_dockerd_pid() {
  local pid
  [[ -s "$pid_file" ]] || return 1
  pid="$(<"$pid_file")"
  [[ "$pid" =~ ^[0-9]+$ && "$(cat "/proc/$pid/comm" 2>/dev/null)" == dockerd ]] || return 1
  alive "$pid" || return 1
  echo "$pid"
}

# Waits until `docker info` works; fails early if process $1 has exited.
wait_for_engine() {
  local pid="$1" deadline=$((SECONDS + timeout_s))
  while ((SECONDS < deadline)); do
    docker_ok && return 0
    alive "$pid" || return 1
    sleep 0.5
  done
  docker_ok
}

# Starts dockerd with storage driver $1 in its own session, logging to $log.
start_dockerd() {
  say "starting dockerd (storage driver $1), log: $log"
  # Keep the log bounded: past 10 MB the previous one becomes dockerd.log.old.
  if [[ -f "$log" ]] && (($(stat -c %s "$log") > 10485760)); then mv -f "$log" "$log.old"; fi
  printf '\n=== %s dockerd --storage-driver=%s\n' "$(date -Is)" "$1" >>"$log"
  # Every inherited descriptor above 2 is closed so that dockerd holds no lock forever: fd 9 is ours, and a
  # caller's own (`flock /some/lock ./test.sh` passes its lock as fd 3) would otherwise stay locked until
  # dockerd ends.
  (
    for fd in /proc/self/fd/*; do
      fd="${fd##*/}"
      ((fd > 2)) && eval "exec ${fd}>&-" 2>/dev/null
    done
    exec setsid dockerd --storage-driver="$1" >>"$log" 2>&1 </dev/null
  ) &
  started_pid=$!
  wait_for_engine "$started_pid"
}

start_engine() {
  [[ "$EUID" -eq 0 ]] ||
    die "no Docker engine answers 'docker info', and starting one needs root (running as $(id -un)). Start Docker yourself."
  mkdir -p "$state_dir"
  exec 9>"$state_dir/docker.lock" # one starter at a time
  flock 9
  docker_ok && return 0 # another run started it meanwhile

  if ! command -v dockerd >/dev/null || ! command -v docker >/dev/null; then
    apt_install docker.io
  fi

  local pid
  if pid="$(live_dockerd_pid)"; then
    say "dockerd (pid $pid) is running but not answering yet; waiting up to ${timeout_s}s"
    wait_for_engine "$pid" && return 0
    if alive "$pid"; then
      die "dockerd (pid $pid) did not answer within ${timeout_s}s; last lines of $log:"$'\n'"$(tail -n 15 "$log" 2>/dev/null)"
    fi
    say "dockerd (pid $pid) exited meanwhile"
  fi
  if [[ -e "$pid_file" ]]; then
    say "removing stale $pid_file (its dockerd is gone)"
    rm -f "$pid_file"
  fi
  # The containerd of a killed dockerd dies with it; while it is a zombie, the
  # next dockerd would wait for it ("containerd is still running") and time out.
  local cpid_file=/var/run/docker/containerd/containerd.pid cpid
  if [[ -s "$cpid_file" ]]; then
    cpid="$(<"$cpid_file")"
    if [[ ! "$cpid" =~ ^[0-9]+$ ]] || ! alive "$cpid"; then
      say "removing stale $cpid_file (its containerd is gone)"
      rm -f "$cpid_file"
    fi
  fi

  local drivers=(overlay2 vfs) driver
  [[ -n "${IR_TESTENV_STORAGE_DRIVER:-}" ]] && drivers=("$IR_TESTENV_STORAGE_DRIVER")
  for driver in "${drivers[@]}"; do
    start_dockerd "$driver" && return 0
    if alive "$started_pid"; then
      die "dockerd (pid $started_pid) did not answer within ${timeout_s}s; last lines of $log:"$'\n'"$(tail -n 15 "$log")"
    fi
    # Only a storage driver problem is worth another driver.
    tail -n 5 "$log" | grep -q 'graphdriver' ||
      die "dockerd failed to start; last lines of $log:"$'\n'"$(tail -n 15 "$log")"
    say "dockerd cannot use storage driver $driver"
  done
  die "dockerd failed to start with any storage driver; last lines of $log:"$'\n'"$(tail -n 15 "$log")"
}

if docker_ok; then
  say "Docker engine already running"
else
  start_engine
fi

server_api="$(env -u DOCKER_API_VERSION docker version --format '{{.Server.APIVersion}}')" ||
  die "cannot read the engine's API version"
say "engine API version $server_api"

emit TESTCONTAINERS_RYUK_DISABLED "${TESTCONTAINERS_RYUK_DISABLED:-true}"
emit TESTCONTAINERS_HOST_OVERRIDE "${TESTCONTAINERS_HOST_OVERRIDE:-127.0.0.1}"
# Testcontainers asks for API 1.44 unless told otherwise; older engines (20.10
# speaks 1.41) refuse that. The docker CLI honours the same variable.
if version_lt "$server_api" 1.44; then
  emit DOCKER_API_VERSION "$server_api"
elif [[ -n "${DOCKER_API_VERSION:-}" ]]; then
  emit DOCKER_API_VERSION "$DOCKER_API_VERSION"
fi
