#!/usr/bin/env bash
# Installs (if missing) and starts a local RabbitMQ broker on 127.0.0.1:5672 (guest/guest, loopback only),
# for the RabbitMQ end-to-end tests and for running the hub and subsystems as separate processes.
# Debian/Ubuntu; needs root (or sudo) for the install. Idempotent: a running broker is left alone.
set -euo pipefail

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

if ! command -v rabbitmq-server >/dev/null; then
  as_root apt-get update -qq || true
  # The package cannot start the service itself in a container; that failure is expected and harmless.
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq rabbitmq-server >/dev/null || command -v rabbitmq-server >/dev/null
fi

if as_root rabbitmqctl -q status >/dev/null 2>&1; then
  echo "RabbitMQ already running on 127.0.0.1:5672"
  exit 0
fi

as_root env RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 ERL_EPMD_ADDRESS=127.0.0.1 rabbitmq-server -detached
# -detached returns before the Erlang node has registered, and await_startup fails at once on a node
# that is not registered yet; so wait for the node first, then for the broker inside it.
for _ in $(seq 1 120); do
  if as_root rabbitmqctl -q await_startup --timeout 5 >/dev/null 2>&1; then
    echo "RabbitMQ running on 127.0.0.1:5672 (guest/guest); stop it with: rabbitmqctl stop"
    exit 0
  fi
  sleep 1
done
echo "RabbitMQ did not come up within two minutes; see /var/log/rabbitmq" >&2
exit 1
