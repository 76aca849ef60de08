#!/bin/sh
# Makes wkt/CODE.FORM.txt: how PROJ writes each EPSG CRS in the WKT forms
# files carry (.prj: WKT1_ESRI; GeoPackage: WKT1_GDAL, WKT2_2019).
# TestParseWKTForms reads each and checks it converts as crs.EPSG(CODE).
set -eu
for c in 4326 4284 3857 3395 32639 32738 28409 2499 2533 25835; do
  for form in WKT1_ESRI WKT1_GDAL WKT2_2019; do
    projinfo -q -o $form "EPSG:$c" > "wkt/$c.$form.txt"
  done
done
# Refused: Albers, and a datum with no shift to WGS 84.
projinfo -q -o WKT1_ESRI EPSG:5070 > wkt/refuse-albers.WKT1_ESRI.txt
projinfo -q -o WKT1_ESRI EPSG:4267 > wkt/refuse-nad27.WKT1_ESRI.txt
