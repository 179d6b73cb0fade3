#!/usr/bin/env bash
# Issue 2: cold start to healthy with the embedded database (fresh data dir each run: initdb + migrations), a warm
# restart on the same data dir, and idle RSS of the JVM and of JVM + embedded PostgreSQL; median of N runs.
#
# Usage: bench/startup.sh [runs=5]
#   REVTOPS_SKIP_BUILD=1   measure the jar as it is (otherwise ./revtops build runs first and must succeed)
#   BENCH_DEMO=false       (default) REVTOPS_DEMO=false: nothing but the server starts  -> bench/results/startup.json
#   BENCH_DEMO=default     REVTOPS_DEMO unset: with the embedded database the demo company is seeded and synced in
#                          the background right after /health turns 200; also times demo ready / demo synced (every
#                          sync the seed requested completed: HubSpot, Salesforce, Slack, the admin's Gmail) and
#                          measures RSS after that                                 -> bench/results/startup-demo-default.json
#   IDLE_WAIT=10           seconds after healthy (or after the demo sync) before RSS is read
#
# What is measured: `java -jar revtops-exec.jar start` (the real jar server/target/revtops-exec.jar, copied once to a
# temp dir so a concurrent rebuild of server/target cannot swap it mid-run) from process start until GET /health
# answers 200 (polled every 50 ms). Between runs the JVM gets SIGTERM and the script waits until the embedded
# PostgreSQL has exited, so a warm restart really restarts PostgreSQL instead of joining the old server.
# CPU to healthy (user + system of the JVM, of the children it waited for such as initdb, and of the running
# PostgreSQL processes) is reported too: unlike wall time it hardly depends on what else runs on the machine.
# RSS: VmRSS of the JVM; for the embedded PostgreSQL the postmaster (pid from its postmaster.pid) and its children.
# A sum of RSS counts shared buffers once per backend, so PSS (proportional, from smaps_rollup) is reported too.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-5}
DEMO=${BENCH_DEMO:-false}
IDLE_WAIT=${IDLE_WAIT:-10}
case $DEMO in false | default) ;; *) echo "BENCH_DEMO must be false or default" >&2; exit 2 ;; esac

if [ "${REVTOPS_SKIP_BUILD:-0}" != 1 ]; then
  ./revtops build -q -o >/dev/null
fi
SRC_JAR=server/target/revtops-exec.jar
[ -f "$SRC_JAR" ] || { echo "missing $SRC_JAR: run ./revtops build" >&2; exit 1; }
JAVA=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
mkdir -p bench/results
WORK=$(mktemp -d /tmp/revtops-startup-XXXX)
JAR=$WORK/revtops-exec.jar
cp "$SRC_JAR" "$JAR"
JAR_SHA=$(sha256sum "$JAR" | cut -c1-12)
JAR_TIME=$(date -u -r "$SRC_JAR" +%Y-%m-%dT%H:%M:%SZ)
COMMIT=$(git rev-parse --short HEAD)

PID=
DIR=
cleanup() {
  [ -n "$PID" ] && kill "$PID" 2>/dev/null && wait "$PID" 2>/dev/null
  [ -n "$DIR" ] && stop_postgres "$DIR"
  rm -rf "$WORK"
}
trap cleanup EXIT

load() { cut -d' ' -f1-3 /proc/loadavg; }
kb() { awk -v k="$2" '$1 == k":" {print $2}' "/proc/$1/$3" 2>/dev/null || true; }
rss_kb() { local v; v=$(kb "$1" VmRSS status); echo "${v:-0}"; }
pss_kb() { local v; v=$(kb "$1" Pss smaps_rollup); echo "${v:-0}"; }
TICK=$(getconf CLK_TCK)
# CPU used by a process and the children it waited for (initdb, pg_ctl), in ms
cpu_ms() { awk -v t="$TICK" '{print int(($14 + $15 + $16 + $17) * 1000 / t)}' "/proc/$1/stat" 2>/dev/null || echo 0; }
postmaster() { [ -f "$1/postgres/postmaster.pid" ] && head -1 "$1/postgres/postmaster.pid" || true; }
pg_pids() { local pm; pm=$(postmaster "$1"); [ -n "$pm" ] && kill -0 "$pm" 2>/dev/null && { echo "$pm"; pgrep -P "$pm" || true; }; }
sum() { local f=$1 total=0 p; shift; for p in "$@"; do total=$((total + $($f "$p"))); done; echo $total; }
stop_postgres() { # wait for the postmaster of data dir $1 to exit (the JVM stops it on shutdown); force after 30 s
  local pm i; pm=$(postmaster "$1"); [ -n "$pm" ] || return 0
  for i in $(seq 1 300); do kill -0 "$pm" 2>/dev/null || return 0; sleep 0.1; done
  echo "postgres $pm still running after 30 s, stopping it" >&2; kill "$pm" 2>/dev/null || true; sleep 2
}
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

start_and_wait() { # data_dir port log -> MS (ms to healthy), T0 (ns), PID
  T0=$(date +%s%N)
  if [ "$DEMO" = false ]; then
    REVTOPS_DEMO=false REVTOPS_DATA_DIR=$1 PORT=$2 "$JAVA" -jar "$JAR" start >"$3" 2>&1 &
  else
    env -u REVTOPS_DEMO REVTOPS_DATA_DIR="$1" PORT="$2" "$JAVA" -jar "$JAR" start >"$3" 2>&1 &
  fi
  PID=$!
  until curl -fs "http://127.0.0.1:$2/health" >/dev/null 2>&1; do
    kill -0 "$PID" 2>/dev/null || { echo "server died, see $3" >&2; tail -20 "$3" >&2; exit 1; }
    sleep 0.05
  done
  MS=$(( ($(date +%s%N) - T0) / 1000000 ))
  # shellcheck disable=SC2046
  CPU=$(( $(cpu_ms "$PID") + $(sum cpu_ms $(pg_pids "$1")) ))
}
wait_for_log() { # log pattern count timeout_s -> prints ms since T0 when the pattern has appeared count times
  local i
  for i in $(seq 1 $(($4 * 10))); do
    if [ "$(grep -c -- "$2" "$1" 2>/dev/null || true)" -ge "$3" ]; then echo $(( ($(date +%s%N) - T0) / 1000000 )); return; fi
    sleep 0.1
  done
  echo null
}
stop() { kill "$PID"; wait "$PID" 2>/dev/null || true; PID=; stop_postgres "$1"; }

coldcpu=(); warmcpu=(); cold=(); warm=(); jvm=(); pgrss=(); pgpss=(); jvmpss=(); ready=(); synced=(); loads=()
echo "startup bench: $RUNS runs, demo=$DEMO, jar $SRC_JAR ($JAR_TIME, sha256 $JAR_SHA, HEAD $COMMIT), load $(load)" >&2
for i in $(seq 1 "$RUNS"); do
  DIR=$WORK/run$i/data; mkdir -p "$DIR"
  port=$(free_port)
  l0=$(load)
  start_and_wait "$DIR" "$port" "$WORK/run$i-cold.log"; cold+=("$MS"); coldcpu+=("$CPU")
  if [ "$DEMO" = default ]; then
    ready+=("$(wait_for_log "$WORK/run$i-cold.log" 'event=demo_ready' 1 300)")
    # as many completed syncs as the seed requested (HubSpot, Salesforce, Slack, the admin's Gmail: 4 today)
    nsyncs=$(grep -o 'event=demo_seeded .* syncs=[0-9]*' "$WORK/run$i-cold.log" | sed 's/.*syncs=//' | head -1 || true)
    synced+=("$(wait_for_log "$WORK/run$i-cold.log" 'event=sync_finished.*status=completed' "${nsyncs:-4}" 600)")
  fi
  sleep "$IDLE_WAIT"
  # shellcheck disable=SC2046
  jvm+=("$(rss_kb "$PID")"); jvmpss+=("$(pss_kb "$PID")")
  # shellcheck disable=SC2046
  pgrss+=("$(sum rss_kb $(pg_pids "$DIR"))"); pgpss+=("$(sum pss_kb $(pg_pids "$DIR"))")
  stop "$DIR"
  start_and_wait "$DIR" "$port" "$WORK/run$i-warm.log"; warm+=("$MS"); warmcpu+=("$CPU")
  stop "$DIR"
  loads+=("\"$l0 -> $(load)\"")
  extra=""
  [ "$DEMO" = default ] && extra=", demo ready at ${ready[-1]} ms, demo synced at ${synced[-1]} ms"
  echo "run $i: cold ${cold[-1]} ms (cpu ${coldcpu[-1]} ms), warm ${warm[-1]} ms (cpu ${warmcpu[-1]} ms)$extra, idle rss jvm $((${jvm[-1]} / 1024)) MiB, postgres rss $((${pgrss[-1]} / 1024)) MiB (pss $((${pgpss[-1]} / 1024)) MiB), load ${loads[-1]}" >&2
  rm -rf "$WORK/run$i"; DIR=
done

median() { printf '%s\n' "$@" | grep -v null | sort -n | awk '{a[NR]=$1} END {if (NR == 0) print "null"; else if (NR % 2) print a[(NR+1)/2]; else print int((a[NR/2] + a[NR/2+1]) / 2)}'; }
mib() { [ "$1" = null ] && echo null || echo $(( $1 / 1024 )); }
list() { local IFS=,; echo "$*"; }
OUT=bench/results/startup.json
[ "$DEMO" = default ] && OUT=bench/results/startup-demo-default.json
J=$(median "${jvm[@]}"); P=$(median "${pgrss[@]}"); PS=$(median "${pgpss[@]}"); JP=$(median "${jvmpss[@]}")
{
  echo "{\"benchmark\": \"startup (issue 2)\", \"runs\": $RUNS, \"demo\": \"$DEMO\", \"idle_wait_s\": $IDLE_WAIT,"
  echo " \"jar\": {\"path\": \"$SRC_JAR\", \"built\": \"$JAR_TIME\", \"sha256_12\": \"$JAR_SHA\", \"head\": \"$COMMIT\"},"
  echo " \"machine\": \"$(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo)\", \"java\": \"$("$JAVA" -version 2>&1 | head -1 | tr -d '"')\","
  echo " \"load_average_per_run\": [$(list "${loads[@]}")],"
  echo " \"cold_start_to_healthy_ms\": {\"median\": $(median "${cold[@]}"), \"all\": [$(list "${cold[@]}")]},"
  echo " \"warm_restart_to_healthy_ms\": {\"median\": $(median "${warm[@]}"), \"all\": [$(list "${warm[@]}")]},"
  echo " \"cold_start_cpu_ms_to_healthy\": {\"median\": $(median "${coldcpu[@]}"), \"all\": [$(list "${coldcpu[@]}")]},"
  echo " \"warm_restart_cpu_ms_to_healthy\": {\"median\": $(median "${warmcpu[@]}"), \"all\": [$(list "${warmcpu[@]}")]},"
  if [ "$DEMO" = default ]; then
    echo " \"demo_ready_ms_after_start\": {\"median\": $(median "${ready[@]}"), \"all\": [$(list "${ready[@]}")]},"
    echo " \"demo_synced_ms_after_start\": {\"median\": $(median "${synced[@]}"), \"all\": [$(list "${synced[@]}")]},"
  fi
  echo " \"idle_rss_jvm_mib\": {\"median\": $(mib "$J"), \"all\": [$(list $(for v in "${jvm[@]}"; do mib "$v"; done))]},"
  echo " \"idle_pss_jvm_mib\": $(mib "$JP"),"
  echo " \"idle_rss_embedded_postgres_sum_mib\": $(mib "$P"),"
  echo " \"idle_pss_embedded_postgres_mib\": $(mib "$PS"),"
  echo " \"idle_rss_jvm_plus_postgres_mib\": $(( ($J + $P) / 1024 )),"
  echo " \"idle_pss_jvm_plus_postgres_mib\": $(( ($JP + $PS) / 1024 ))}"
} >"$OUT"
cat "$OUT"
