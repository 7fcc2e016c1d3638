#!/usr/bin/env python3
"""Writes the hand-made seeds of the data-files fuzz target into Fuzz/corpus-data-files (the
found-* files beside them are inputs the fuzzer kept, minimized with -merge=1).

Each seed is one selector byte (even: .npy, odd: CSV; see Sources/ConvFuzzing/DataFileCheck.swift)
then the file: valid .npy files of every dtype conv reads, in both byte orders and Fortran
order, versions 1 to 3; headers that lie about the shape or the size; truncated files; CSV files
with quotes, ragged rows, comments, blank lines, a byte-order mark and very wide rows.
Run it again after changing what the readers accept: python3 Fuzz/make-data-files-corpus.py
"""
import io
import os
import struct

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "corpus-data-files")
NPY, CSV = b"\x00", b"\x01"


def npy_bytes(array, version=None):
    buffer = io.BytesIO()
    if version is None:
        np.save(buffer, array)
    else:
        np.lib.format.write_array(buffer, array, version=version)
    return buffer.getvalue()


def raw_npy(header, data, version=1):
    """A file with a header written by hand, padded as NumPy pads it."""
    text = header.encode("latin-1")
    length_size = 2 if version == 1 else 4
    pad = 63 - (6 + 2 + length_size + len(text)) % 64
    text += b" " * pad + b"\n"
    length = struct.pack("<H" if version == 1 else "<I", len(text))
    return b"\x93NUMPY" + bytes([version, 0]) + length + text + data


def seeds():
    values = np.arange(6) - 2
    for dtype in ["f2", "f4", "f8", "i1", "i2", "i4", "i8", "u1", "u2", "u4", "u8", "b1"]:
        for order in "<>":
            typed = np.dtype(order + dtype) if dtype not in ("i1", "u1", "b1") else np.dtype(dtype)
            yield f"npy-{dtype}-{'le' if order == '<' else 'be'}", NPY + npy_bytes(values.astype(typed).reshape(2, 3))
    yield "npy-fortran", NPY + npy_bytes(np.asfortranarray(np.arange(12.0).reshape(3, 4)))
    yield "npy-fortran-3d", NPY + npy_bytes(np.asfortranarray(np.arange(24, dtype="<i4").reshape(2, 3, 4)))
    yield "npy-scalar", NPY + npy_bytes(np.float64(2.5))
    yield "npy-empty", NPY + npy_bytes(np.zeros((0, 3)))
    yield "npy-version2", NPY + npy_bytes(np.arange(4.0), version=(2, 0))
    yield "npy-version3", NPY + npy_bytes(np.arange(4.0), version=(3, 0))
    yield "npy-nan-inf", NPY + npy_bytes(np.array([np.nan, np.inf, -np.inf, -0.0]))
    data = np.arange(4.0).tobytes()
    yield "npy-lies-huge-shape", NPY + raw_npy("{'descr': '<f8', 'fortran_order': False, 'shape': (1000000000000,), }", data)
    yield "npy-lies-overflow-shape", NPY + raw_npy("{'descr': '<f8', 'fortran_order': False, 'shape': (9223372036854775807, 2), }", data)
    yield "npy-lies-small-shape", NPY + raw_npy("{'descr': '<f8', 'fortran_order': False, 'shape': (2,), }", data)
    yield "npy-lies-negative-shape", NPY + raw_npy("{'descr': '<f8', 'fortran_order': False, 'shape': (-4,), }", data)
    yield "npy-lies-header-length", NPY + b"\x93NUMPY\x01\x00\xff\xff{'descr': '<f8'"
    yield "npy-truncated-data", NPY + npy_bytes(np.arange(100.0))[:-13]
    yield "npy-truncated-header", NPY + npy_bytes(np.arange(3.0))[:40]
    yield "npy-structured", NPY + raw_npy("{'descr': [('a', '<f8')], 'fortran_order': False, 'shape': (1,), }", data[:8])
    yield "npy-odd-header", NPY + raw_npy("{'shape': (2, 2), 'fortran_order': True, 'descr': '>i2', 'extra': None}", b"\x00\x01" * 4)
    yield "csv-plain", CSV + b"1,2,3\n4,5,6\n"
    yield "csv-column", CSV + b"1.5\n-2\n3e10\n"
    yield "csv-quoted", CSV + b'"1","2"\n"3",4\n'
    yield "csv-ragged", CSV + b"1,2,3\n4,5\n"
    yield "csv-comments-blank-crlf", CSV + b"\xef\xbb\xbf# header\r\n1, 2 # note\r\n\r\n3, 4\r\n"
    yield "csv-empty-fields", CSV + b"1,,3\n,\n"
    yield "csv-specials", CSV + b"nan,inf,-inf,-0,1e-320,0x10\n"
    yield "csv-wide", CSV + (",".join(["1.25"] * 5000) + "\n").encode()
    yield "csv-not-text", CSV + b"\xff\xfe1,2\n"


def main():
    os.makedirs(OUT, exist_ok=True)
    for name, content in seeds():
        with open(os.path.join(OUT, name), "wb") as file:
            file.write(content)


if __name__ == "__main__":
    main()
