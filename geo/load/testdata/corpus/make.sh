#!/bin/sh
# Makes the reader test corpus from the three GeoJSON originals with GDAL's
# ogr2ogr (Debian gdal-bin): the same features as GeoPackage, Shapefile
# (loose and zipped; terminals in CP1251 with a .cpg), KML, KMZ and CSV,
# and the originals reprojected to UTM 39N and Web Mercator. The tests
# hold every reader's output to the GeoJSON originals. Run from this folder.
set -eu
export LC_ALL=C.UTF-8
rm -rf gpkg shp kml csv projected
mkdir -p gpkg shp kml csv projected
# Dates stay text, as in the originals (GDAL would make them Date fields).
o() { ogr2ogr -q -oo DATE_AS_STRING=YES "$@"; }
for l in terminals routes zones; do
  o -f GPKG -append -nln $l gpkg/corpus.gpkg $l.geojson
  enc=UTF-8; [ $l = terminals ] && enc=CP1251
  o -f "ESRI Shapefile" -lco ENCODING=$enc shp/$l.shp $l.geojson
  o -f KML kml/$l.kml $l.geojson
done
o -f LIBKML kml/zones.kmz zones.geojson
# A KMZ as Google Earth saves one: ge/doc.kml (hand-written, with styles
# and folders) and an icon.
(cd ge && mkdir -p files && printf '\211PNG\r\n\032\n' > files/port.png &&
  zip -q -X ../kml/google-earth.kmz doc.kml files/port.png && rm -rf files)
(cd shp && rm -f ../shp-terminals.zip && zip -q -X ../shp-terminals.zip terminals.shp terminals.shx terminals.dbf terminals.prj terminals.cpg)
mkdir -p tmpzip/corpus && cp shp/* tmpzip/corpus/ && (cd tmpzip && zip -q -X -r ../shp-all.zip corpus) && rm -rf tmpzip
mv shp-terminals.zip shp-all.zip shp/
o -f CSV -lco GEOMETRY=AS_XY csv/terminals-xy.csv terminals.geojson
o -f CSV -lco GEOMETRY=AS_WKT csv/routes-wkt.csv routes.geojson
o -f CSV -lco GEOMETRY=AS_WKT csv/zones-wkt.csv zones.geojson
for srs in 32639 3857; do
  for l in terminals routes zones; do
    o -f GeoJSON -t_srs EPSG:$srs -lco COORDINATE_PRECISION=4 projected/$l-$srs.geojson $l.geojson
    o -f GPKG -t_srs EPSG:$srs -append -nln $l projected/corpus-$srs.gpkg $l.geojson
  done
  mkdir -p tmpshp
  for l in terminals routes zones; do
    o -f "ESRI Shapefile" -lco ENCODING=UTF-8 -t_srs EPSG:$srs tmpshp/$l.shp $l.geojson
  done
  (cd tmpshp && zip -q -X ../projected/shp-$srs.zip *) && rm -rf tmpshp
done
