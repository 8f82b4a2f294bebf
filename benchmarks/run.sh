#!/usr/bin/env bash
# jpyro's benchmarks side by side in one run, one table at the end:
#   JMH: jpyro proxy -> jpyro daemon (thread and multiplex server; sequential, 4 and 32 threads, 4 threads sharing a
#        proxy, connect+handshake+call, oneway, batch) beside a raw socket ping-pong of the same frame sizes and
#        threads (RawSocketBenchmark) and Java RMI (RmiBenchmark);
#   Python Pyro4 (when /usr/bin/python3 has it): python client -> python echoserver (thread and multiplex) and
#        -> jpyro echoserver in call, oneway and batch mode, and jpyro's bench tool -> python echoserver;
#   then 10,000 idle connections to a multiplex daemon (heap used before/after).
# The default run takes about 8-10 minutes on 2 cores.
#
# Usage: benchmarks/run.sh [--quick]   everything; --quick: one short iteration each (a smoke test, not a measurement)
#        benchmarks/run.sh --idle [N]   only the idle connections (N, default 10000)
#        benchmarks/run.sh --serializers  encode+decode throughput of every serializer present (small call,
#                                      1 MB byte[], 100k small ints) and their encoded sizes; no network
# Environment: JMH_ARGS overrides the JMH settings; PROTOCOLS=PYRO5,PYRO4 measures both protocols (default PYRO5);
#              IDLE=0 skips the idle connections in the full run; CALLS sets the calls of the Python/bench runs.
set -euo pipefail
MODE=all
QUICK=
IDLE_CONNECTIONS=${IDLE:-10000}
case "${1:-}" in
  --serializers) MODE=serializers ;;
  --idle) MODE=idle; IDLE_CONNECTIONS=${2:-10000} ;;
  --quick) QUICK=1 ;;
  "") ;;
  -h|--help) sed -n '2,18p' "$0"; exit 0 ;;
  *) echo "unknown option $1 (try --help)" >&2; exit 2 ;;
esac

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
JAR=benchmarks/target/benchmarks.jar
OUT=benchmarks/target/run
PYTHON=/usr/bin/python3
PROTOCOLS=${PROTOCOLS:-PYRO5}
if [[ -n $QUICK ]]; then
  JMH_ARGS=${JMH_ARGS:-"-f 1 -wi 1 -w 1s -i 1 -r 1s"}
  CALLS=${CALLS:-1000}
  [[ $IDLE_CONNECTIONS == 10000 ]] && IDLE_CONNECTIONS=1000
else
  # 4 x 2 s warm-up: on 2 cores the JIT gets little CPU against 32 busy client threads and needs ~8 s to reach
  # steady state (measured with JFR compile events); shorter warm-ups measure the compiler, not jpyro
  JMH_ARGS=${JMH_ARGS:-"-f 1 -wi 4 -w 2s -i 3 -r 2s"}
  CALLS=${CALLS:-5000}
fi
export LC_ALL=C

# --- build if needed --------------------------------------------------------------------------------------
if [[ ! -f $JAR ]] || [[ -n "$(find benchmarks/src benchmarks/pom.xml -newer "$JAR" -print -quit)" ]]; then
  echo "building $JAR ..."
  if ls "$HOME"/.m2/repository/org/jpyro/org.jpyro.tools/*/org.jpyro.tools-*.jar >/dev/null 2>&1; then
    mvn -q install -pl benchmarks -DskipTests
  else
    mvn -q install -pl benchmarks -am -DskipTests   # jpyro itself is not installed yet
  fi
fi
mkdir -p "$OUT"
JAVA=(java -Duser.language=en -Duser.country=US)

# --- JMH: SerializerBenchmark over the serializers in the registry (--serializers) -------------------------
if [[ $MODE == serializers ]]; then
  NAMES=$(java -cp "$JAR" org.jpyro.benchmarks.SerializerCatalog --names)
  echo "serializers present: $NAMES"
  # shellcheck disable=SC2086
  "${JAVA[@]}" -jar "$JAR" 'org\.jpyro\.benchmarks\.SerializerBenchmark\.' \
    -p serializer="$NAMES" $JMH_ARGS -bm thrpt -tu s -rf csv -rff "$OUT/jmh-serializers.csv" | tee "$OUT/jmh-serializers.log"
  echo
  echo "=== encoded sizes (bytes) ==="
  java -cp "$JAR" org.jpyro.benchmarks.SerializerCatalog
  exit 0
fi

# --- idle connections: both JVMs (daemon and clients) need a file descriptor per connection -----------------
idle_connections() {
  local need=$((IDLE_CONNECTIONS + 1024)) current hard
  current=$(ulimit -n)
  if [[ $current != unlimited ]] && (( current < need )); then
    hard=$(ulimit -Hn)
    if ! ulimit -n "$need" 2>/dev/null; then
      echo "idle connections: SKIPPED: $IDLE_CONNECTIONS connections need $need open files per process, but ulimit -n is" \
           "$current and the hard limit is $hard. Raise the hard limit (as root: ulimit -Hn $need, or nofile in" \
           "/etc/security/limits.conf) or ask for fewer: benchmarks/run.sh --idle $((hard - 1024))"
      return 1
    fi
    echo "(raised ulimit -n from $current to $need for the idle connections)"
  fi
  echo
  echo "=== $IDLE_CONNECTIONS idle connections to a multiplex daemon ==="
  java -cp "$JAR" org.jpyro.benchmarks.IdleConnections "$IDLE_CONNECTIONS" multiplex | tee "$OUT/idle.log"
}
if [[ $MODE == idle ]]; then
  idle_connections
  exit $?
fi

# --- JMH: CallBenchmark, RawSocketBenchmark and RmiBenchmark in one run -----------------------------------
# shellcheck disable=SC2086
"${JAVA[@]}" -jar "$JAR" 'org\.jpyro\.benchmarks\.(CallBenchmark|RawSocketBenchmark|RmiBenchmark)\.' \
  -p protocol="$PROTOCOLS" $JMH_ARGS -bm thrpt -tu s -rf csv -rff "$OUT/jmh.csv" | tee "$OUT/jmh.log"

# --- Python Pyro4 on the same machine, and the bench tool against it ---------------------------------------
RATES=$OUT/rates.tsv
: >"$RATES"
PIDS=()
cleanup() { for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT

await_uri() {   # file -> prints the uri from its "echo uri:" line, waiting at most 30 s
  for _ in $(seq 1 300); do
    if grep -q "^echo uri:" "$1" 2>/dev/null; then sed -n 's/^echo uri: *//p' "$1" | head -1; return 0; fi
    sleep 0.1
  done
  echo "no echo uri in $1:" >&2; cat "$1" >&2; return 1
}

if "$PYTHON" -c "import Pyro4" 2>/dev/null; then
  echo
  echo "=== Python Pyro4 ($CALLS calls per case) ==="
  : >"$OUT/python.log"
  java -cp "$JAR" org.jpyro.tools.Main echoserver -H 127.0.0.1 -p 0 >"$OUT/jpyro-echoserver.log" 2>&1 &
  PIDS+=($!)
  PYTHONUNBUFFERED=1 PYRO_SERVERTYPE=thread "$PYTHON" -m Pyro4.test.echoserver -H 127.0.0.1 -p 0 >"$OUT/python-echoserver.log" 2>&1 &
  PIDS+=($!)
  PYTHONUNBUFFERED=1 PYRO_SERVERTYPE=multiplex "$PYTHON" -m Pyro4.test.echoserver -H 127.0.0.1 -p 0 >"$OUT/python-echoserver-multiplex.log" 2>&1 &
  PIDS+=($!)
  JPYRO_URI=$(await_uri "$OUT/jpyro-echoserver.log")
  PYTHON_URI=$(await_uri "$OUT/python-echoserver.log")
  PYTHON_MUX_URI=$(await_uri "$OUT/python-echoserver-multiplex.log")
  for mode in call oneway batch; do
    for target in "python Pyro4 echoserver|$PYTHON_URI" "python Pyro4 echoserver (multiplex)|$PYTHON_MUX_URI" \
                  "jpyro echoserver|$JPYRO_URI"; do
      "$PYTHON" benchmarks/pyro4_calls.py "python Pyro4 client -> ${target%%|*}" "${target#*|}" "$CALLS" "$mode" \
        | tee -a "$OUT/python.log" | grep -v '^RATE' || true
    done
    # jpyro's bench tool (a jpyro proxy, Pyro4 protocol) against Python's server; oneway uses Pyro's oneway_echo
    method=echo; [[ $mode == oneway ]] && method=oneway_echo
    java -cp "$JAR" org.jpyro.tools.Main bench --uri "$PYTHON_URI" --protocol 4 --mode "$mode" --method "$method" \
      --calls "$CALLS" --runs 3 >"$OUT/bench-$mode.log" 2>&1 || cat "$OUT/bench-$mode.log"
    median=$(sed -n 's/^median calls\/s: \([0-9]*\).*/\1/p' "$OUT/bench-$mode.log")
    echo "jpyro bench -> python Pyro4 echoserver $mode: ${median:-failed} calls/s (median of 3)"
    printf 'jpyro bench (Pyro4 protocol) -> python Pyro4 echoserver\t%s\t%s\n' "$mode" "${median:-}" >>"$RATES"
  done
  sed -n 's/^RATE\t//p' "$OUT/python.log" >>"$RATES"
  cleanup
else
  echo "(no Pyro4 for $PYTHON: Python comparison skipped)"
fi

# --- the table --------------------------------------------------------------------------------------------
echo
grep -o "frame sizes .*" "$OUT/jmh.log" | sort -u || true
java -cp "$JAR" org.jpyro.benchmarks.ResultTable "$OUT/jmh.csv" "$RATES" | tee "$OUT/table.txt"

if [[ $IDLE_CONNECTIONS != 0 ]]; then
  idle_connections || true
fi
