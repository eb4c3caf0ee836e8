#!/usr/bin/env bash
# Installs (if missing) and starts a local RabbitMQ broker on 127.0.0.1:5672 (guest/guest), loopback only:
# AMQP (5672), the Erlang port mapper epmd (4369) and the Erlang distribution port (25672) all listen on
# 127.0.0.1, nothing on other interfaces. For the RabbitMQ end-to-end tests and for running the hub and
# subsystems as separate processes. Debian/Ubuntu; needs root (or sudo) for the install. Idempotent: a running
# broker that listens on loopback only is left alone; one that listens anywhere else is restarted on loopback.
set -euo pipefail

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# Every Erlang program of the broker binds to loopback. The CLI matters as much as the server: the first
# rabbitmqctl (or rabbitmq-server) to run starts epmd, with the address it finds in ERL_EPMD_ADDRESS, and a
# CLI node listens on a distribution port of its own while it runs.
loopback_dist='-kernel inet_dist_use_interface {127,0,0,1}'
rabbit() {
  as_root env ERL_EPMD_ADDRESS=127.0.0.1 RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 \
    RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="$loopback_dist" RABBITMQ_CTL_ERL_ARGS="$loopback_dist" "$@"
}

# Listening TCP sockets on the broker's ports (AMQP, epmd, distribution) bound to anything but loopback,
# read from /proc (ports in hex: 1628 = 5672, 1111 = 4369, 6448 = 25672) so that no tool beyond awk is needed.
exposed() {
  cat /proc/net/tcp /proc/net/tcp6 2>/dev/null | awk '
    $4 == "0A" {
      split($2, a, ":"); addr = a[1]; port = a[2]
      if (port == "1628") name = "5672"; else if (port == "1111") name = "4369"; else if (port == "6448") name = "25672"; else next
      if (addr == "0100007F" || addr == "00000000000000000000000001000000") next
      print name
    }' | sort -u | tr '\n' ' '
}

if ! command -v rabbitmq-server >/dev/null; then
  as_root apt-get update -qq || true
  # The package cannot start the service itself in a container; that failure is expected and harmless.
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq rabbitmq-server >/dev/null || command -v rabbitmq-server >/dev/null
fi

# The same for every Erlang program started later by anyone (rabbitmqctl by hand or from a test): the broker's
# environment file is read by all of them.
env_file=/etc/rabbitmq/rabbitmq-env.conf
if ! grep -q '^# integrationhub: loopback only' "$env_file" 2>/dev/null; then
  as_root mkdir -p /etc/rabbitmq
  printf '%s\n' '# integrationhub: loopback only (tests/rabbitmq/start.sh)' 'NODE_IP_ADDRESS=127.0.0.1' \
    'export ERL_EPMD_ADDRESS=127.0.0.1' "SERVER_ADDITIONAL_ERL_ARGS='$loopback_dist'" "CTL_ERL_ARGS='$loopback_dist'" \
    | as_root tee -a "$env_file" >/dev/null
fi

if rabbit rabbitmqctl -q status >/dev/null 2>&1; then
  open=$(exposed)
  if [ -z "$open" ]; then
    echo "RabbitMQ already running on 127.0.0.1:5672 (loopback only)"
    exit 0
  fi
  echo "RabbitMQ is running but listens beyond loopback on port(s) ${open}; restarting it on loopback only"
  rabbit rabbitmqctl -q stop >/dev/null
fi
# An epmd left from an earlier start (or started by a CLI without ERL_EPMD_ADDRESS) keeps its address: stop it
# so that the broker starts one on loopback. It refuses to stop while a node is registered, which is then
# reported below as exposure.
if [ -n "$(exposed)" ]; then as_root epmd -kill >/dev/null 2>&1 || true; fi

rabbit rabbitmq-server -detached
# -detached returns before the Erlang node has registered, and await_startup fails at once on a node
# that is not registered yet; so wait for the node first, then for the broker inside it.
for _ in $(seq 1 120); do
  if rabbit rabbitmqctl -q await_startup --timeout 5 >/dev/null 2>&1; then
    open=$(exposed)
    if [ -n "$open" ]; then
      echo "RabbitMQ started, but port(s) ${open} listen beyond loopback; another Erlang node on this machine may hold epmd" >&2
      exit 1
    fi
    echo "RabbitMQ running on 127.0.0.1:5672 (guest/guest, loopback only); stop it with: rabbitmqctl stop"
    exit 0
  fi
  sleep 1
done
echo "RabbitMQ did not come up within two minutes; see /var/log/rabbitmq" >&2
exit 1
