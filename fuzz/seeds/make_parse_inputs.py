#!/usr/bin/env python3
"""Writes the seed inputs of the parse_inputs fuzz target (fuzz/seeds/parse_inputs/).

Each seed's first byte says what the rest is (see fuzz_targets/parse_inputs.rs):
0 a .npy file, 1 a .npy file read for an argument of type DType::ALL[second byte],
2 a jaxr-run literal, 3 a tensor type. Plain Python (no numpy): the .npy files
are written as numpy.save writes them (version 1.0, 64-byte aligned header),
plus a few version 2.0/3.0 ones.
"""
import os
import struct

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "parse_inputs")


def npy(descr, shape, data, version=1, spare=True):
    shape_text = "()" if not shape else "(%s,)" % ", ".join(map(str, shape)) if len(shape) == 1 \
        else "(%s)" % ", ".join(map(str, shape))
    header = "{'descr': '%s', 'fortran_order': False, 'shape': %s, }" % (descr, shape_text)
    if spare and shape:
        header += " " * max(0, 21 - len(str(shape[0])))
    size_len = 2 if version == 1 else 4
    unpadded = 6 + 2 + size_len + len(header) + 1
    header += " " * ((64 - unpadded % 64) % 64) + "\n"
    length = struct.pack("<H" if version == 1 else "<I", len(header))
    return b"\x93NUMPY" + bytes([version, 0]) + length + header.encode() + data


NPY = {
    "f32_2x3": npy("<f4", [2, 3], struct.pack("<6f", -1.5, 0.0, 0.1, 3e38, float("nan"), 1e-45)),
    "f64_scalar": npy("<f8", [], struct.pack("<d", 2.5)),
    "f16_4": npy("<f2", [4], struct.pack("<4e", 1.0, -2.0, 65504.0, float("inf"))),
    "i32_3": npy("<i4", [3], struct.pack("<3i", -1, 0, 2**31 - 1)),
    "i64_2x2": npy("<i8", [2, 2], struct.pack("<4q", -(2**63), -1, 1, 2**63 - 1)),
    "u8_5": npy("|u1", [5], bytes([0, 1, 127, 128, 255])),
    "u16_2": npy("<u2", [2], struct.pack("<2H", 0, 65535)),
    "u32_1": npy("<u4", [1], struct.pack("<I", 7)),
    "u64_1": npy("<u8", [1], struct.pack("<Q", 2**64 - 1)),
    "i8_2": npy("|i1", [2], bytes([0x80, 0x7f])),
    "i16_2": npy("<i2", [2], struct.pack("<2h", -32768, 32767)),
    "bool_3": npy("|b1", [3], bytes([1, 0, 1])),
    "c64_2": npy("<c8", [2], struct.pack("<4f", 1.0, 2.0, -0.0, -3.5)),
    "c128_1": npy("<c16", [1], struct.pack("<2d", 1.0, -2.0)),
    "bf16_2": npy("<V2", [2], bytes([0x80, 0x3F, 0x00, 0x40])),
    "bfloat16_name": npy("bfloat16", [1], bytes([0x80, 0x3F])),
    "f8e4m3fn_2": npy("float8_e4m3fn", [2], bytes([0x38, 0x7E])),
    "f8e5m2_1": npy("<f1", [1], bytes([0x3C])),
    "int4_3": npy("int4", [3], bytes([0x0F, 0x08, 0x01])),
    "uint2_2": npy("uint2", [2], bytes([0x03, 0x01])),
    "float4_e2m1fn_2": npy("float4_e2m1fn", [2], bytes([0x01, 0x0F])),
    "empty_0x4": npy("<f4", [0, 4], b""),
    "f32_1x1x1x1": npy("<f4", [1, 1, 1, 1], struct.pack("<f", 1.0)),
    "v2_i4_2": npy("<i4", [2], struct.pack("<2i", 1, 2), version=2),
    "v3_f4_1": npy("<f4", [1], struct.pack("<f", 1.0), version=3),
}

# Read for an argument of a given type: '<V1' files (the second byte indexes DType::ALL).
VOID = {
    "void1_as_0": (0, npy("<V1", [2], bytes([0x38, 0xF8]))),
    "void1_as_13": (13, npy("|V1", [3], bytes([1, 2, 3]))),
    "void1_as_20": (20, npy("<V1", [1], bytes([0xFF]))),
    "f32_as_5": (5, npy("<f4", [1], struct.pack("<f", 1.0))),
}

LITERALS = [
    "2x3xf32=1 2 3 4 5 6", "f32=2.5", "4xi1=1 0 true false", "2x2xf32=1", "f32=inf", "f64=nan",
    "f32=-inf", "3xcomplex<f32>=1+2j -3.5j 4", "2xcomplex<f64>=(1-2j) nan+infj", "2xf8E4M3FN=0.5 448",
    "2xi4=-8 7", "2xui4=0 15", "2xi2=-2 1", "2xui2=0 3", "3xi8=-128 0 127", "2xui8=0 255",
    "2xi16=-32768 32767", "2xi32=-2147483648 2147483647", "2xi64=-9223372036854775808 9223372036854775807",
    "2xui16=0 65535", "2xui32=0 4294967295", "1xui64=18446744073709551615", "2xf16=65504 -0.0",
    "2xbf16=1.5 3e38", "2xf8E5M2=57344 -1", "2xf8E4M3FNUZ=240 nan", "2xf8E5M2FNUZ=1 -2",
    "f8E4M3B11FNUZ=0.25", "2xf8E4M3=448 inf", "2xf8E3M4=15.5 -0.125", "f8E8M0FNU=1024",
    "2xf6E2M3FN=7.5 -0.125", "2xf6E3M2FN=28 0.0625", "2xf4E2M1FN=6 -0.5", "tensor<2xf32>=[1, 2]",
    "2x2xf64=[[1e-300, 5e-324], [1.7976931348623157e308, -0]]", "0x3xf32=", "i1=true",
    "complex<f32>=j", "3xf32=1,2,3", "f64=+1.0e+10",
]

TYPES = [
    "tensor<2x3xf32>", "tensor<f32>", "tensor<0xi1>", "tensor<4xcomplex<f64>>", "tensor<2x?xf32>",
    "tensor<1x2x3x4xbf16>", "tensor<3xf8E4M3FN>", "tensor<2xui4>",
]


def main():
    os.makedirs(OUT, exist_ok=True)
    for name, data in NPY.items():
        open(os.path.join(OUT, "npy_" + name), "wb").write(b"\x00" + data)
    for name, (which, data) in VOID.items():
        open(os.path.join(OUT, "npy_" + name), "wb").write(b"\x01" + bytes([which]) + data)
    for i, text in enumerate(LITERALS):
        open(os.path.join(OUT, "literal_%02d" % i), "wb").write(b"\x02" + text.encode())
    for i, text in enumerate(TYPES):
        open(os.path.join(OUT, "type_%02d" % i), "wb").write(b"\x03" + text.encode())


if __name__ == "__main__":
    main()
