#!/bin/sh
# Makes proj-reference.tsv: points converted by PROJ's cs2cs (Debian
# proj-bin), which TestPROJReference holds geo/crs to. Each system is named
# by EPSG code (converted with the PROJ string projinfo gives for it, so the
# datum shift is the one EPSG recommends for the region) or by a PROJ
# string for the projections no code covers here. Run it from this folder.
set -eu
out=proj-reference.tsv
echo "# system	lon	lat	x	y	(made by make-reference.sh with $(cs2cs 2>&1 | head -1 | cut -c1-30))" > $out
emit() { # emit NAME PROJSTRING "lon lat" lines on stdin
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
code() { projinfo -q -o PROJ "EPSG:$1" | tail -1 | sed 's/+type=crs//'; }
# UTM 39N around the Caspian, out to 9° from the central meridian (51°E).
grid 42 60 1.5 0 80 8 | emit 32639 "$(code 32639)"
grid 12 24 3 -60 -4 8 | emit 32733 "$(code 32733)"
grid -179 179 22 -84 84 12 | emit 3857 "$(code 3857)"
grid -170 170 34 -80 80 20 | emit 3395 "$(code 3395)"
# Pulkovo 1942 Gauss–Krüger: 6° zone 9 (51°E), 6° CM 45E, 3° zone 17 (51°E), 3° CM 60E.
grid 45 57 2 36 48 3 | emit 28409 "$(code 28409)"
grid 40 50 2 38 44 3 | emit 2498 "$(code 2498)"
grid 48 54 1 38 46 2 | emit 2533 "$(code 2533)"
grid 57 63 1 38 46 2 | emit 2595 "$(code 2595)"
grid 20 30 2 40 50 5 | emit 4284 "$(code 4284)"
# Lambert conformal conic (two parallels, ETRS89 LCC Europe) and one parallel.
grid -10 40 10 30 70 10 | emit lcc2 "+proj=lcc +lat_0=52 +lon_0=10 +lat_1=35 +lat_2=65 +x_0=4000000 +y_0=2800000 +ellps=GRS80 +units=m"
grid 40 60 5 35 50 5 | emit lcc1 "+proj=lcc +lat_0=42 +lat_1=42 +lon_0=50 +k_0=0.9996 +x_0=500000 +y_0=200000 +datum=WGS84 +units=m"
