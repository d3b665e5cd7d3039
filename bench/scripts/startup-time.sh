#!/usr/bin/env bash
# Start-up time of the window: from launching `java -jar dmascope.jar` to the main window mapped on screen,
# over N cold starts (median and all runs). Needs Xvfb, openbox and xdotool (apt-get install xvfb openbox xdotool);
# run on a quiet machine. Usage: bench/scripts/startup-time.sh [RUNS] [JAVA_OPTIONS...]
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-5}
shift || true
jar=app/target/dmascope.jar
[ -f "$jar" ] || { echo "build first: mvn -B package -DskipTests" >&2; exit 2; }
display=:$((90 + RANDOM % 9))
Xvfb "$display" -screen 0 1920x1080x24 >/dev/null 2>&1 &
xvfb=$!
sleep 1
DISPLAY=$display openbox >/dev/null 2>&1 &
wm=$!
trap 'kill $wm $xvfb 2>/dev/null || true; rm -rf "$HOME/.java/.userPrefs/dmascope-startup"' EXIT
sleep 1
times=()
for i in $(seq "$runs"); do
  prefs="/dmascope-startup/$RANDOM$RANDOM"
  start=$(date +%s%N)
  DISPLAY=$display java -Dprism.order=sw -Ddmascope.preferences="$prefs" "$@" -jar "$jar" >/dev/null 2>&1 &
  app=$!
  DISPLAY=$display xdotool search --sync --onlyvisible --name ' — dmascope$' >/dev/null
  end=$(date +%s%N)
  times+=($(( (end - start) / 1000000 )))
  kill $app; wait $app 2>/dev/null || true
  sleep 1
done
sorted=$(printf '%s\n' "${times[@]}" | sort -n)
median=$(echo "$sorted" | sed -n "$(( (runs + 1) / 2 ))p")
echo "window on screen: median ${median} ms over $runs starts (each: ${times[*]} ms)"
