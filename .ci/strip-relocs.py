"""Drops the `linking` and `reloc.*` custom sections from a wasm module, in place.

The wasm32 build links with --emit-relocs for wasm-split-cli (.cargo/config.toml); the
committee page's module is not split, and those sections would more than double its size.
Every other section, wasm-bindgen's included, is kept byte for byte."""
import sys


def leb128(data, at):
    value = shift = 0
    while True:
        byte = data[at]
        at += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return value, at


def strip(path):
    data = open(path, "rb").read()
    if data[:8] != b"\0asm\x01\0\0\0":
        sys.exit(f"{path}: not a wasm module")
    out, at = bytearray(data[:8]), 8
    while at < len(data):
        start = at
        section = data[at]
        size, body = leb128(data, at + 1)
        end = body + size
        if section == 0:
            length, name_at = leb128(data, body)
            name = data[name_at:name_at + length].decode("utf-8", "replace")
            if name == "linking" or name.startswith("reloc."):
                at = end
                continue
        out += data[start:end]
        at = end
    open(path, "wb").write(out)


for path in sys.argv[1:]:
    strip(path)
