#!/usr/bin/python3
"""A stand-in for nidataset 0.7.0's extract_annotations_dataset, for `cohortflow bench annotations`.

nidataset is a PyPI package and PyPI is unreachable from the machines cohortflow is built on, so
the benchmark cannot run the real library. This script does what ../shared/notes/nidataset-behaviour.md
says nidataset does, the same way: nibabel's get_fdata() (float64), then per distinct positive value
a full-volume boolean mask, min/max per axis with np.any / np.where, and Python's csv module.
It supports the default options only (axial view, case saving mode, slice extraction, center data
mode, no target size) and writes the same files as `cohortflow annotations`, so the benchmark can
also check that both outputs are identical.

Usage: nidataset-standin.py INPUT_DIR OUTPUT_DIR
"""
import csv
import os
import sys

import nibabel as nib
import numpy as np


def extent(mask, axis):
    others = tuple(a for a in range(3) if a != axis)
    present = np.where(np.any(mask, axis=others))[0]
    return int(present.min()), int(present.max())


def annotate(path, out_root):
    name = os.path.basename(path)
    stem = name[:-7] if name.endswith(".nii.gz") else name[:-4]
    prefix = stem[:-5] if stem.endswith("_bbox") else stem
    folder = os.path.join(out_root, stem, "axial")
    os.makedirs(folder, exist_ok=True)
    data = nib.load(path).get_fdata()
    values = np.unique(data)
    rows_by_slice = {}
    for value in values[values > 0]:
        mask = data == value  # one full-volume boolean mask per label, as nidataset
        (x0, x1), (y0, y1), (z0, z1) = (extent(mask, a) for a in range(3))
        for z in range(z0, z1 + 1):
            rows_by_slice.setdefault(z, []).append([(y0 + y1) / 2, (x0 + x1) / 2])
    for z, rows in sorted(rows_by_slice.items()):
        with open(os.path.join(folder, f"{prefix}_axial_{z:03d}.csv"), "w", newline="") as f:
            writer = csv.writer(f)
            writer.writerow(["CENTER_X", "CENTER_Y"])
            writer.writerows(rows)


def main(input_dir, output_dir):
    names = sorted(n for n in os.listdir(input_dir) if n.endswith((".nii.gz", ".nii")))
    for name in names:
        annotate(os.path.join(input_dir, name), output_dir)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
