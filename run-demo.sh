#!/usr/bin/env bash
# Gridprint demo (README command one): builds if needed, unpacks the distribution into ./target/demo (fresh),
# adds the gridprint-demo feature to the boot features and starts Karaf.
#
#   ./run-demo.sh                 foreground: the Karaf console opens here; try  gridprint:meters
#                                 and  gridprint:emissions  (readings appear within a few poll cycles, CO2e windows a minute or two later);
#                                 leave with  logout  or Ctrl-D (stops Karaf)
#   ./run-demo.sh --background    starts Karaf in the background (bin/start) and waits until the console
#                                 answers; then, from ./target/demo:
#                                   bin/client -u gridprint -p gridprint                      (interactive)
#                                   echo "gridprint:meters" | bin/client -u gridprint -p gridprint -b   (scripts)
#                                 stop it with  target/demo/bin/stop
#   ./run-demo.sh --rebuild ...   forces the Maven build first
#
# The user gridprint/gridprint is a DEMO-ONLY credential that this script adds to the demo's own copy of
# etc/users.properties; the distribution itself ships no user (see README, "First administrator").
# Karaf 4.4.10 needs Java 17: JAVA_HOME is used if it is 17, else /usr/lib/jvm/java-17-openjdk-amd64.
set -euo pipefail

cd "$(dirname "$0")"
ROOT=$(pwd)
DEMO="$ROOT/target/demo"
DIST_DIR="$ROOT/karaf-distribution/target"

background=false
rebuild=false
for arg in "$@"; do
    case "$arg" in
        --background|-b) background=true ;;
        --rebuild) rebuild=true ;;
        -h|--help) sed -n '2,19p' "$0"; exit 0 ;;
        *) echo "run-demo.sh: unknown option '$arg' (expected --background, --rebuild or --help)" >&2; exit 2 ;;
    esac
done

java_major() { "$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1; }
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ] && [ "$(java_major "$JAVA_HOME")" = "17" ]; then
    :
elif [ -x /usr/lib/jvm/java-17-openjdk-amd64/bin/java ]; then
    JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64
elif command -v java >/dev/null && [ "$(java_major "$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")" = "17" ]; then
    JAVA_HOME=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
else
    echo "run-demo.sh: Java 17 is needed (Karaf 4.4.10 does not run on later JDKs); set JAVA_HOME to a JDK 17" >&2
    exit 1
fi
export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"

tarball() { ls "$DIST_DIR"/gridprint-karaf-distribution-*.tar.gz 2>/dev/null | head -1; }

# Build when there is no distribution yet or a source is newer than it.
dist=$(tarball || true)
if [ -z "$dist" ] || $rebuild || [ -n "$(find pom.xml bundles features karaf-distribution/pom.xml \
        karaf-distribution/src config -newer "$dist" -type f -not -path '*/target/*' 2>/dev/null | head -1)" ]; then
    echo "Building Gridprint (mvn -q -B install -DskipTests -pl karaf-distribution -am) ..."
    mvn -q -B install -DskipTests -pl karaf-distribution -am
    dist=$(tarball)
fi

# A demo left running in the background from an earlier run is stopped before its folder is replaced.
if [ -f "$DEMO/karaf.pid" ]; then
    pid=$(cat "$DEMO/karaf.pid" 2>/dev/null || true)
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
        echo "Stopping the demo that is still running in $DEMO (pid $pid) ..."
        "$DEMO/bin/stop" >/dev/null 2>&1 || true
        for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
        if kill -0 "$pid" 2>/dev/null; then
            echo "run-demo.sh: the earlier demo (pid $pid) did not stop; stop it first ($DEMO/bin/stop)" >&2
            exit 1
        fi
    fi
fi
rm -rf "$DEMO"
mkdir -p "$DEMO"
tar -xzf "$dist" -C "$DEMO" --strip-components=1

# Boot the demo feature too, in a second boot stage: featuresBoot = ( <the distribution's features> ), ( gridprint-demo ).
# (In one stage with the rest, the boot installer died silently while writing the demo's configfiles into etc/.)
features_cfg="$DEMO/etc/org.apache.karaf.features.cfg"
awk '
    /^featuresBoot[ \t]*=/ { inboot = 1; print "featuresBoot = ( \\"; next }
    inboot && !/\\[ \t]*$/ { sub(/[ \t]*$/, ""); print $0 " ), ( \\"; print "    gridprint-demo )"; inboot = 0; next }
    { print }
' "$features_cfg" > "$features_cfg.new"
mv "$features_cfg.new" "$features_cfg"
grep -q '^    gridprint-demo )$' "$features_cfg" || { echo "run-demo.sh: could not add gridprint-demo to $features_cfg" >&2; exit 1; }

# The distribution ships no user. The demo (this copy only) gets the DEMO-ONLY user gridprint/gridprint,
# hashed like any other (Karaf "basic" SHA-256, etc/org.apache.karaf.jaas.cfg); the console stays on 127.0.0.1.
demo_hash=$(printf '%s' gridprint | sha256sum | cut -d' ' -f1)
printf 'gridprint = {CRYPT}%s{CRYPT},_g_:admingroup\n' "$demo_hash" >> "$DEMO/etc/users.properties"
echo "Demo only: console user gridprint with password gridprint (added to $DEMO/etc/users.properties; the distribution itself ships no user)."

if ! $background; then
    echo "Starting Gridprint with the demo site (Karaf console; try gridprint:meters, gridprint:emissions; logout stops it)"
    exec "$DEMO/bin/karaf"
fi

"$DEMO/bin/start"
echo -n "Starting Gridprint in the background "
for _ in $(seq 1 90); do
    if echo "feature:list -i" | "$DEMO/bin/client" -u gridprint -p gridprint -b 2>/dev/null | grep -q gridprint-demo; then
        echo " up."
        cat <<MSG
Gridprint demo is running in $DEMO (console on ssh port 8101, demo-only user gridprint/gridprint).
  cd $DEMO
  bin/client -u gridprint -p gridprint                                  # interactive console
  echo "gridprint:meters" | bin/client -u gridprint -p gridprint -b     # one command from a script
  bin/stop                                                              # stop it
Readings appear within a few poll cycles, CO2e of the 1-minute windows a minute or two later
(gridprint:meters, gridprint:emissions).
MSG
        exit 0
    fi
    echo -n "."
    sleep 2
done
echo
echo "run-demo.sh: the console did not answer within 3 minutes; see $DEMO/data/log/karaf.log" >&2
exit 1
