#!/usr/bin/env bash
# Renders assets/icon.svg into the icon set tauri.conf.json lists.
# Needs rsvg-convert (librsvg2-bin) and ImageMagick; run it after editing the SVG.
set -euo pipefail
cd "$(dirname "$0")/.."
out=src-tauri/icons
tmp=$(mktemp -d)
for s in 16 32 48 64 128 256 512 1024; do rsvg-convert -w $s -h $s assets/icon.svg -o "$tmp/$s.png"; done
cp "$tmp/32.png" $out/32x32.png
cp "$tmp/128.png" $out/128x128.png
cp "$tmp/256.png" $out/128x128@2x.png
cp "$tmp/512.png" $out/icon.png
/usr/bin/convert "$tmp/16.png" "$tmp/32.png" "$tmp/48.png" "$tmp/64.png" "$tmp/256.png" $out/icon.ico
# icns: a header and PNG chunks (ic07 128, ic08 256, ic09 512, ic10 1024).
python3 - "$tmp" "$out/icon.icns" <<'PY'
import struct, sys
tmp, dest = sys.argv[1], sys.argv[2]
chunks = b""
for kind, size in ((b"ic07", 128), (b"ic08", 256), (b"ic09", 512), (b"ic10", 1024)):
    data = open(f"{tmp}/{size}.png", "rb").read()
    chunks += kind + struct.pack(">I", len(data) + 8) + data
open(dest, "wb").write(b"icns" + struct.pack(">I", len(chunks) + 8) + chunks)
PY
rm -rf "$tmp"
