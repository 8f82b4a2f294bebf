#!/usr/bin/env bash
# Runs jpyro's call benchmark beside the raw-socket limit in one JMH run and prints both rates and their ratio;
# when /usr/bin/python3 has Pyro4, also the Python Pyro4 sequential call rate against jpyro's and Python's own
# echo server on this machine. Usage: benchmarks/run.sh   (JMH_ARGS="..." overrides the JMH settings)
#   benchmarks/run.sh --serializers   instead: encode+decode throughput of every serializer present (small call,
#                                     1 MB byte[], 100k small ints) and their encoded sizes; no network
set -euo pipefail
MODE=calls
if [[ ${1:-} == --serializers ]]; then MODE=serializers; fi

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
JAR=benchmarks/target/benchmarks.jar
OUT=benchmarks/target/run
PYTHON=/usr/bin/python3
JMH_ARGS=${JMH_ARGS:-"-f 1 -wi 3 -w 2s -i 5 -r 2s"}
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

# --- JMH: SerializerBenchmark over the serializers in the registry (--serializers) -------------------------
if [[ $MODE == serializers ]]; then
  NAMES=$(java -cp "$JAR" org.jpyro.benchmarks.SerializerCatalog --names)
  echo "serializers present: $NAMES"
  # shellcheck disable=SC2086
  java -Duser.language=en -Duser.country=US -jar "$JAR" 'org\.jpyro\.benchmarks\.SerializerBenchmark\.' \
    -p serializer="$NAMES" $JMH_ARGS -bm thrpt -tu s -rf csv -rff "$OUT/jmh-serializers.csv" | tee "$OUT/jmh-serializers.log"
  echo
  echo "=== encoded sizes (bytes) ==="
  java -cp "$JAR" org.jpyro.benchmarks.SerializerCatalog
  exit 0
fi

# --- JMH: CallBenchmark and RawSocketBenchmark in one run -------------------------------------------------
# shellcheck disable=SC2086
java -Duser.language=en -Duser.country=US -jar "$JAR" \
  'org\.jpyro\.benchmarks\.(CallBenchmark|RawSocketBenchmark)\.' \
  $JMH_ARGS -bm thrpt -tu s -rf csv -rff "$OUT/jmh.csv" | tee "$OUT/jmh.log"

echo
echo "=== sequential tiny calls over loopback, $(nproc) cores ==="
# CSV columns: "Benchmark","Mode","Threads","Samples","Score","Score Error (99.9%)","Unit","Param: protocol"
awk -F, '
  NR > 1 {
    gsub(/"/, "")
    n = split($1, parts, "."); cls = parts[n - 1]
    proto = $8; score[cls, proto] = $5; err[cls, proto] = $6; if (!(proto in seen)) { seen[proto] = 1; order[++np] = proto }
  }
  END {
    for (i = 1; i <= np; i++) {
      p = order[i]; c = score["CallBenchmark", p]; r = score["RawSocketBenchmark", p]
      if (c <= 0 || r <= 0) { printf "%-6s missing result (call %s, raw %s)\n", p, c, r; continue }
      printf "%-6s jpyro proxy -> jpyro daemon : %10.0f calls/s   (+- %.0f, %.1f us/call)\n", p, c, err["CallBenchmark", p], 1e6 / c
      printf "%-6s raw socket ping-pong         : %10.0f round trips/s (+- %.0f, %.1f us/rt, same frame sizes)\n", p, r, err["RawSocketBenchmark", p], 1e6 / r
      printf "%-6s ratio jpyro/raw              : %10.2f\n", p, c / r
    }
  }' "$OUT/jmh.csv"
grep -o "frame sizes .*" "$OUT/jmh.log" | sort -u || true

# --- Python Pyro4 on the same machine ---------------------------------------------------------------------
if ! "$PYTHON" -c "import Pyro4" 2>/dev/null; then
  echo "(no Pyro4 for $PYTHON: Python comparison skipped)"
  exit 0
fi
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

java -cp "$JAR" org.jpyro.tools.Main echoserver -H 127.0.0.1 -p 0 >"$OUT/jpyro-echoserver.log" 2>&1 &
PIDS+=($!)
PYTHONUNBUFFERED=1 "$PYTHON" -m Pyro4.test.echoserver -H 127.0.0.1 -p 0 >"$OUT/python-echoserver.log" 2>&1 &
PIDS+=($!)
JPYRO_URI=$(await_uri "$OUT/jpyro-echoserver.log")
PYTHON_URI=$(await_uri "$OUT/python-echoserver.log")
"$PYTHON" benchmarks/pyro4_calls.py "PYRO4  python Pyro4 client -> jpyro echoserver " "$JPYRO_URI" 5000
"$PYTHON" benchmarks/pyro4_calls.py "PYRO4  python Pyro4 client -> python echoserver" "$PYTHON_URI" 5000
