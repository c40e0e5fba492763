#!/usr/bin/env python3
"""Writes the small NIfTI files of the workflow's `test` profile (workflows/assets/test).

Standard library only (NIfTI-1, gzip with a fixed mtime), so the same bytes come out everywhere:
three label masks for annotations and slices, and two image + mask cases for radiomics.
"""
import gzip
import pathlib
import struct
import sys

OUT = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "workflows/assets/test")


def nifti(path, shape, datatype, bitpix, fmt, values, spacing=(1.0, 1.0, 1.0)):
    nx, ny, nz = shape
    header = bytearray(352)
    struct.pack_into("<i", header, 0, 348)
    struct.pack_into("<8h", header, 40, 3, nx, ny, nz, 1, 1, 1, 1)
    struct.pack_into("<hh", header, 70, datatype, bitpix)
    struct.pack_into("<8f", header, 76, 1.0, spacing[0], spacing[1], spacing[2], 0, 0, 0, 0)
    struct.pack_into("<f", header, 108, 352.0)  # vox_offset
    struct.pack_into("<f", header, 112, 1.0)  # scl_slope
    struct.pack_into("<h", header, 252, 0)  # qform_code
    struct.pack_into("<h", header, 254, 1)  # sform_code
    struct.pack_into("<4f", header, 280, spacing[0], 0, 0, 0)
    struct.pack_into("<4f", header, 296, 0, spacing[1], 0, 0)
    struct.pack_into("<4f", header, 312, 0, 0, spacing[2], 0)
    header[344:348] = b"n+1\0"
    data = struct.pack("<%d%s" % (len(values), fmt), *values)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as f:
        f.write(gzip.compress(bytes(header) + data, mtime=0))


def volume(shape, fn):
    nx, ny, nz = shape
    # NIfTI order: x fastest.
    return [fn(x, y, z) for z in range(nz) for y in range(ny) for x in range(nx)]


def ball(cx, cy, cz, r):
    return lambda x, y, z: (x - cx) ** 2 + (y - cy) ** 2 + (z - cz) ** 2 <= r * r


def main():
    shape = (24, 20, 12)
    masks = {
        "mask_a": [(ball(6, 6, 4, 3), 1), (ball(16, 12, 7, 3), 2)],
        "mask_b": [(ball(12, 10, 6, 4), 1)],
        "mask_c": [(ball(5, 14, 3, 2), 1), (ball(18, 5, 8, 2), 1)],
    }
    for name, blobs in masks.items():
        def label(x, y, z, blobs=blobs):
            for inside, value in blobs:
                if inside(x, y, z):
                    return value
            return 0
        nifti(OUT / "masks" / (name + ".nii.gz"), shape, 2, 8, "B", volume(shape, label))

    shape = (16, 14, 8)
    cases = {
        "case1": (lambda x, y, z: 1 + (x + 2 * y + 3 * z) % 6, ball(8, 7, 4, 4)),
        "case2": (lambda x, y, z: 1 + (x * y + z) % 5, ball(7, 6, 3, 3)),
    }
    for name, (image, roi) in cases.items():
        nifti(OUT / "radiomics" / (name + "_image.nii.gz"), shape, 4, 16, "h",
              volume(shape, image), spacing=(2.0, 2.0, 2.0))
        nifti(OUT / "radiomics" / (name + "_mask.nii.gz"), shape, 2, 8, "B",
              volume(shape, lambda x, y, z: 1 if roi(x, y, z) else 0), spacing=(2.0, 2.0, 2.0))


if __name__ == "__main__":
    main()
