#!/bin/sh
# Makes projections.tsv: points of the map's projections as PROJ's cs2cs
# (Debian proj-bin) converts them, which TestProjectionsMatchPROJ holds
# geo's projections to. The conics are those ConicFor fits to the named
# views (geo.Views), plus one of the southern hemisphere; Web Mercator is
# EPSG:3857. Run it from this folder.
set -eu
out=projections.tsv
echo "# name	lon	lat	x	y	(made by make-projections.sh with $(cs2cs 2>&1 | head -1 | cut -c1-30))" > $out
emit() { # emit NAME PROJSTRING, "lon lat" lines on stdin
  name=$1; to=$2
  tmp=$(mktemp)
  cat > "$tmp"
  cs2cs -f %.10f +proj=longlat +datum=WGS84 +no_defs +to $to < "$tmp" | paste "$tmp" - |
    awk -v n="$name" 'BEGIN{OFS="\t"} {print n, $1, $2, $3, $4}' >> $out
  rm -f "$tmp"
}
grid() { # grid LON0 LON1 STEP LAT0 LAT1 STEP
  for lon in $(seq $1 $3 $2); do for lat in $(seq $4 $6 $5); do echo "$lon $lat"; done; done
}
lcc() { # lcc LAT1 LAT2 LON0: the plane of geo.Conic(LAT1, LAT2, LON0)
  echo "+proj=lcc +lat_0=$(echo "($1 + $2) / 2" | bc -l) +lat_1=$1 +lat_2=$2 +lon_0=$3 +x_0=0 +y_0=0 +ellps=WGS84 +units=m +no_defs"
}
grid 20 80 5 25 60 5 | emit caspian "$(lcc 37 45 45.5)"
grid 0 120 10 10 70 10 | emit corridor "$(lcc 36.25 48.75 58)"
grid 46 56 1 37 47 1 | emit aktau-baku "$(lcc 40 43.5 50.5)"
grid 30 55 5 30 50 4 | emit btc "$(lcc 37 41.5 42.5)"
grid -80 -40 10 -50 -10 10 | emit south "$(lcc -35 -20 -60)"
grid -179 179 22 -84 84 12 | emit mercator "$(projinfo -q -o PROJ EPSG:3857 | tail -1 | sed 's/+type=crs//')"
