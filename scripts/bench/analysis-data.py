"""Bench scene generator (run by scripts/bench/analysis.bench.ts with Debian's /usr/bin/python3 + GDAL).

Writes a synthetic 10980 x 10980 uint16 Sentinel-2-like scene, tiled 512, DEFLATE, as GDAL COGs:
  <dir>/scene4.tif            blue, green, red, nir in one file (pixel-interleaved, GDAL's COG default)
  <dir>/bands/{blue,green,red,nir}.tif   the same bands as separate files
Texture: 61 px fields of water / crop / bare soil classes with +-20 DN noise, so DEFLATE ratios are
realistic (pure noise or flat fields would make decoding unrealistically slow or fast).
"""
import os
import sys
import time

import numpy as np
from osgeo import gdal

gdal.UseExceptions()
size = int(sys.argv[2]) if len(sys.argv) > 2 else 10980
out = sys.argv[1]
os.makedirs(os.path.join(out, "bands"), exist_ok=True)
t0 = time.time()
rng = np.random.default_rng(20220830)
fy = (np.arange(size) // 61).astype(np.int64)
fx = (np.arange(size) // 61).astype(np.int64)
table = rng.integers(0, 3, size=7919).astype(np.uint8)
cls = table[(fy[:, None] * 181 + fx[None, :] * 7) % 7919]
# DN (reflectance * 10000 + 1000) per class for blue, green, red, nir.
lut = np.array([[1600, 1900, 1500, 1300], [1400, 1800, 1500, 5000], [2200, 2600, 3000, 3600]], dtype=np.uint16)
names = ["blue", "green", "red", "nir"]
mem = gdal.GetDriverByName("MEM").Create("", size, size, 4, gdal.GDT_UInt16)
mem.SetGeoTransform([600000, 10, 0, 3000000, 0, -10])
mem.SetProjection("EPSG:32642")
for b in range(4):
    band = lut[cls, b] + rng.integers(0, 40, size=(size, size), dtype=np.uint16)
    mb = mem.GetRasterBand(b + 1)
    mb.WriteArray(band)
    mb.SetNoDataValue(0)
    mb.SetDescription(names[b])
opts = ["COMPRESS=DEFLATE", "BLOCKSIZE=512", "NUM_THREADS=ALL_CPUS", "BIGTIFF=IF_SAFER"]
gdal.Translate(os.path.join(out, "scene4.tif.tmp"), mem, format="COG", creationOptions=opts)
os.replace(os.path.join(out, "scene4.tif.tmp"), os.path.join(out, "scene4.tif"))
for b in range(4):
    path = os.path.join(out, "bands", names[b] + ".tif")
    gdal.Translate(path + ".tmp", mem, format="COG", bandList=[b + 1], creationOptions=opts)
    os.replace(path + ".tmp", path)
print(f"generated {size}x{size} bench scene in {time.time() - t0:.1f} s", flush=True)
