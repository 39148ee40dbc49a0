#!/usr/bin/env bash
# Entrypoint of the RabbitMQ stand-in: honours the official image's environment
# (RABBITMQ_DEFAULT_USER / _PASS / _VHOST), logs to stdout, node rabbit@localhost,
# AMQP 5672 and management 15672 on all interfaces, server runs as user rabbitmq.
# Clustering as with the official image: RABBITMQ_NODENAME (rabbit@<hostname>),
# one Erlang cookie for every node (RABBITMQ_ERLANG_COOKIE) and peer discovery
# by configuration (a file mounted in /etc/rabbitmq/conf.d/).
set -euo pipefail

# `docker run IMAGE -flags` means flags for the server; any other command runs as is.
[[ "${1:-}" == -* ]] && set -- rabbitmq-server "$@"
[[ "${1:-}" == rabbitmq-server ]] || exec "$@"

data=/var/lib/rabbitmq
mkdir -p "$data/mnesia" /var/log/rabbitmq

# One cookie in $HOME (= $data) serves the server and root's rabbitmqctl: the
# cluster's shared one when given, else a random one made on first start.
if [[ -n "${RABBITMQ_ERLANG_COOKIE:-}" ]]; then
  printf '%s' "$RABBITMQ_ERLANG_COOKIE" >"$data/.erlang.cookie"
elif [[ ! -s "$data/.erlang.cookie" ]]; then
  LC_ALL=C tr -dc "[:upper:]" </dev/urandom | head -c 32 >"$data/.erlang.cookie" || true
fi
chmod 600 "$data/.erlang.cookie"
chown -R rabbitmq:rabbitmq "$data" /var/log/rabbitmq

# Credentials go into advanced.config as Erlang binaries written byte by byte
# (<<117,...>>), so no value needs quoting and UTF-8 survives as is.
erl_bin() {
  local bytes
  bytes="$(printf '%s' "$1" | od -An -tu1 -v | tr -s ' \n' ',,')"
  bytes="${bytes#,}"
  printf '<<%s>>' "${bytes%,}"
}
{
  printf '[{rabbit, [\n  {default_user, %s},\n  {default_pass, %s}' \
    "$(erl_bin "${RABBITMQ_DEFAULT_USER:-guest}")" "$(erl_bin "${RABBITMQ_DEFAULT_PASS:-guest}")"
  if [[ -n "${RABBITMQ_DEFAULT_VHOST:-}" ]]; then
    printf ',\n  {default_vhost, %s}' "$(erl_bin "$RABBITMQ_DEFAULT_VHOST")"
  fi
  printf '\n]}].\n'
} >/etc/rabbitmq/advanced.config
chown root:rabbitmq /etc/rabbitmq/advanced.config
chmod 640 /etc/rabbitmq/advanced.config

# The server would also read RABBITMQ_DEFAULT_* itself, but turns non-ASCII into
# Latin-1; without them it takes the exact bytes from advanced.config.
# The cookie is in the file now (the server would warn that the variable is deprecated).
exec env -u RABBITMQ_DEFAULT_USER -u RABBITMQ_DEFAULT_PASS -u RABBITMQ_DEFAULT_VHOST -u RABBITMQ_ERLANG_COOKIE \
  setpriv --reuid=rabbitmq --regid=rabbitmq --init-groups "$@"
