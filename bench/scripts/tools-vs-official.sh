#!/usr/bin/env bash
# Times `reqldb restore|dump` against the official Python tools on one kind of server.
#   bench/scripts/tools-vs-official.sh rethinkdb|reqldb ARCHIVE [ROUNDS]
# Each round: restore into a fresh server with each tool, then dump with each tool right after
# the server starts ("fresh") and again ("warm"). Prints wall time and the server's CPU per step.
# Environment: RETHINKDB (the rethinkdb binary, for kind rethinkdb), RETHINKDB_PYTHON (a
# PYTHONPATH holding the official `rethinkdb` Python package, if it is not installed), PORT.
set -u
kind=$1; archive=$(realpath "$2"); rounds=${3:-2}
repo=$(cd "$(dirname "$0")/../.." && pwd)
port=${PORT:-28215}
dir=$(mktemp -d)
trap 'kill $spid 2>/dev/null; rm -rf "$dir"' EXIT
start() { # fresh=1 empties the data folder first
    [[ "$1" == 1 ]] && rm -rf "$dir/data"
    if [[ $kind == rethinkdb ]]; then
        "$RETHINKDB" --directory "$dir/data" --driver-port $port --cluster-port $((port + 1)) \
            --bind 127.0.0.1 --no-http-admin > "$dir/server.log" 2>&1 & spid=$!
    else
        "$repo/bin/reqldb" serve --directory "$dir/data" --driver-port $port --no-http-admin \
            > "$dir/server.log" 2>&1 & spid=$!
    fi
    for _ in $(seq 240); do (echo > /dev/tcp/127.0.0.1/$port) 2>/dev/null && break; sleep 0.25; done
    # RethinkDB serves a table some time after its port opens: wait for that, untimed.
    PYTHONPATH=${RETHINKDB_PYTHON:-} python3 -c "
from rethinkdb import r
c = r.connect(port=$port)
for db in r.db_list().run(c):
    if db != 'rethinkdb': r.db(db).wait().run(c)"
}
stop() { kill $spid; wait $spid 2>/dev/null; }
cpu_ticks() { awk '{print $14 + $15}' /proc/$spid/stat; }
timed() { # label command...
    local c0 t0 t1 c1 rc
    c0=$(cpu_ticks); t0=$(date +%s.%N)
    "${@:2}" > "$dir/step.log" 2>&1; rc=$?
    t1=$(date +%s.%N); c1=$(cpu_ticks)
    printf "%-26s rc=%d wall=%6.2fs server_cpu=%6.2fs\n" "$1" $rc "$(echo "$t1 - $t0" | bc)" \
        "$(echo "($c1 - $c0) / $(getconf CLK_TCK)" | bc -l)"
    [[ $rc == 0 ]] || tail -3 "$dir/step.log"
}
ours() { "$repo/bin/reqldb" "$@" -c 127.0.0.1:$port; }
official() { PYTHONPATH=${RETHINKDB_PYTHON:-} python3 -m rethinkdb "$@" -c 127.0.0.1:$port; }
echo "server: $kind, archive: $archive"
for _ in $(seq "$rounds"); do
    start 1; timed "restore reqldb (fresh)" ours restore "$archive" --force; stop
    start 1; timed "restore official (fresh)" official restore "$archive" --force; stop
    for tool in reqldb official; do
        run=ours; [[ $tool == official ]] && run=official
        start 0
        timed "dump $tool (fresh)" $run dump -f "$dir/dump1.tar.gz"
        timed "dump $tool (warm)" $run dump -f "$dir/dump2.tar.gz"
        stop; rm -f "$dir"/dump*.tar.gz
    done
done
