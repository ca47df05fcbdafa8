#!/bin/sh
# Install the unpacked AnhörigDesk bundle on a Linux computer.
#
#   sudo ./install.sh                    # for every user: /opt/AnhorigDesk, /usr/local/{bin,share}
#   ./install.sh --prefix ~/.local       # for yourself only: ~/.local/opt/AnhorigDesk, ~/.local/{bin,share}
#   ./install.sh --uninstall [--prefix P]
#
# It copies the bundle, links PREFIX/bin/anhorigdesk to it, and installs the .desktop
# entry, the AppStream metainfo and the icons. Your profiles are not in the bundle
# (they are in ~/.local/share/AnhorigDesk): installing a new version or uninstalling
# leaves them alone.
set -eu
PREFIX=/usr/local
OPT=
UNINSTALL=0
while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) PREFIX=$2; shift 2 ;;
    --uninstall) UNINSTALL=1; shift ;;
    *) echo "usage: install.sh [--prefix DIR] [--uninstall]" >&2; exit 2 ;;
  esac
done
if [ "$PREFIX" = /usr/local ]; then OPT=/opt/AnhorigDesk; else OPT=$PREFIX/opt/AnhorigDesk; fi
APP_ID=se.anhorigdesk.AnhorigDesk
SRC=$(cd "$(dirname "$0")" && pwd)

rm -rf "$OPT" "$PREFIX/bin/anhorigdesk" "$PREFIX/share/applications/$APP_ID.desktop" \
  "$PREFIX/share/metainfo/$APP_ID.metainfo.xml"
find "$PREFIX/share/icons/hicolor" -name "$APP_ID.*" -delete 2>/dev/null || true
if [ "$UNINSTALL" = 1 ]; then
  echo "AnhörigDesk avinstallerat (profilerna finns kvar) / uninstalled (profiles are kept)"
  exit 0
fi

mkdir -p "$OPT" "$PREFIX/bin" "$PREFIX/share/applications" "$PREFIX/share/metainfo" \
  "$PREFIX/share/icons/hicolor"
cp -a "$SRC/." "$OPT/"
ln -s "$OPT/AnhorigDesk" "$PREFIX/bin/anhorigdesk"
cp "$SRC/share/applications/$APP_ID.desktop" "$PREFIX/share/applications/"
cp "$SRC/share/metainfo/$APP_ID.metainfo.xml" "$PREFIX/share/metainfo/"
cp -r "$SRC/share/icons/hicolor/." "$PREFIX/share/icons/hicolor/"
command -v update-desktop-database >/dev/null && update-desktop-database -q "$PREFIX/share/applications" || true
command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q -t "$PREFIX/share/icons/hicolor" 2>/dev/null || true
echo "AnhörigDesk installerat i $OPT / installed in $OPT"
