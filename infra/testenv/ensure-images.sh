#!/usr/bin/env bash
# ensure-images.sh - decide the RabbitMQ and PostgreSQL images for the tests.
#
#   source infra/testenv/ensure-images.sh   # exports the variables into this shell
#   infra/testenv/ensure-images.sh          # prints eval-able `export ...` lines
#
# Runs ensure-docker.sh first (cheap when the engine is up), then, for each of
# IR_TEST_RABBITMQ_IMAGE and IR_TEST_POSTGRES_IMAGE that is not already set:
# use the official image if it is present or can be pulled, else build a
# stand-in from Debian packages (recipes in infra/test-images/), tagged by a hash
# of its recipe so that an unchanged recipe is never built twice.
# Knobs: IR_TESTENV_STATE_DIR, IR_TESTENV_PULL_TIMEOUT (s), IR_TESTENV_DEBIAN_MIRROR.

# Sourced: do the work in a strict-mode child and import only its exports.
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

# Official images, used whenever they can be had (developer laptops).
OFFICIAL_RABBITMQ_IMAGE=rabbitmq:3.13-management
OFFICIAL_POSTGRES_IMAGE=postgres:16
# Repository names of the stand-ins; the tag is the recipe hash.
STANDIN_REPO=incidentresponse-test

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
recipes="$(cd "$here/../test-images" && pwd)"
state_dir="${IR_TESTENV_STATE_DIR:-/var/tmp/incidentresponse-testenv}"
pull_timeout="${IR_TESTENV_PULL_TIMEOUT:-20}"

say() { printf 'ensure-images: %s\n' "$*" >&2; }
die() { say "ERROR: $*"; exit 1; }
emit() { printf 'export %s=%q\n' "$1" "$2"; }

# The engine and its variables (DOCKER_API_VERSION for the docker CLI, too).
docker_env="$(bash "$here/ensure-docker.sh")" || die "no Docker engine (see ensure-docker above)"
eval "$docker_env"

# Legacy builder when the buildx plugin is absent (Debian's docker.io, CLI 28 alone).
docker buildx version >/dev/null 2>&1 || export DOCKER_BUILDKIT=0

image_exists() { docker image inspect "$1" >/dev/null 2>&1; }

# 12 hex digits of a hash over the files (names and contents) of recipe dirs $@.
recipe_hash() {
  (cd "$recipes" && find "$@" -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum) |
    sha256sum | cut -c1-12
}

# Removes the other tags of repository $1 (older recipes) but $2; best effort
# (an image still in use, or an old base with old children, stays).
prune_old_tags() {
  local old
  for old in $(docker image ls --format '{{.Repository}}:{{.Tag}}' "$1" | grep -vxF "$2" || true); do
    if docker rmi "$old" >/dev/null 2>&1; then say "removed outdated image $old"; fi
  done
}

# Unmounts anything left under $1 and removes it without crossing mounts.
remove_root() {
  local m
  awk -v r="$1" '$2 == r || index($2, r "/") == 1 {print $2}' /proc/mounts | sort -r |
    while read -r m; do umount -l "$m" || true; done
  rm -rf --one-file-system "$1"
}

# Builds the base image $1 from base/: debootstrap, then `docker import`.
build_base() {
  local tag="$1" root="$state_dir/rootfs.$$" log="$state_dir/debootstrap.log" start=$SECONDS
  [[ "$EUID" -eq 0 ]] || die "building $tag needs root (debootstrap)"
  if ! command -v debootstrap >/dev/null; then
    say "installing debootstrap with apt-get"
    export DEBIAN_FRONTEND=noninteractive
    { apt-get install -y -qq debootstrap || { apt-get update -qq && apt-get install -y -qq debootstrap; }; } \
      >>"$state_dir/apt.log" 2>&1 || die "apt-get install debootstrap failed; see $state_dir/apt.log"
  fi
  say "building base image $tag: debootstrap (minutes), log: $log"
  trap 'remove_root "$root"' EXIT
  local old_root # left by a killed run (we hold the lock, so nobody uses it)
  for old_root in "$state_dir"/rootfs.*; do
    if [[ -e "$old_root" ]]; then remove_root "$old_root"; fi
  done
  mkdir -p "$root"
  # In RAM when there is room: no disk I/O for dpkg, and clean-up is an umount.
  if (($(awk '/^MemAvailable:/ {print int($2 / 1048576)}' /proc/meminfo) >= 4)); then
    mount -t tmpfs -o size=3g,mode=755 incidentresponse-rootfs "$root" || true
  fi
  "$recipes/base/build-rootfs.sh" "$root" >"$log" 2>&1 ||
    die "debootstrap failed; last lines of $log:"$'\n'"$(tail -n 15 "$log")"
  tar --numeric-owner --one-file-system -C "$root" -c . |
    docker import --message "debootstrap of $recipes/base" - "$tag" >/dev/null ||
    die "docker import of $root failed"
  remove_root "$root"
  trap - EXIT
  say "built $tag in $((SECONDS - start)) s"
}

# Echoes the stand-in image for recipe dir $1 (rabbitmq|postgres), building it if needed.
standin_image() {
  local name="$1" base_tag tag start
  base_tag="$STANDIN_REPO/base:$(recipe_hash base)"
  tag="$STANDIN_REPO/$name:$(recipe_hash base "$name")"
  if image_exists "$tag"; then
    say "reusing image $tag (recipe unchanged)"
  else
    image_exists "$base_tag" || build_base "$base_tag"
    say "building image $tag (log: $state_dir/build-$name.log)"
    start=$SECONDS
    docker build --build-arg BASE_IMAGE="$base_tag" -t "$tag" "$recipes/$name" \
      >"$state_dir/build-$name.log" 2>&1 ||
      die "docker build of $tag failed; last lines:"$'\n'"$(tail -n 15 "$state_dir/build-$name.log")"
    say "built $tag in $((SECONDS - start)) s"
    prune_old_tags "$STANDIN_REPO/$name" "$tag"
    prune_old_tags "$STANDIN_REPO/base" "$base_tag"
  fi
  echo "$tag"
}

# Echoes the image for $1 (rabbitmq|postgres): official $2 if obtainable, else the stand-in.
choose_image() {
  local err
  if image_exists "$2"; then
    say "using official image $2 (present locally)"
    echo "$2"
  elif err="$(timeout "$pull_timeout" docker pull -q "$2" 2>&1 >/dev/null)"; then
    say "using official image $2 (pulled)"
    echo "$2"
  else
    err="${err##*$'\n'}"
    say "official image $2 not available (${err:-pull timed out}); using the stand-in"
    standin_image "$1"
  fi
}

# One builder at a time (fd 9 holds the lock until exit).
if ! { mkdir -p "$state_dir" && exec 9>"$state_dir/images.lock"; }; then
  die "cannot write to $state_dir (set IR_TESTENV_STATE_DIR to a writable dir)"
fi
flock -n 9 || { say "waiting for another ensure-images run"; flock 9; }

rabbitmq_image="${IR_TEST_RABBITMQ_IMAGE:-}"
postgres_image="${IR_TEST_POSTGRES_IMAGE:-}"
[[ -n "$rabbitmq_image" ]] && say "keeping IR_TEST_RABBITMQ_IMAGE=$rabbitmq_image"
[[ -n "$postgres_image" ]] && say "keeping IR_TEST_POSTGRES_IMAGE=$postgres_image"
[[ -n "$rabbitmq_image" ]] || rabbitmq_image="$(choose_image rabbitmq "$OFFICIAL_RABBITMQ_IMAGE")"
[[ -n "$postgres_image" ]] || postgres_image="$(choose_image postgres "$OFFICIAL_POSTGRES_IMAGE")"

printf '%s\n' "$docker_env"
emit IR_TEST_RABBITMQ_IMAGE "$rabbitmq_image"
emit IR_TEST_POSTGRES_IMAGE "$postgres_image"
