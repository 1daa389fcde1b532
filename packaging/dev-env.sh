#!/usr/bin/env bash
# Sets up a development environment in .venv on Debian/Ubuntu (and any machine that
# already has Python 3.11+ with venv): system libraries Qt needs, then the package.
#   bash packaging/dev-env.sh          the app
#   bash packaging/dev-env.sh --test   the app plus everything the test suite needs
set -euo pipefail
cd "$(dirname "$0")/.."

with_tests=0
[ "${1:-}" = "--test" ] && with_tests=1

# Qt's xcb and offscreen platforms load these at run time; the tray test needs Xvfb
# and a tray host; the desktop tests start their own dbus-daemon (package dbus); the
# importer tests run the real Timewarrior.
# Redmine is installed separately by tests/servers/redmine.sh.
apt_runtime="libgl1 libegl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libfreetype6 libdbus-1-3
  libglib2.0-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-xinerama0
  libxcb-randr0 libxcb-render-util0 libxcb-image0 libxcb-xkb1 libxrender1 libxi6"
apt_test="xvfb xauth trayer x11-utils xdotool imagemagick dbus timewarrior"

if command -v apt-get >/dev/null 2>&1; then
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  packages="$apt_runtime"
  [ "$with_tests" = 1 ] && packages="$packages $apt_test"
  python3 -c "import venv, ensurepip" 2>/dev/null || packages="$packages python3-venv"
  missing=""
  for p in $packages; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
  done
  if [ -n "$missing" ]; then
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
  fi
fi

[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
if [ "$with_tests" = 1 ]; then
  .venv/bin/python -m pip install -q -e ".[test]"
else
  .venv/bin/python -m pip install -q -e .
fi
