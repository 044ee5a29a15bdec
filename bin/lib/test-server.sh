# Sourced by scripts that test against a fresh server: starts `bin/reqldb serve` on a free
# loopback port with an empty data directory, waits until it accepts connections, and stops it
# (and removes its data) when the script exits. Sets `port` and `work` (a scratch directory the
# cleanup removes too). Run from the repository root.

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
work=$(mktemp -d)
bin/reqldb serve --directory "$work/reqldb_data" --driver-port "$port" --no-http-admin >"$work/server.log" 2>&1 &
server=$!
cleanup() { kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

# A loaded machine (CI, parallel builds) can take far longer than usual to start a JVM: wait up
# to two minutes, and say so rather than run the tests against a server that is not there.
for attempt in $(seq 1 600); do
  if (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then break; fi
  if ! kill -0 "$server" 2>/dev/null; then echo "$0: server did not start:" >&2; cat "$work/server.log" >&2; exit 1; fi
  if [[ $attempt -eq 600 ]]; then echo "$0: server not listening after 120 s:" >&2; cat "$work/server.log" >&2; exit 1; fi
  sleep 0.2
done
