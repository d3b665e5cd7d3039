#!/bin/sh
# Packs the Linux app image (app-image.sh) as a Debian package, when this machine can: jpackage --type deb
# needs dpkg-deb and fakeroot (Debian/Ubuntu: apt-get install dpkg-dev fakeroot; dpkg-deb is in dpkg). Then
# smoke-tests the package without installing it: its files are unpacked into a scratch folder and the
# command-line launcher runs a lesson with nothing from the environment but PATH.
#   TARGET/installer/deb/dmascope_VERSION-1_amd64.deb   installs /opt/dmascope (bin/DMAscope, bin/dmascope)
# Usage: deb.sh TARGET_DIR VERSION LESSON
set -eu
target=$1
version=$(echo "$2" | sed 's/[^0-9.].*//')
lesson=$3
out=$(cd "$target" && pwd)/installer
for tool in dpkg-deb fakeroot; do
    if ! command -v "$tool" > /dev/null; then
        echo "deb: skipped, no $tool on this machine (apt-get install dpkg-dev fakeroot); the app image is built"
        exit 0
    fi
done
rm -rf "$out/deb"
# libgtk-3-0: JavaFX's window (its natives are unpacked from the jar at run time, so jpackage cannot see them).
jpackage --type deb --app-image "$out/DMAscope" --name dmascope --app-version "$version" --vendor dmascope \
    --description "memory and PCI DMA topology explorer" --linux-package-name dmascope \
    --linux-app-category devel --linux-package-deps libgtk-3-0 --linux-shortcut --dest "$out/deb"
deb=$(ls "$out"/deb/dmascope_*.deb)
mkdir -p "$out/deb/unpacked"
dpkg-deb -x "$deb" "$out/deb/unpacked"
env -i PATH=/usr/bin:/bin HOME="$out/deb" "$out/deb/unpacked/opt/dmascope/bin/dmascope" run "$lesson" > /dev/null
rm -rf "$out/deb/unpacked"
echo "deb: $deb ($(du -h "$deb" | cut -f1)); installs /opt/dmascope; its launcher passed $lesson"
