#!/bin/sh
# Memory on a controller (docs/benchmarks.md): boots a copy of the distribution with 100 Modbus meters polled
# every second from a loopback slave (org.gridprint.bench.ControllerSlave), waits, then records start-to-first-
# reading, heap after a full GC, RSS, threads and the store's figures. Run from the repository root after
#   mvn install -DskipTests -pl karaf-distribution -am
#   mvn package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -pl benchmarks
# Usage: [JAVA_MAX_MEM=64M] [EXTRA_JAVA_OPTS=...] benchmarks/controller-memory.sh NAME SSH_PORT MODBUS_PORT MINUTES
# The copy is benchmarks/target/controller-NAME (SSH on 127.0.0.1:SSH_PORT); the report is printed and kept in
# benchmarks/target/controller-NAME.txt. Environment settings are passed on to bin/start (JAVA_MAX_MEM,
# JAVA_MIN_MEM, EXTRA_JAVA_OPTS, GRIDPRINT_JVM_DEFAULTS; PAGE_CACHE=N writes pageCacheSize = N).
set -eu
NAME=$1 SSH=$2 MODBUS=$3 MINUTES=$4
METERS=${METERS:-100}
DIST=karaf-distribution/target/assembly
WORK=benchmarks/target/controller-$NAME
REPORT=benchmarks/target/controller-$NAME.txt
[ -d "$DIST" ] || { echo "no $DIST: build the distribution first (see the header of $0)" >&2; exit 1; }
[ -f benchmarks/target/classpath.txt ] || { echo "no benchmarks/target/classpath.txt (see the header of $0)" >&2; exit 1; }
rm -rf "$WORK"
cp -a "$DIST" "$WORK"
sed -i "s/^sshPort = .*/sshPort = $SSH/; s/^sshHost = .*/sshHost = 127.0.0.1/" "$WORK/etc/org.apache.karaf.shell.cfg"
# the distribution ships no user: this run's own (bench-only) console user
GRIDPRINT_ADMIN_PASSWORD=gridprint-bench-only "$WORK/bin/gridprint-admin" add bench 2>/dev/null
if [ -n "${PAGE_CACHE:-}" ]; then
    echo "pageCacheSize = $PAGE_CACHE" >> "$WORK/etc/org.gridprint.store.derby.cfg"
fi

java -Xmx64m -cp "benchmarks/target/gridprint-benchmarks-0.1.0-SNAPSHOT.jar:$(cat benchmarks/target/classpath.txt)" \
    org.gridprint.bench.ControllerSlave --port "$MODBUS" --meters "$METERS" --poll 1 --etc "$WORK/etc" \
    > "$WORK/slave.log" 2>&1 &
SLAVE=$!
i=0
until grep -q "Modbus TCP slave on" "$WORK/slave.log" 2>/dev/null; do
    i=$((i + 1)); [ $i -lt 300 ] || { echo "the slave did not start: $(cat "$WORK/slave.log")" >&2; kill $SLAVE; exit 1; }
    sleep 0.1
done

START_MS=$(date +%s%3N)
"$WORK/bin/start"
i=0
until [ -s "$WORK/karaf.pid" ]; do
    i=$((i + 1)); [ $i -lt 600 ] || { echo "Karaf did not start" >&2; kill $SLAVE; exit 1; }
    sleep 0.1
done
PID=$(cat "$WORK/karaf.pid")
sleep $((MINUTES * 60))

client() {
    "$WORK/bin/client" -a "$SSH" -h 127.0.0.1 -u bench -p gridprint-bench-only -r 10 -b 2>/dev/null <<EOF
$1
EOF
}
{
    echo "== $NAME: $METERS meters at 1 s for $MINUTES min; JAVA_MAX_MEM=${JAVA_MAX_MEM:-default} EXTRA_JAVA_OPTS=${EXTRA_JAVA_OPTS:-} GRIDPRINT_JVM_DEFAULTS=${GRIDPRINT_JVM_DEFAULTS:-}"
    echo "JVM flags: $(tr '\0' ' ' < /proc/$PID/cmdline | grep -o -- '-X[^ ]*' | tr '\n' ' ')"
    echo "RSS kB: $(ps -o rss= -p "$PID")   threads: $(ls /proc/$PID/task | wc -l)   CPU time: $(ps -o cputime= -p "$PID")"
    grep -E '^(VmHWM|VmRSS|RssAnon|RssFile)' /proc/$PID/status | tr -s ' \t' ' ' | tr '\n' ';'
    echo
    echo "-- heap before GC"; jcmd "$PID" GC.heap_info | sed 1d
    jcmd "$PID" GC.run > /dev/null
    echo "-- heap after a full GC"; jcmd "$PID" GC.heap_info | sed 1d
    echo "-- largest classes on the heap"; jcmd "$PID" GC.class_histogram | sed -n 2,18p
    if tr '\0' ' ' < /proc/$PID/cmdline | grep -q NativeMemoryTracking; then
        echo "-- native memory"; jcmd "$PID" VM.native_memory summary | grep -E '^(Total|-  )' | sed 's/(malloc.*//'
    fi
    FIRST=$(client "gridprint:readings load/m-001 --last 1h --limit 100000" | grep -o '^20[0-9T:.-]*Z' | head -1)
    FIRST_MS=$(date -d "$FIRST" +%s%3N)
    echo "start-to-first-reading: $(( (FIRST_MS - START_MS) )) ms (bin/start at $START_MS, first reading's poll slot $FIRST)"
    echo "-- gridprint:status"; client "gridprint:status" | tee "$WORK/status.txt"
    AT=$(sed -n 's/^Gridprint status at \(.*\)$/\1/p' "$WORK/status.txt")
    STORED=$(sed -n 's/^Readings: *\([0-9]*\) stored.*/\1/p' "$WORK/status.txt")
    EXPECTED=$(( ( ($(date -d "$AT" +%s%3N) - FIRST_MS) / 1000 + 1) * METERS * 3 ))
    echo "readings stored $STORED of $EXPECTED slots x 3 registers since the first slot (skipped or not yet stored: $((EXPECTED - STORED)))"
    echo "-- gridprint:store"; client "gridprint:store" || true
    echo "karaf.log WARN/ERROR lines: $(grep -c -E '\| (WARN|ERROR) ' "$WORK/data/log/karaf.log" || true)"
} 2>&1 | tee "$REPORT"

"$WORK/bin/stop"
i=0
while kill -0 "$PID" 2>/dev/null; do
    i=$((i + 1)); [ $i -lt 600 ] || { echo "Karaf $PID did not stop" >&2; break; }
    sleep 0.1
done
kill "$SLAVE"
