#!/usr/bin/env bash
# Cold start to healthy (embedded database, fresh data dir: initdb + migrations) and a warm restart on the same
# data dir, plus idle RSS of the JVM and of the whole process tree (JVM + embedded PostgreSQL), over N runs.
# Usage: bench/startup.sh [runs=5]   (builds the jar first if needed; writes bench/results/startup.json)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-5}
REVTOPS_SKIP_BUILD=${REVTOPS_SKIP_BUILD:-0} ./revtops build >/dev/null 2>&1 || true
JAR=server/target/revtops-exec.jar
JAVA=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
mkdir -p bench/results

rss_kb() { awk '/VmRSS/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }
tree_rss_kb() {
  local total=0 p
  for p in $1 $(pgrep -P "$1" || true) $(for c in $(pgrep -P "$1" || true); do pgrep -P "$c" || true; done); do
    total=$((total + $(rss_kb "$p")))
  done
  # the embedded postgres is started by the JVM and re-parented to init; find it by data dir
  for p in $(pgrep -f "$2/postgres" || true); do total=$((total + $(rss_kb "$p"))); done
  echo $total
}
start_and_wait() { # data_dir port -> sets MS (ms to healthy) and PID
  local t0 t1
  t0=$(date +%s%N)
  REVTOPS_DATA_DIR=$1 PORT=$2 "$JAVA" -jar "$JAR" start >"$1.log" 2>&1 &
  PID=$!
  until curl -fs "localhost:$2/health" >/dev/null 2>&1; do
    kill -0 $PID 2>/dev/null || { echo "process died, see $1.log" >&2; exit 1; }
    sleep 0.05
  done
  t1=$(date +%s%N)
  MS=$(( (t1 - t0) / 1000000 ))
}
stop() { kill "$PID"; wait "$PID" 2>/dev/null || true; PID=; }
PID=
trap '[ -n "$PID" ] && kill "$PID" 2>/dev/null' EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

cold=(); warm=(); jvm=(); tree=()
for i in $(seq 1 "$RUNS"); do
  dir=$(mktemp -d /tmp/revtops-bench-XXXX)/data; mkdir -p "$dir"
  port=$(free_port)
  start_and_wait "$dir" $port; cold+=("$MS")
  sleep 10
  jvm+=("$(rss_kb $PID)"); tree+=("$(tree_rss_kb $PID "$dir")")
  stop
  start_and_wait "$dir" $port; warm+=("$MS")
  stop
  echo "run $i: cold ${cold[-1]} ms, warm ${warm[-1]} ms, idle rss jvm $((${jvm[-1]} / 1024)) MiB, with postgres $((${tree[-1]} / 1024)) MiB" >&2
  rm -rf "$(dirname "$dir")"
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
cat > bench/results/startup.json <<JSON
{"runs": $RUNS, "machine": "$(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo)",
 "cold_start_to_healthy_ms": {"median": $(median "${cold[@]}"), "all": [$(IFS=,; echo "${cold[*]}")]},
 "warm_restart_to_healthy_ms": {"median": $(median "${warm[@]}"), "all": [$(IFS=,; echo "${warm[*]}")]},
 "idle_rss_jvm_mib": $(( $(median "${jvm[@]}") / 1024 )),
 "idle_rss_with_embedded_postgres_mib": $(( $(median "${tree[@]}") / 1024 ))}
JSON
cat bench/results/startup.json
