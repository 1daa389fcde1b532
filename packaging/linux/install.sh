#!/bin/sh
# Installs Stint for the current user, from the unpacked release tarball, into ~/.local:
#   ~/.local/lib/stint/                  the application (a self-contained folder)
#   ~/.local/bin/stint                   a link to it, for the command line
#   ~/.local/share/applications/         the menu entry (dev.stint.Stint.desktop)
#   ~/.local/share/icons/hicolor/*/apps/ its icons
#   ~/.local/share/metainfo/             the AppStream description (software centres)
# No root needed; running it again upgrades in place. ~/.local/lib/stint/uninstall.sh
# (also in the tarball) removes these.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
prefix="$HOME/.local"
app_id=dev.stint.Stint
lib="$prefix/lib/stint"
share="$prefix/share"

if [ ! -x "$here/stint/stint" ]; then
  echo "install.sh: no stint/stint next to this script; run it from the unpacked tarball" >&2
  exit 1
fi

mkdir -p "$prefix/lib" "$prefix/bin" "$share/applications" "$share/metainfo"

# Copy beside the old version, then swap, so a failed copy leaves the old one working.
rm -rf "$lib.new"
cp -R "$here/stint" "$lib.new"
rm -rf "$lib"
mv "$lib.new" "$lib"
ln -sfn "$lib/stint" "$prefix/bin/stint"
# Kept with the program, so removing Stint does not need the tarball any more.
cp "$here/uninstall.sh" "$lib/uninstall.sh"

# The menu entry runs the installed executable by its full path: a menu or an autostart
# session does not always have ~/.local/bin on its PATH. This is also the command the
# app writes into its own autostart entry (sys.executable inside the bundle).
sed -e "s|^Exec=stint\$|Exec=$lib/stint|" -e "s|^TryExec=stint\$|TryExec=$lib/stint|" \
  "$here/share/applications/$app_id.desktop" > "$share/applications/$app_id.desktop"
cp "$here/share/metainfo/$app_id.metainfo.xml" "$share/metainfo/"
(cd "$here/share/icons" && find hicolor -type f) | while read -r icon; do
  mkdir -p "$share/icons/$(dirname "$icon")"
  cp "$here/share/icons/$icon" "$share/icons/$icon"
done

# Menus watch ~/.local/share/applications themselves (the entry declares no MIME types,
# so there is no mimeinfo.cache to refresh); an icon cache exists only where a theme
# index was put in ~/.local, and then it must be refreshed or our icons stay hidden.
command -v gtk-update-icon-cache >/dev/null 2>&1 && [ -f "$share/icons/hicolor/index.theme" ] \
  && gtk-update-icon-cache -q -t "$share/icons/hicolor" || true

echo "Stint $("$lib/stint" --version | sed 's/^stint //') is installed in $lib"
echo "Start it from your applications menu (Office), or run: stint"
case ":$PATH:" in
  *":$prefix/bin:"*) ;;
  *) echo "Note: $prefix/bin is not on your PATH; add it to use the stint command in a terminal." ;;
esac
