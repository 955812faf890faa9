#!/bin/sh
# Konzeptassistent für den angemeldeten Benutzer ins Startmenü eintragen (ohne root).
# Aufruf im entpackten Ordner:  ./install-linux.sh      Entfernen:  ./install-linux.sh --entfernen
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
DATA=${XDG_DATA_HOME:-$HOME/.local/share}
APPS="$DATA/applications"
ICONS="$DATA/icons/hicolor/256x256/apps"
if [ "${1:-}" = "--entfernen" ]; then
    rm -f "$APPS/konzeptassistent.desktop" "$ICONS/konzeptassistent.png"
    echo "Startmenü-Eintrag entfernt. Den Ordner $HERE können Sie löschen."
    exit 0
fi
mkdir -p "$APPS" "$ICONS"
cp "$HERE/konzeptassistent.png" "$ICONS/konzeptassistent.png"
sed -e "s|^TryExec=.*|TryExec=$HERE/Konzeptassistent|" \
    -e "s|^Exec=/opt/Konzeptassistent/Konzeptassistent|Exec=\"$HERE/Konzeptassistent\"|" \
    "$HERE/konzeptassistent.desktop" > "$APPS/konzeptassistent.desktop"
chmod 644 "$APPS/konzeptassistent.desktop"
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database "$APPS" >/dev/null 2>&1 || true
echo "Eingetragen: $APPS/konzeptassistent.desktop (Programm: $HERE/Konzeptassistent)"
