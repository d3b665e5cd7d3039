#!/bin/sh
# Builds the Linux application image of dmascope (mvn -Pinstaller package runs it after the shaded jar):
#   TARGET/installer/DMAscope/bin/DMAscope   the window (files given open in it)
#   TARGET/installer/DMAscope/bin/dmascope   the command line (dmascope run, map, groups, ...; no arguments: the window)
# with a Java runtime of its own (jlink: only the modules the jar uses, and its CDS archive), so it runs where
# no JDK is installed, and an AppCDS archive of the classes a command-line run loads (start-up, issue 12).
# Usage: app-image.sh TARGET_DIR VERSION LESSON
set -eu
target=$1
version=$2
lesson=$3
# Absolute: the archive records the class path it was made with, and a run must name the same jar.
out=$(cd "$target" && pwd)/installer
# jdeps --print-module-deps on dmascope.jar gives java.base,java.desktop,java.prefs,java.sql,jdk.jfr,
# jdk.unsupported (JavaFX); jdk.zipfs reads the bundled lessons from the jar; java.logging and jdk.charsets are
# looked up by name at run time (JavaFX's logger, imports in other encodings), so jdeps cannot see them.
modules=java.base,java.desktop,java.prefs,java.sql,jdk.jfr,jdk.unsupported,jdk.zipfs,java.logging,jdk.charsets
rm -rf "$out"
mkdir -p "$out/input"
cp "$target/dmascope.jar" "$out/input/"
jlink --add-modules "$modules" --strip-debug --no-header-files --no-man-pages --generate-cds-archive \
    --output "$out/runtime"
# The command line's launcher names its JVM options itself (they replace the window's): the same class-data
# archive, and the serial collector: G1 sizes its young generation from the machine's memory (60 % of 1/64 of
# it), so importing a 60 MB listing peaked near 470 MB with G1 and stays near 300 MB with it (docs/hardening.md).
printf '%s\n' 'main-class=org.dmascope.app.Main' \
    'java-options=-XX:SharedArchiveFile=$APPDIR/dmascope.jsa -Xshare:auto -Xlog:cds=off -Xlog:cds+dynamic=off -XX:+UseSerialGC' \
    > "$out/cli.properties"
# jpackage wants an x.y.z version. The window runs the client compiler, as the jar's relaunched window does
# (Relaunch.tuning: it starts 0.7 s sooner and draws as fast).
jpackage --type app-image --name DMAscope --app-version "$(echo "$version" | sed 's/[^0-9.].*//')" \
    --vendor dmascope --description "memory and PCI DMA topology explorer" \
    --input "$out/input" --main-jar dmascope.jar --main-class org.dmascope.app.Main \
    --runtime-image "$out/runtime" --dest "$out" --add-launcher "dmascope=$out/cli.properties" \
    --java-options '-XX:SharedArchiveFile=$APPDIR/dmascope.jsa' --java-options '-Xshare:auto' \
    --java-options '-Xlog:cds=off' --java-options '-Xlog:cds+dynamic=off' \
    --java-options '-XX:TieredStopAtLevel=1'
app=$out/DMAscope
# The AppCDS archive: the classes one scenario run loads (reading, the kernel rules, the mapping engine, the
# command line), archived at exit on top of the runtime's own archive. A window run needs a display, so the
# JavaFX classes are not in it.
"$app/lib/runtime/bin/java" -XX:ArchiveClassesAtExit="$app/lib/app/dmascope.jsa" -Xlog:cds=off \
    -cp "$app/lib/app/dmascope.jar" org.dmascope.app.Main run "$lesson" > /dev/null
echo "app image: $app ($(du -sh "$app" | cut -f1))"
