#!/usr/bin/env python3
"""Writes the small .npy fixtures that runtime/tests/pjrt.rs compares against.

Run once with numpy and ml_dtypes available, e.g.
    $HOME/.cache/jaxr/oracle-venv/bin/python runtime/tests/data/make_fixtures.py
The outputs are committed; the test checks that jaxr-runtime reads them and
writes byte-identical files for the plain (version 1.0, C-order,
little-endian) ones.
"""
import os

import ml_dtypes
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))


def save(name, arr):
    np.save(os.path.join(HERE, name), arr, allow_pickle=False)


# Byte-exact fixtures: what numpy.save writes.
save("f32_2x3.npy", (np.arange(6, dtype=np.float32).reshape(2, 3) * 0.5 - 1))
save("f64_scalar.npy", np.array(2.5, dtype=np.float64))
save("bool_4.npy", np.array([True, False, False, True]))
save("i8_3.npy", np.array([-128, 0, 127], dtype=np.int8))
save("i16_3.npy", np.array([-32768, 1, 32767], dtype=np.int16))
save("i32_2x2.npy", np.array([[-(2**31), -1], [0, 2**31 - 1]], dtype=np.int32))
save("i64_3.npy", np.array([-(2**63), 0, 2**63 - 1], dtype=np.int64))
save("u8_3.npy", np.array([0, 7, 255], dtype=np.uint8))
save("u16_3.npy", np.array([0, 7, 65535], dtype=np.uint16))
save("u32_3.npy", np.array([0, 7, 2**32 - 1], dtype=np.uint32))
save("u64_3.npy", np.array([0, 7, 2**64 - 1], dtype=np.uint64))
save("f16_3.npy", np.array([0.1, -2.0, np.inf], dtype=np.float16))
save("bf16_2x2.npy", np.array([[1.0, -0.5], [3.140625, 0.001]], dtype=ml_dtypes.bfloat16))
save("f32_0x3.npy", np.zeros((0, 3), dtype=np.float32))
save("f32_1000.npy", np.ones((1000,), dtype=np.float32))

# Read-only fixtures: other versions/orders the reader must handle or refuse.
with open(os.path.join(HERE, "v2_i32_3.npy"), "wb") as f:
    np.lib.format.write_array(f, np.array([1, 2, 3], dtype=np.int32), version=(2, 0))
save("fortran_f32_2x3.npy", np.asfortranarray(np.arange(6, dtype=np.float32).reshape(2, 3)))
save("bigendian_f32_2.npy", np.array([1.0, 2.0], dtype=">f4"))
