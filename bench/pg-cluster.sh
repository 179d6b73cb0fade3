#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster with stock settings (fsync on, synchronous_commit on, 128 MB shared_buffers), to
# run the in-process benchmarks against something production-like: the embedded (zonky) server that `revtops start`
# uses runs with fsync off (-F) and synchronous_commit off.
#
#   bench/pg-cluster.sh start   -> prints the URL; use it as REVTOPS_BENCH_DATABASE_URL=… bench/run.sh …
#   bench/pg-cluster.sh stop    -> stops it and deletes its data dir
#
# BENCH_PG_DIR (default /var/tmp/revtops-bench-pg), BENCH_PG_PORT (default 55441), PG_BIN (default PostgreSQL 15).
# initdb refuses to run as root, so as root the cluster belongs to the 'postgres' OS user.
set -euo pipefail
DIR=${BENCH_PG_DIR:-/var/tmp/revtops-bench-pg}
PORT=${BENCH_PG_PORT:-55441}
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
as_pg() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi; }

case ${1:-} in
  start)
    if [ ! -f "$DIR/data/PG_VERSION" ]; then
      mkdir -p "$DIR"
      [ "$(id -u)" = 0 ] && chown postgres: "$DIR"
      as_pg "$PG_BIN/initdb -D $DIR/data -U postgres -A trust -E UTF8 --locale=C.UTF-8 >$DIR/initdb.log"
    fi
    as_pg "$PG_BIN/pg_ctl -D $DIR/data -l $DIR/server.log -w -o '-p $PORT -c listen_addresses=127.0.0.1 -c max_connections=200' start >/dev/null"
    echo "postgres://postgres@127.0.0.1:$PORT/postgres"
    ;;
  stop)
    [ -f "$DIR/data/postmaster.pid" ] && as_pg "$PG_BIN/pg_ctl -D $DIR/data -m fast -w stop >/dev/null"
    rm -rf "$DIR"
    ;;
  *)
    echo "usage: bench/pg-cluster.sh start|stop" >&2
    exit 2
    ;;
esac
