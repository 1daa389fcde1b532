#!/usr/bin/env bash
# Builds the Linux release: a one-folder PyInstaller bundle and a tarball around it.
#   bash packaging/build-linux.sh        -> dist/stint/ and dist/stint-<version>-linux-x86_64.tar.gz
# STINT_DIST and STINT_BUILD move the output and work folders (default dist/ and build/;
# the tests build into their own temporary folders so parallel sessions never collide).
# Needs the development venv (bash packaging/dev-env.sh); installs PyInstaller into it
# when missing, at a pinned version so every build uses the same bootloader and hooks.
# Fails when the bundle picked up the build machine's GTK (see the check below).
set -euo pipefail
cd "$(dirname "$0")/.."

PYINSTALLER_VERSION=6.22.3
python=.venv/bin/python
[ -x "$python" ] || { echo "build-linux.sh: no .venv; run bash packaging/dev-env.sh first" >&2; exit 1; }

if ! "$python" -c "import PyInstaller, sys; sys.exit(PyInstaller.__version__ != '$PYINSTALLER_VERSION')" 2>/dev/null; then
  "$python" -m pip install -q "pyinstaller==$PYINSTALLER_VERSION"
fi

dist=${STINT_DIST:-dist}
work=${STINT_BUILD:-build}
mkdir -p "$dist" "$work"
# Two builds into the same folders would overwrite each other's files half-way.
exec 9>"$work/.build-linux.lock"
command -v flock >/dev/null 2>&1 && flock 9

version=$("$python" -c "import re; print(re.search(r'__version__ = \"([^\"]+)\"', open('app/stint/__init__.py').read()).group(1))")
arch=$(uname -m)
name="stint-$version-linux-$arch"

rm -f "$dist/stint.commit"  # until this build is complete and stamped
"$python" -m PyInstaller --noconfirm --log-level WARN --distpath "$dist" --workpath "$work/pyinstaller" packaging/stint.spec

# A libgtk/libgdk from this machine in the bundle would be loaded instead of the user's
# own and breaks on other distributions; the spec filters them, this proves it.
stray=$(find "$dist/stint" -name 'libgtk*' -o -name 'libgdk*' -o -name 'libtk*' -o -name 'libtcl*')
if [ -n "$stray" ]; then
  echo "build-linux.sh: the bundle contains GTK/Tk libraries from the build machine:" >&2
  echo "$stray" >&2
  exit 1
fi
"$dist/stint/stint" --version >/dev/null

# The tarball: the bundle, the desktop files under share/, and the two scripts.
stage="$work/tarball/$name"
rm -rf "$work/tarball"
mkdir -p "$stage/share/applications" "$stage/share/metainfo" "$stage/share/icons"
cp -R "$dist/stint" "$stage/stint"
cp packaging/linux/install.sh packaging/linux/uninstall.sh "$stage/"
cp packaging/linux/dev.stint.Stint.desktop "$stage/share/applications/"
cp packaging/linux/dev.stint.Stint.metainfo.xml "$stage/share/metainfo/"
cp -R packaging/icons/hicolor "$stage/share/icons/"
# Record the commit, so a test can reuse a bundle built from the same sources; a build
# from uncommitted changes is marked so it is never mistaken for one.
if [ -z "$(git status --porcelain -- app resources packaging pyproject.toml 2>/dev/null)" ]; then
  git rev-parse HEAD > "$dist/stint.commit" 2>/dev/null || echo unknown > "$dist/stint.commit"
else
  echo dirty > "$dist/stint.commit"
fi
# Written under a temporary name and moved into place: a reader never sees half a tarball.
tar -C "$work/tarball" -czf "$dist/$name.tar.gz.part" "$name"
mv "$dist/$name.tar.gz.part" "$dist/$name.tar.gz"
echo "$dist/$name.tar.gz ($(du -h "$dist/$name.tar.gz" | cut -f1))"
