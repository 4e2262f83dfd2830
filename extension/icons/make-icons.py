#!/usr/bin/env python3
"""Draws Miwake's toolbar and store icons: a calm blue shield holding an eye.

Only the standard library (zlib + struct), so anyone can regenerate the PNGs
without installing an image toolkit. The shapes are described in a unit square
and sampled 4x4 per pixel, which is enough antialiasing at 16-128 px.

    python3 extension/icons/make-icons.py   # writes icon-16/32/48/128.png next to this file
"""
import math
import os
import struct
import zlib

SIZES = (16, 32, 48, 128)
SAMPLES = 4  # per axis, per pixel

SHIELD = (0x2B, 0x5F, 0x75)  # deep teal blue: trustworthy, not alarming
RIM = (0x1D, 0x43, 0x54)
EYE_WHITE = (0xF4, 0xF7, 0xF8)
IRIS = (0x3F, 0x9C, 0x8F)
PUPIL = (0x14, 0x2B, 0x36)


def in_shield(x, y):
    """A shield: flat-ish top, straight sides, tapering to a point."""
    top = 0.08 + 0.035 * ((x - 0.5) / 0.40) ** 2
    if y < top or y > 0.95:
        return False
    if y <= 0.45:
        half = 0.40
    else:
        t = (y - 0.45) / 0.50
        half = 0.40 * (1 - t ** 1.7)
    return abs(x - 0.5) <= half


def in_inner_shield(x, y):
    """The shield shrunk a little, so its edge reads as a darker rim."""
    cx, cy, k = 0.5, 0.5, 0.88
    return in_shield(cx + (x - cx) / k, cy + (y - cy) / k)


def in_eye(x, y):
    """An almond: two circular arcs meeting at the corners."""
    half_w, half_h = 0.27, 0.15
    dx, dy = abs(x - 0.5) / half_w, abs(y - 0.50) / half_h
    return dx <= 1 and dy <= 1 - dx ** 2


def colour_at(x, y):
    if not in_shield(x, y):
        return None
    if not in_inner_shield(x, y):
        return RIM
    if in_eye(x, y):
        r = math.hypot(x - 0.5, y - 0.50)
        if r <= 0.055:
            return PUPIL
        if r <= 0.115:
            return IRIS
        return EYE_WHITE
    return SHIELD


def render(size):
    rows = []
    n = SAMPLES * SAMPLES
    for py in range(size):
        row = bytearray([0])  # PNG filter type 0 for this scanline
        for px in range(size):
            acc = [0, 0, 0]
            covered = 0
            for sy in range(SAMPLES):
                for sx in range(SAMPLES):
                    c = colour_at((px + (sx + 0.5) / SAMPLES) / size, (py + (sy + 0.5) / SAMPLES) / size)
                    if c is not None:
                        covered += 1
                        for i in range(3):
                            acc[i] += c[i]
            if covered:
                row += bytes(round(a / covered) for a in acc) + bytes([round(255 * covered / n)])
            else:
                row += b"\x00\x00\x00\x00"
        rows.append(bytes(row))
    return png(size, size, b"".join(rows))


def png(width, height, raw):
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)  # 8-bit RGBA
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    for size in SIZES:
        with open(os.path.join(here, f"icon-{size}.png"), "wb") as f:
            f.write(render(size))


if __name__ == "__main__":
    main()
