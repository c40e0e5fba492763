#!/usr/bin/env bash
# Fetches the real DICOM and NIfTI files that Debian ships inside python3-pydicom, python3-nibabel
# and heudiconv into .cache/debian-test-data/<package>/ (the packages are downloaded and unpacked,
# not installed; the .dcm.gz files are gunzipped beside their originals). The codec conformance
# tests read them from there and skip when the folder is missing.
# With --install (as root) it also installs what the comparison tools run with: Debian's python3
# with pydicom and nibabel, and dcmtk.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
dest=${COHORTFLOW_TEST_DATA:-$repo/.cache/debian-test-data}
packages=(python3-pydicom python3-nibabel heudiconv)

if ! command -v apt-get >/dev/null 2>&1; then
  echo "fetch-test-data: no apt-get on this machine; the real-file codec tests will skip" >&2
  exit 0
fi
if [ "$(id -u)" = 0 ] && ! apt-cache show python3-pydicom >/dev/null 2>&1; then
  apt-get update -qq
fi
if [ "${1:-}" = "--install" ]; then
  if [ "$(id -u)" = 0 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      python3 python3-pydicom python3-nibabel python3-numpy dcmtk >/dev/null
  else
    echo "fetch-test-data: not root, skipping the install of python3-pydicom/nibabel and dcmtk" >&2
  fi
fi

mkdir -p "$dest"
for pkg in "${packages[@]}"; do
  if [ -f "$dest/$pkg/.complete" ]; then
    continue
  fi
  work=$(mktemp -d)
  (cd "$work" && apt-get download -qq -o APT::Sandbox::User=root "$pkg" >/dev/null)
  rm -rf "${dest:?}/$pkg"
  dpkg -x "$work"/*.deb "$dest/$pkg"
  rm -rf "$work"
  find "$dest/$pkg" -name '*.dcm.gz' -print0 | while IFS= read -r -d '' gz; do
    gunzip -c "$gz" > "${gz%.gz}"
  done
  touch "$dest/$pkg/.complete"
done
echo "fetch-test-data: test files under $dest"
