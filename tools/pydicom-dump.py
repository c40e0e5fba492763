#!/usr/bin/python3
"""Dumps pydicom's view of DICOM files as JSON, to check cohortflow's reader against it.

Run with Debian's python3 and python3-pydicom (2.3.1):
    /usr/bin/python3 tools/pydicom-dump.py FILE... > dump.json
    /usr/bin/python3 tools/pydicom-dump.py --list files.txt > dump.json   (one path a line)

Output: {"pydicom": version, "files": {path: {"meta": [...], "dataset": [...]} or {"error": msg}}}.
Each element is {"tag": "GGGGEEEE", "vr": VR, "raw": md5 of the value bytes as stored in the file,
"len": byte count, "value": ...}: text as a list of strings, numbers as a list of numbers (DS/IS
from their text; a value pydicom cannot convert gives "invalid"), AT as a list of ints, bytes only
by "raw"/"len", sequences as "items": [[element, ...], ...]. Reading is header-only
(stop_before_pixels=True, force=True), as cohortflow's default reader does.
"""
import hashlib
import json
import math
import sys
import warnings

import pydicom
from pydicom.dataelem import RawDataElement
from pydicom.multival import MultiValue

TEXT_VRS = {"AE", "AS", "CS", "DA", "DT", "LO", "LT", "PN", "SH", "ST", "TM", "UC", "UI", "UR", "UT"}
NUMBER_VRS = {"US", "SS", "UL", "SL", "FL", "FD", "SV", "UV"}


def as_list(value):
    if value is None:
        return []
    if isinstance(value, (list, MultiValue, tuple)):
        return list(value)
    if value == "":
        return []
    return [value]


def number(x):
    x = float(x) if not isinstance(x, int) else x
    if isinstance(x, float) and (math.isnan(x) or math.isinf(x)):
        return str(x)
    return x


def dump_element(ds, tag):
    raw = ds._dict[tag]
    raw_bytes = raw.value if isinstance(raw, RawDataElement) else None
    out = {"tag": f"{int(tag):08X}"}
    try:
        elem = ds[tag]
    except Exception as e:  # conversion failure of this one element
        out["vr"] = raw.VR if isinstance(raw, RawDataElement) else "??"
        out["error"] = f"{type(e).__name__}: {e}"
        return out
    vr = elem.VR
    out["vr"] = vr
    if isinstance(raw_bytes, bytes):
        out["raw"] = hashlib.md5(raw_bytes).hexdigest()
        out["len"] = len(raw_bytes)
    if vr == "SQ":
        out["items"] = [dump_dataset(item) for item in elem.value]
        return out
    try:
        if vr in TEXT_VRS:
            out["value"] = [str(v) for v in as_list(elem.value)]
        elif vr in ("DS", "IS"):
            out["value"] = [number(v) for v in as_list(elem.value)]
        elif vr in NUMBER_VRS:
            out["value"] = [number(v) for v in as_list(elem.value)]
        elif vr == "AT":
            out["value"] = [int(v) for v in as_list(elem.value)]
    except Exception as e:
        out["invalid"] = f"{type(e).__name__}: {e}"
    return out


def dump_dataset(ds):
    return [dump_element(ds, tag) for tag in sorted(ds._dict.keys())]


def dump_file(path):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            ds = pydicom.dcmread(path, stop_before_pixels=True, force=True)
            return {
                "meta": dump_dataset(ds.file_meta) if getattr(ds, "file_meta", None) is not None else [],
                "dataset": dump_dataset(ds),
            }
        except Exception as e:
            return {"error": f"{type(e).__name__}: {e}"}


def main(argv):
    if argv[:1] == ["--list"]:
        with open(argv[1], encoding="utf-8") as f:
            paths = [line.rstrip("\n") for line in f if line.strip()]
    else:
        paths = argv
    result = {"pydicom": pydicom.__version__, "files": {p: dump_file(p) for p in paths}}
    json.dump(result, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main(sys.argv[1:])
