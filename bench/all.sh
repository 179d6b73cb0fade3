#!/usr/bin/env bash
# Every benchmark of issues 2 and 3, one after the other (each wants the machine to itself):
#   startup (5 runs, REVTOPS_DEMO=false; 1 run with the default demo seeding), sync and write path on the embedded
#   PostgreSQL, then sync and write path on a throwaway stock PostgreSQL 15 cluster (fsync on; BENCH_STOCK_PG=0 skips).
# Results: bench/results/*.json; logs: $BENCH_LOGS (default /tmp/revtops-bench-logs).
set -euo pipefail
cd "$(dirname "$0")/.."
LOGS=${BENCH_LOGS:-/tmp/revtops-bench-logs}
mkdir -p "$LOGS"
[ "${REVTOPS_SKIP_BUILD:-0}" = 1 ] || ./revtops build -q -o
export REVTOPS_SKIP_BUILD=1
trap '[ "${BENCH_STOCK_PG:-1}" = 1 ] && bench/pg-cluster.sh stop' EXIT
step() { echo "== $1 (load $(cut -d' ' -f1-3 /proc/loadavg))" >&2; }
step startup;              bench/startup.sh 5 2>&1 | tee "$LOGS/startup.log" | grep -v '^ *"'
step startup-demo-default; BENCH_DEMO=default bench/startup.sh 1 2>&1 | tee "$LOGS/startup-demo.log" | grep -v '^ *"'
step sync;                 bench/run.sh io.revtops.bench.SyncBench >"$LOGS/sync.log" 2>&1; grep -E '^(x|SYNC)' "$LOGS/sync.log"
step write-path;           bench/run.sh io.revtops.bench.WriteBench >"$LOGS/write.log" 2>&1; grep -E '^(round|sweep|WRITE)' "$LOGS/write.log"
if [ "${BENCH_STOCK_PG:-1}" = 1 ]; then
  step sync-pg15-stock
  REVTOPS_BENCH_DATABASE_URL=$(bench/pg-cluster.sh start) bench/run.sh io.revtops.bench.SyncBench -Dbench.result=sync-pg15-stock \
    >"$LOGS/sync-pg15.log" 2>&1; grep -E '^(x|SYNC)' "$LOGS/sync-pg15.log"
  bench/pg-cluster.sh stop
  step write-path-pg15-stock
  REVTOPS_BENCH_DATABASE_URL=$(bench/pg-cluster.sh start) bench/run.sh io.revtops.bench.WriteBench -Dbench.result=write-path-pg15-stock \
    >"$LOGS/write-pg15.log" 2>&1; grep -E '^(round|sweep|WRITE)' "$LOGS/write-pg15.log"
fi
step done
