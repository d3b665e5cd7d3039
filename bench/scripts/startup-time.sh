#!/usr/bin/env bash
# Start-up time of the window: from launching `java -jar dmascope.jar` to the main window mapped on screen, over N
# cold starts (fresh preferences each), in two ways taken in turn, back to back:
#   relaunch  what a user gets: `java -jar` relaunches the window in a second JVM that maps the class-data archive
#             of the jar (README "Start-up"); the archive is made first, by one run closed normally (not counted,
#             its figures printed apart), in a cache directory of the script's own
#   plain     the same with -Ddmascope.classData=off: the window in the first JVM, as before the relaunch
# For each: the median and every run's wall time, and the CPU time the process and its child had used by then
# (the figure to compare on a busy machine, where other work stretches the wall time), with the load average.
# Needs Xvfb, openbox and xdotool (apt-get install xvfb openbox xdotool); run on a quiet machine.
# Usage: bench/scripts/startup-time.sh [RUNS] [JAVA_OPTIONS...]
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-5}
shift || true
jar=app/target/dmascope.jar
[ -f "$jar" ] || { echo "build first: mvn -B package -DskipTests" >&2; exit 2; }
cache=$(mktemp -d)
display=:$((90 + RANDOM % 9))
Xvfb "$display" -screen 0 1920x1080x24 >/dev/null 2>&1 &
xvfb=$!
sleep 1
DISPLAY=$display openbox >/dev/null 2>&1 &
wm=$!
trap 'kill $wm $xvfb 2>/dev/null || true; rm -rf "$HOME/.java/.userPrefs/dmascope-startup" "$cache"' EXIT
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

# One start: prints "WALL_MS CPU_MS"; the window is closed with File ▸ Quit (Ctrl+Q), as a user would.
start_once() {
  local prefs="/dmascope-startup/$RANDOM$RANDOM" start end app window cpu
  start=$(date +%s%N)
  DISPLAY=$display java -Dprism.order=sw -Ddmascope.preferences="$prefs" -Ddmascope.cacheDir="$cache" "$@" \
      -jar "$jar" >/dev/null 2>&1 &
  app=$!
  # xdotool's own --sync looks every half second, which rounds each start up to the next half second, and looking
  # more often takes CPU from the start being measured: wait instead for the window manager to list a new client
  # window (an X event), then look once for the window.
  window=""
  while read -r _; do
    window=$(DISPLAY=$display xdotool search --onlyvisible --name ' — dmascope$' 2>/dev/null | head -1)
    [ -n "$window" ] && break
  done < <(DISPLAY=$display xprop -root -spy _NET_CLIENT_LIST _NET_ACTIVE_WINDOW)
  end=$(date +%s%N)
  cpu=$(tree_cpu $app)
  sleep 1
  DISPLAY=$display xdotool windowactivate --sync "$window" key ctrl+q >/dev/null 2>&1 || kill $app
  wait $app 2>/dev/null || true
  echo "$(( (end - start) / 1000000 )) $cpu"
}

median() { printf '%s\n' "$@" | sort -n | sed -n "$(( ($# + 1) / 2 ))p"; }

t0=$(date +%s%N)
first=$(start_once "$@")
echo "relaunch, first run (makes the archive; closing it took $(( ($(date +%s%N) - t0) / 1000000 - ${first% *} )) ms):" \
    "window ${first% *} ms, CPU ${first#* } ms"
ls "$cache"/*.jsa >/dev/null 2>&1 || echo "warning: no archive was made; the relaunch runs below make it again" >&2
wall_r=(); cpu_r=(); wall_p=(); cpu_p=(); loads=()
for i in $(seq "$runs"); do
  loads+=("$(cut -d' ' -f1 /proc/loadavg)")
  r=$(start_once "$@"); wall_r+=("${r% *}"); cpu_r+=("${r#* }"); sleep 1
  p=$(start_once -Ddmascope.classData=off "$@"); wall_p+=("${p% *}"); cpu_p+=("${p#* }"); sleep 1
done
echo "relaunch with the archive: median ${median_r:=$(median "${wall_r[@]}")} ms over $runs starts" \
    "(each: ${wall_r[*]} ms; CPU median $(median "${cpu_r[@]}") ms, each: ${cpu_r[*]} ms)"
echo "plain (-Ddmascope.classData=off): median $(median "${wall_p[@]}") ms over $runs starts" \
    "(each: ${wall_p[*]} ms; CPU median $(median "${cpu_p[@]}") ms, each: ${cpu_p[*]} ms)"
echo "load average (1 min) before each pair: ${loads[*]}"
