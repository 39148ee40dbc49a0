#!/usr/bin/env bash
# ensure-peers.sh - make the real peer programs the machine-intake tests start available:
#   prometheus-alertmanager (a real client of the Events API v2 endpoint),
#   prometheus and its promtool (the self-monitoring loop scrapes a Host; the alert rules are checked) and
#   dovecot-imapd (a real IMAP mailbox for e-mail intake),
#   chromium (Debian's browser, driven by the console's Playwright tests) and
#   nginx (the TLS-terminating reverse proxy of infra/proxy, in front of a Host) and
#   poppler-utils (pdftotext and pdffonts read the issued PDF documents back, as a person's tools would).
#
#   source infra/testenv/ensure-peers.sh   # exports IR_TEST_ALERTMANAGER, IR_TEST_PROMETHEUS, IR_TEST_PROMTOOL, IR_TEST_DOVECOT, IR_TEST_CHROMIUM, IR_TEST_NGINX
#   infra/testenv/ensure-peers.sh          # prints eval-able `export ...` lines
#
# Installed with apt-get (as root on Debian) only when missing; an installed peer costs nothing.
# The packages' own services are not used: the tests start their own processes on free ports.
# Values already set are kept (e.g. a laptop pointing at its own binaries).
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
mkdir -p "$state_dir"
say() { printf 'ensure-peers: %s\n' "$*" >&2; }
die() { say "ERROR: $*"; exit 1; }
emit() { printf 'export %s=%q\n' "$1" "$2"; }

apt_install() {
  command -v apt-get >/dev/null && [[ -f /etc/debian_version ]] || die "cannot install $*: not a Debian system with apt-get"
  [[ $(id -u) = 0 ]] || die "cannot install $*: not root (install them, or set IR_TEST_ALERTMANAGER / IR_TEST_PROMETHEUS / IR_TEST_DOVECOT)"
  local apt_log="$state_dir/apt.log"
  say "installing $* with apt-get (log: $apt_log)"
  export DEBIAN_FRONTEND=noninteractive
  # policy-rc.d 101: the packages' services are not started (no init system here; tests run their own).
  local policy=/usr/sbin/policy-rc.d created=""
  if [[ ! -e $policy ]]; then printf '#!/bin/sh\nexit 101\n' >"$policy"; chmod +x "$policy"; created=1; fi
  local ok=0
  apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends "$@" >>"$apt_log" 2>&1 && ok=1
  if [[ $ok = 0 ]]; then
    { apt-get -o DPkg::Lock::Timeout=300 update -qq && apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends "$@"; } >>"$apt_log" 2>&1 && ok=1
  fi
  [[ -n $created ]] && rm -f "$policy"
  [[ $ok = 1 ]] || die "apt-get install $* failed; last lines of $apt_log:"$'\n'"$(tail -n 15 "$apt_log")"
}

alertmanager="${IR_TEST_ALERTMANAGER:-}"
if [[ -z $alertmanager ]]; then
  alertmanager=$(command -v prometheus-alertmanager || true)
  if [[ -z $alertmanager ]]; then
    apt_install prometheus-alertmanager
    alertmanager=$(command -v prometheus-alertmanager) || die "prometheus-alertmanager installed but not on PATH"
  fi
fi

prometheus="${IR_TEST_PROMETHEUS:-}"
promtool="${IR_TEST_PROMTOOL:-}"
if [[ -z $prometheus || -z $promtool ]]; then
  prometheus=${prometheus:-$(command -v prometheus || true)}
  promtool=${promtool:-$(command -v promtool || true)}
  if [[ -z $prometheus || -z $promtool ]]; then
    apt_install prometheus
    prometheus=$(command -v prometheus) || die "prometheus installed but not on PATH"
    promtool=$(command -v promtool) || die "prometheus installed but promtool not on PATH"
  fi
fi

dovecot="${IR_TEST_DOVECOT:-}"
if [[ -z $dovecot ]]; then
  dovecot=$(command -v dovecot || true)
  if [[ -z $dovecot || ! -x /usr/lib/dovecot/imap ]]; then
    apt_install dovecot-imapd
    dovecot=$(command -v dovecot) || die "dovecot-imapd installed but dovecot not on PATH"
  fi
fi

chromium="${IR_TEST_CHROMIUM:-}"
if [[ -z $chromium ]]; then
  chromium=$(command -v chromium || true)
  if [[ -z $chromium ]]; then
    apt_install chromium
    chromium=$(command -v chromium) || die "chromium installed but not on PATH"
  fi
fi

nginx="${IR_TEST_NGINX:-}"
if [[ -z $nginx ]]; then
  nginx=$(command -v nginx || true)
  [[ -z $nginx && -x /usr/sbin/nginx ]] && nginx=/usr/sbin/nginx
  if [[ -z $nginx ]]; then
    apt_install nginx
    nginx=/usr/sbin/nginx
    [[ -x $nginx ]] || die "nginx installed but /usr/sbin/nginx missing"
  fi
fi

# The document tests run pdftotext and pdffonts from PATH; a fresh machine has neither.
if ! command -v pdftotext >/dev/null || ! command -v pdffonts >/dev/null; then
  apt_install poppler-utils
  command -v pdftotext >/dev/null && command -v pdffonts >/dev/null || die "poppler-utils installed but pdftotext or pdffonts not on PATH"
fi

say "alertmanager $alertmanager, prometheus $prometheus, dovecot $dovecot, chromium $chromium, nginx $nginx, pdftotext $(command -v pdftotext)"
emit IR_TEST_ALERTMANAGER "$alertmanager"
emit IR_TEST_PROMETHEUS "$prometheus"
emit IR_TEST_PROMTOOL "$promtool"
emit IR_TEST_DOVECOT "$dovecot"
emit IR_TEST_CHROMIUM "$chromium"
emit IR_TEST_NGINX "$nginx"
