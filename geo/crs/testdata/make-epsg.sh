#!/bin/sh
# Makes epsg-table.tsv: the PROJ string PROJ's database gives for every EPSG
# code crs.EPSG serves, which TestEPSGTable compares parameter by parameter.
set -eu
out=epsg-table.tsv
: > $out
for c in 4326 4258 4284 3857 3395 $(seq 32601 32660) $(seq 32701 32760) $(seq 25828 25838) \
         $(seq 28404 28432) $(seq 2492 2549) $(seq 2551 2599) $(seq 2601 2640); do
  printf '%s\t%s\n' "$c" "$(projinfo -q -o PROJ "EPSG:$c" | tail -1)" >> $out
done
