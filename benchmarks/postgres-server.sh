#!/bin/sh
# A throw-away PostgreSQL cluster for the benchmarks' comparison runs: every setting at its default, listening on
# 127.0.0.1 (TCP) and on a socket in DIR only, trust authentication (loopback, this cluster only), a database
# gridprint_bench. Debian's postgresql package (15) provides the binaries; PG_BIN overrides where they are.
#
#   benchmarks/postgres-server.sh start DIR PORT   # DIR must not exist yet; prints the JDBC URL to use
#   benchmarks/postgres-server.sh stop DIR         # stops the server and deletes DIR
#
# Run as root, the server runs as the postgres user; otherwise as the calling user.
set -eu
BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}

as_pg() {
    if [ "$(id -u)" = 0 ]; then su postgres -c "$1"; else sh -c "$1"; fi
}

case "${1:-}" in
start)
    DIR=${2:?"usage: $0 start DIR PORT"}
    PORT=${3:?"usage: $0 start DIR PORT"}
    if [ -e "$DIR" ]; then
        echo "$0: $DIR exists; expected a new directory (stop the old server with: $0 stop $DIR)" >&2
        exit 1
    fi
    if [ ! -x "$BIN/initdb" ]; then
        echo "$0: no PostgreSQL binaries in $BIN; install Debian's postgresql package or set PG_BIN" >&2
        exit 1
    fi
    mkdir -p "$DIR"
    DIR=$(cd "$DIR" && pwd)
    if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$DIR"; fi
    as_pg "'$BIN/initdb' -D '$DIR/data' -U postgres --auth=trust -E UTF8 --locale=C" > "$DIR/initdb.log"
    as_pg "'$BIN/pg_ctl' -D '$DIR/data' -l '$DIR/server.log' -o \"-k '$DIR' -h 127.0.0.1 -p $PORT\" -w start" > /dev/null
    as_pg "'$BIN/psql' -h 127.0.0.1 -p $PORT -U postgres -q -c 'CREATE DATABASE gridprint_bench'"
    echo "jdbc:postgresql://127.0.0.1:$PORT/gridprint_bench?user=postgres"
    ;;
stop)
    DIR=${2:?"usage: $0 stop DIR"}
    as_pg "'$BIN/pg_ctl' -D '$DIR/data' -m fast -w stop" > /dev/null
    rm -rf "$DIR"
    ;;
*)
    echo "usage: $0 start DIR PORT | stop DIR" >&2
    exit 2
    ;;
esac
