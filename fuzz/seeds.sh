#!/usr/bin/env bash
# Writes the page and pipeline seeds from our own pages: docs-src/ and the golden fixtures.
# Each seed's first line is the page's path, which decides its kind and area; a pipeline seed
# is up to three pages of one folder, separated by 0xFF bytes. The json and annotation seeds
# are written by hand.
set -euo pipefail
cd "$(dirname "$0")"
rm -f corpus/page/seed-* corpus/pipeline/seed-*
mkdir -p corpus/page corpus/pipeline
for root in ../docs-src ../codegen/tests/golden/*/docs; do
    tag=$(echo "${root#../}" | sed 's#codegen/tests/golden/##; s#/docs$##; s#/#-#g')
    pages=$(cd "$root" && find . -name '*.md' | sed 's#^\./##' | LC_ALL=C sort)
    for rel in $pages; do
        { printf '%s\n' "$rel"; cat "$root/$rel"; } >"corpus/page/seed-$tag-${rel//\//-}"
    done
    # Three pages at a time, taken a third of the folder apart, so that operation pages
    # (api/ sorts first) meet resource pages.
    list=($pages)
    count=${#list[@]}
    stride=$(((count + 2) / 3))
    for ((i = 0; i < stride; i++)); do
        out="corpus/pipeline/seed-$tag-$i"
        : >"$out"
        for ((j = i; j < count; j += stride)); do
            rel=${list[j]}
            [ -s "$out" ] && printf '\377' >>"$out"
            { printf '%s\n' "$rel"; cat "$root/$rel"; } >>"$out"
        done
    done
done
