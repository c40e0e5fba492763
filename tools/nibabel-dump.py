#!/usr/bin/python3
"""Print nibabel's view of NIfTI files, one JSON object per line, for cohortflow's codec tests.

Usage: nibabel-dump.py FILE...

For each file: header fields, the affine nibabel gives as img.affine, and the SHA-256 of the
scaled voxel data as little-endian float64 in x-fastest (Fortran) order, NaNs made canonical.
RGB24 images are dumped as their three uint8 channels, unscaled, channel fastest. A file nibabel
cannot load gets {"path": ..., "error": ...}. Runs with Debian's python3-nibabel and numpy only.
"""
import hashlib
import json
import sys

import nibabel as nib
import numpy as np


def text(value):
    return bytes(value).split(b"\0", 1)[0].decode("latin-1")


def data_digest(img):
    if img.get_data_dtype().names:  # RGB24: a structured dtype with fields R, G, B
        raw = img.dataobj.get_unscaled()
        channels = np.stack([raw[name] for name in raw.dtype.names], axis=-1)
        flat = np.moveaxis(channels, -1, 0).astype("<f8").ravel(order="F")
    else:
        flat = np.asarray(img.get_fdata(dtype=np.float64), dtype="<f8").ravel(order="F")
    flat = flat.copy()
    flat[np.isnan(flat)] = np.nan
    return hashlib.sha256(flat.tobytes()).hexdigest(), float(np.nansum(flat))


def image_class(path):
    """Nifti1Image or Nifti2Image by sizeof_hdr, so CIFTI files load as plain NIfTI-2."""
    with nib.openers.ImageOpener(path) as f:
        first = f.read(4)
    sizes = {int.from_bytes(first, "little"), int.from_bytes(first, "big")}
    return nib.Nifti2Image if 540 in sizes else nib.Nifti1Image


def dump(path):
    cls = image_class(path)
    img = cls.from_filename(path)
    with nib.openers.ImageOpener(path) as f:
        hdr = cls.header_class.from_fileobj(f)  # as stored (img.header has scaling reset)
    digest, total = data_digest(img)
    return {
        "path": path,
        "version": int(hdr["sizeof_hdr"]) == 540 and 2 or 1,
        "byteorder": "big" if hdr.endianness == ">" else "little",
        "shape": [int(s) for s in img.shape],
        "datatype": int(hdr["datatype"]),
        "pixdim": [float(v) for v in hdr["pixdim"]],
        "vox_offset": int(img.dataobj.offset),
        "scl_slope": float(hdr["scl_slope"]),
        "scl_inter": float(hdr["scl_inter"]),
        "xyzt_units": int(hdr["xyzt_units"]),
        "intent_code": int(hdr["intent_code"]),
        "intent_name": text(hdr["intent_name"].tobytes()),
        "descrip": text(hdr["descrip"].tobytes()),
        "qform_code": int(hdr["qform_code"]),
        "sform_code": int(hdr["sform_code"]),
        "affine": [[float(v) for v in row] for row in img.affine],
        "data_sha256": digest,
        "data_sum": total,
    }


def main(paths):
    for path in paths:
        try:
            record = dump(path)
        except Exception as error:  # report and go on: the caller compares file by file
            record = {"path": path, "error": f"{type(error).__name__}: {error}"}
        print(json.dumps(record), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
