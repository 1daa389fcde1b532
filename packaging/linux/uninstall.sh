#!/bin/sh
# Removes what install.sh put in ~/.local, and nothing else: your timers, tasks and
# settings stay where they are (see the message at the end).
set -eu

prefix="$HOME/.local"
app_id=dev.stint.Stint
lib="$prefix/lib/stint"
share="$prefix/share"

# Only our link: a `stint` from pip or elsewhere in ~/.local/bin is left alone.
link="$prefix/bin/stint"
if [ -L "$link" ] && [ "$(readlink "$link")" = "$lib/stint" ]; then
  rm -f "$link"
fi
rm -rf "$lib" "$lib.new"
rm -f "$share/applications/$app_id.desktop" "$share/metainfo/$app_id.metainfo.xml"
for size in 16x16 22x22 24x24 32x32 48x48 64x64 128x128 256x256; do
  rm -f "$share/icons/hicolor/$size/apps/$app_id.png"
done
rm -f "$share/icons/hicolor/scalable/apps/$app_id.svg"

# The "start on login" entry the settings dialog writes: it would point at the
# program just removed, so it goes too, but only when it runs this installation.
autostart="${XDG_CONFIG_HOME:-$HOME/.config}/autostart/stint.desktop"
if [ -f "$autostart" ] && grep -q -e "^Exec=.*$lib/stint" -e "^Exec=.*$prefix/bin/stint" "$autostart"; then
  rm -f "$autostart"
fi


data="${XDG_DATA_HOME:-$HOME/.local/share}/stint"
config="${XDG_CONFIG_HOME:-$HOME/.config}/stint"
state="${XDG_STATE_HOME:-$HOME/.local/state}/stint"
echo "Stint is uninstalled. Your data is kept:"
echo "  database  $data"
echo "  settings  $config"
echo "  logs      $state"
echo "Delete those folders yourself if you want it gone; tokens saved in the OS keyring"
echo "are listed under the service name \"stint\"."
