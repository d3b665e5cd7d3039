#!/usr/bin/env bash
# Start-up time of the window over N cold starts (fresh preferences each), under Xvfb and openbox: from launching
# `java -jar dmascope.jar` to
#   on screen  the window manager lists the window (it is mapped; the figure earlier rounds reported), and
#   drawn      its first frame is on screen: five colours or more along a row and a column (first-frame.c looks
#              every 5 ms); the first frame holds the canvas with the default topology: when a user sees the machine
# with the CPU time the process and its child had used when the window was drawn, and the load average. The
# relaunch is what a user gets: `java -jar` starts the window in a second JVM mapping the class-data archive of the
# jar (README "Start-up"); the archive is made first, by one run closed normally (not counted, printed apart), in a
# cache directory of the script's own.
# JARS="a.jar b.jar" compares builds: each iteration starts each jar in turn, back to back (a machine's speed drifts
# by a quarter over minutes; only starts taken in turn compare). PLAIN=1 adds, for the first jar, a start in one
# JVM (-Ddmascope.classData=off), as before the relaunch.
# Needs Xvfb, openbox, xdotool, GTK 3 for the window and a C compiler with the X11 headers (apt-get install xvfb
# openbox xdotool libgtk-3-0 gcc libx11-dev); run on a quiet machine.
# Usage: [JARS="…"] [PLAIN=1] bench/scripts/startup-time.sh [RUNS] [JAVA_OPTIONS...]
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-5}
shift || true
read -r -a jars <<< "${JARS:-app/target/dmascope.jar}"
for jar in "${jars[@]}"; do
  [ -f "$jar" ] || { echo "no $jar; build first: mvn -B package -DskipTests" >&2; exit 2; }
done
work=$(mktemp -d)
probe=$work/first-frame
cc -O2 -o "$probe" bench/scripts/first-frame.c -lX11 || { echo "cannot build first-frame.c (gcc, libx11-dev)" >&2; exit 2; }
display=:$((90 + RANDOM % 9))
# -br: a black root, so a window mapped but not yet drawn shows at most two colours (see first-frame.c)
Xvfb "$display" -screen 0 1920x1080x24 -br >/dev/null 2>&1 &
xvfb=$!
sleep 1
DISPLAY=$display openbox >/dev/null 2>&1 &
wm=$!
trap 'kill $wm $xvfb 2>/dev/null || true; rm -rf "$HOME/.java/.userPrefs/dmascope-startup" "$work"' EXIT
sleep 1

# CPU milliseconds used so far by a process and its children.
tree_cpu() {
  local ticks=0 p v
  for p in "$1" $(pgrep -P "$1" || true); do
    v=$(awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null || echo 0)
    ticks=$((ticks + v))
  done
  echo $((ticks * 1000 / $(getconf CLK_TCK)))
}

# One start of jar $1 (with its own archive cache) and JVM options $2…: prints "ON_SCREEN_MS DRAWN_MS CPU_MS"; the
# window is then closed with File ▸ Quit (Ctrl+Q), as a user would.
start_once() {
  local jar=$1 cache prefs="/dmascope-startup/$RANDOM$RANDOM" start app mapped drawn cpu window probe_pid
  shift
  cache=$work/cache-$(echo "$jar" | md5sum | cut -c1-8)
  DISPLAY=$display "$probe" ' — dmascope' 60000 > "$work/probe" &
  probe_pid=$!
  until grep -q ready "$work/probe" 2>/dev/null; do sleep 0.01; done
  start=$(date +%s%3N)
  DISPLAY=$display java -Dprism.order=sw -Ddmascope.preferences="$prefs" -Ddmascope.cacheDir="$cache" "$@" \
      -jar "$jar" >/dev/null 2>&1 &
  app=$!
  wait "$probe_pid" || true
  cpu=$(tree_cpu $app)
  mapped=$(awk '/^mapped/{print $2}' "$work/probe")
  drawn=$(awk '/^painted/{print $2}' "$work/probe")
  if [ -z "$drawn" ]; then kill $app 2>/dev/null; echo "0 0 0"; return; fi
  sleep 1.5
  window=$(DISPLAY=$display xdotool search --onlyvisible --name ' — dmascope$' 2>/dev/null | head -1)
  DISPLAY=$display xdotool windowactivate --sync "$window" key ctrl+q >/dev/null 2>&1 || kill $app
  wait $app 2>/dev/null || true
  echo "$((mapped - start)) $((drawn - start)) $cpu"
}

median() { printf '%s\n' "$@" | sort -n | sed -n "$(( ($# + 1) / 2 ))p"; }

for jar in "${jars[@]}"; do
  first=$(start_once "$jar" "$@")
  echo "$jar: first run (makes the archive): on screen ${first%% *} ms"
done
declare -A on drawn cpu
loads=()
for i in $(seq "$runs"); do
  loads+=("$(cut -d' ' -f1 /proc/loadavg)")
  for j in "${!jars[@]}"; do
    read -r m d c <<< "$(start_once "${jars[$j]}" "$@")"
    [ "$d" -gt 0 ] 2>/dev/null || { echo "${jars[$j]}: no window drawn within a minute (is libgtk-3-0 installed?" \
        "java -jar ${jars[$j]} under the same DISPLAY says why)" >&2; exit 1; }
    on[$j]+="$m "; drawn[$j]+="$d "; cpu[$j]+="$c "
    sleep 1
  done
  if [ -n "${PLAIN:-}" ]; then
    read -r m d c <<< "$(start_once "${jars[0]}" -Ddmascope.classData=off "$@")"
    on[plain]+="$m "; drawn[plain]+="$d "; cpu[plain]+="$c "
    sleep 1
  fi
done
report() {
  # shellcheck disable=SC2086
  echo "$1: on screen median $(median ${on[$2]}) ms, drawn median $(median ${drawn[$2]}) ms, CPU median" \
      "$(median ${cpu[$2]}) ms over $runs starts (on screen: ${on[$2]}ms; drawn: ${drawn[$2]}ms; CPU: ${cpu[$2]}ms)"
}
for j in "${!jars[@]}"; do report "${jars[$j]}" "$j"; done
[ -n "${PLAIN:-}" ] && report "${jars[0]} in one JVM (-Ddmascope.classData=off)" plain
echo "load average (1 min) before each round: ${loads[*]}"
