#!/usr/bin/env bash
# Counts SQL statements (`.raw(` calls) by module, split into those in store types (files named *Store.swift,
# *Repository*.swift or *Schema*.swift, and the SkyportStore target) and those elsewhere (services, engines, adapters).
# Issue 17 asks for the second number to fall: SQL belongs in each module's store types.
set -euo pipefail
cd "$(dirname "$0")/.."
printf '%-16s %8s %8s\n' module stores elsewhere
total_in=0; total_out=0
for dir in Sources/*/; do
  module=$(basename "$dir")
  in=0; out=0
  while IFS= read -r file; do
    n=$( { grep -o '\.raw(' "$file" || true; } | wc -l)
    [ "$n" -eq 0 ] && continue
    name=$(basename "$file")
    if [ "$module" = SkyportStore ] || [[ "$name" == *Store.swift || "$name" == *Store+*.swift || "$name" == *Repository*.swift || "$name" == *Schema*.swift ]]; then
      in=$((in + n))
    else
      out=$((out + n))
    fi
  done < <(find "$dir" -name '*.swift')
  [ $((in + out)) -eq 0 ] && continue
  printf '%-16s %8d %8d\n' "$module" "$in" "$out"
  total_in=$((total_in + in)); total_out=$((total_out + out))
done
printf '%-16s %8d %8d\n' total "$total_in" "$total_out"
