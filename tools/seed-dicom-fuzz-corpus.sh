#!/usr/bin/env bash
# Copies the real DICOM files of the Debian packages (fetched by tools/fetch-test-data.sh) into the
# corpus folder Jazzer uses when fuzzing DicomReaderFuzzTest for real, so that long fuzzing runs
# start from real files. Usage: tools/seed-dicom-fuzz-corpus.sh [REPO_ROOT]
set -euo pipefail
root="${1:-$(cd "$(dirname "$0")/.." && pwd)}"
data="${COHORTFLOW_TEST_DATA:-$root/.cache/debian-test-data}"
corpus="$root/processors/.cifuzz-corpus/io.cohortflow.dicom.DicomReaderFuzzTest/readerNeverCrashes"
[ -d "$data" ] || { echo "no Debian test data in $data: run tools/fetch-test-data.sh first" >&2; exit 1; }
mkdir -p "$corpus"
n=0
while IFS= read -r -d '' f; do
  # Jazzer seeds are best small: keep the first 64 KiB (the header lies there).
  head -c 65536 "$f" > "$corpus/$(printf '%s' "$f" | md5sum | cut -c1-16)"
  n=$((n + 1))
done < <(find -L "$data" -type f \( -name '*.dcm' -o -path '*pydicom/data/test_files/*' -o -path '*pydicom/data/charset_files/*' \) \
  ! -name '*.py' ! -name '*.txt' ! -name '*.json' ! -name '*.gz' ! -name '*.dump' ! -name README -print0)
echo "seeded $n files into $corpus"
