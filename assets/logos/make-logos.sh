#!/bin/sh
# Draws the sample memo's two letterhead logos (made for memodraft's sample, no one's real
# logo) with ImageMagick: PNGs with a transparent background, so the PDF keeps their
# transparency as a soft mask. Run from the repository's root: sh assets/logos/make-logos.sh
set -eu
cd "$(dirname "$0")"
bold=../fonts/LiberationSerif-Bold.ttf
regular=../fonts/LiberationSerif-Regular.ttf

# Alianza Binacional por los Derechos Humanos: two overlapping rings (the two countries).
convert -size 720x240 xc:none \
  -stroke '#1f4e8c' -strokewidth 14 -fill none \
  -draw 'circle 110,120 110,40' \
  -stroke '#b8332c' -draw 'circle 190,120 190,40' \
  -stroke none -fill '#1f4e8c' -font "$bold" -pointsize 92 -annotate +270+125 'ABDH' \
  -fill '#333333' -font "$regular" -pointsize 30 -annotate +272+180 'Alianza Binacional' \
  -trim +repage -bordercolor none -border 8 -depth 8 -define png:color-type=6 -strip alliance.png

# Hemispheric Rights Project: a globe of meridians and a parallel, in green.
convert -size 640x240 xc:none \
  -stroke '#2e7d4f' -strokewidth 10 -fill none \
  -draw 'circle 120,120 120,30' \
  -draw 'ellipse 120,120 40,90 0,360' \
  -draw 'line 30,120 210,120' \
  -stroke none -fill '#2e7d4f' -font "$bold" -pointsize 54 -annotate +240+110 'Hemispheric' \
  -fill '#333333' -font "$regular" -pointsize 40 -annotate +242+165 'Rights Project' \
  -trim +repage -bordercolor none -border 8 -depth 8 -define png:color-type=6 -strip hemispheric.png
