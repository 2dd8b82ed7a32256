"""Checks a screenshot of an `arenapy compare` HTML report: the chart's curves must be drawn.

    python3 scripts/check_screenshot.py SHOT.png [MIN_STRATEGIES]

Decodes the PNG with the standard library only (8-bit RGB/RGBA, non-interlaced, as Chromium
writes them) and counts pixels of each strategy colour used by src/tools/svg.rs. Passes when at
least MIN_STRATEGIES (default 2) colours each cover 150 pixels or more.
"""
import struct
import sys
import zlib

COLOURS = {
    "#1f77b4": "strategy 1", "#d62728": "strategy 2", "#2ca02c": "strategy 3",
    "#9467bd": "strategy 4", "#ff7f0e": "strategy 5",
}


def read_png(path):
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise SystemExit("FAIL: %s is not a PNG" % path)
    pos, idat = 8, b""
    width = height = ctype = None
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos:pos + 4])
        kind = data[pos + 4:pos + 8]
        body = data[pos + 8:pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            width, height, depth, ctype, _, _, interlace = struct.unpack(">IIBBBBB", body)
            if depth != 8 or ctype not in (2, 6) or interlace:
                raise SystemExit("FAIL: unsupported PNG (depth %d, colour type %d)" % (depth, ctype))
        elif kind == b"IDAT":
            idat += body
        elif kind == b"IEND":
            break
    bpp = 3 if ctype == 2 else 4
    raw = zlib.decompress(idat)
    stride = width * bpp
    rows, prev = [], bytearray(stride)
    i = 0
    for _ in range(height):
        f = raw[i]
        line = bytearray(raw[i + 1:i + 1 + stride])
        i += 1 + stride
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b = prev[x]
            c = prev[x - bpp] if x >= bpp else 0
            if f == 1:
                line[x] = (line[x] + a) & 0xFF
            elif f == 2:
                line[x] = (line[x] + b) & 0xFF
            elif f == 3:
                line[x] = (line[x] + ((a + b) >> 1)) & 0xFF
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[x] = (line[x] + pred) & 0xFF
        rows.append(line)
        prev = line
    return width, height, bpp, rows


def main():
    path = sys.argv[1]
    need = int(sys.argv[2]) if len(sys.argv) > 2 else 2
    width, height, bpp, rows = read_png(path)
    targets = {name: tuple(int(hexc[k:k + 2], 16) for k in (1, 3, 5)) for hexc, name in
               ((h, h) for h in COLOURS)}
    counts = dict.fromkeys(targets, 0)
    nonwhite = 0
    for line in rows:
        for x in range(0, len(line), bpp):
            px = (line[x], line[x + 1], line[x + 2])
            if px != (255, 255, 255):
                nonwhite += 1
            for name, rgb in targets.items():
                if abs(px[0] - rgb[0]) + abs(px[1] - rgb[1]) + abs(px[2] - rgb[2]) <= 24:
                    counts[name] += 1
    drawn = [n for n, c in counts.items() if c >= 150]
    print("screenshot %s: %dx%d, %d non-white pixels; curve pixels by colour: %s"
          % (path, width, height, nonwhite, ", ".join("%s=%d" % kv for kv in counts.items())))
    if len(drawn) < need:
        raise SystemExit("FAIL: the chart shows %d strategy colours, expected at least %d"
                         % (len(drawn), need))
    print("OK: the chart is drawn (%d strategies visible)" % len(drawn))


main()
