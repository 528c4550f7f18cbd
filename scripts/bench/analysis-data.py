"""Bench scene generator (run by scripts/bench/analysis.bench.ts with Debian's /usr/bin/python3 + GDAL).

Writes synthetic 10980 x 10980 uint16 Sentinel-2-like scenes, tiled 512, DEFLATE, as GDAL COGs:
  <dir>/scene4.tif            smooth: 61 px fields of water / crop / bare soil with 0-40 DN noise
                              (DEFLATE about 1.8x, overviews included); blue, green, red, nir pixel-interleaved
  <dir>/bands/{blue,green,red,nir}.tif   the same bands as separate files
  <dir>/real-p2.tif           real entropy: the same fields with Gaussian sensor-like noise (sigma
                              180 DN), so DEFLATE compresses it 1.2-1.4x as it does published
                              Sentinel-2 L2A COGs; written by GDAL's COG driver with PREDICTOR=2
  <dir>/real.tif              the same pixels without a predictor
The compression ratio of each file is printed.
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
opts = ["COMPRESS=DEFLATE", "BLOCKSIZE=512", "NUM_THREADS=ALL_CPUS", "BIGTIFF=IF_SAFER"]


def write(name, extra, band_list=None):
    path = os.path.join(out, name)
    gdal.Translate(path + ".tmp", mem, format="COG", bandList=band_list, creationOptions=opts + extra)
    os.replace(path + ".tmp", path)
    return path


def ratio(path, bands=4):
    """Raw bytes of every level (full resolution + overviews, about a third more) / file size."""
    return size * size * bands * 2 * 4 / 3 / os.path.getsize(path)


mode = sys.argv[3] if len(sys.argv) > 3 else "smooth"
for b in range(4):
    if mode == "real":
        # Sensor-like noise: Gaussian, sigma 180 DN around the class mean (~9.5 bits of entropy).
        noise = rng.standard_normal(size=(size, size), dtype=np.float32) * 180
        band = np.clip(lut[cls, b] + noise, 1, 65535).astype(np.uint16)
    else:
        band = lut[cls, b] + rng.integers(0, 40, size=(size, size), dtype=np.uint16)
    mb = mem.GetRasterBand(b + 1)
    mb.WriteArray(band)
    mb.SetNoDataValue(0)
    mb.SetDescription(names[b])
if mode == "real":
    for name, extra in (("real-p2.tif", ["PREDICTOR=2"]), ("real.tif", ["PREDICTOR=NO"])):
        print(f"  {name}: DEFLATE ratio {ratio(write(name, extra)):.2f}x", flush=True)
else:
    print(f"  scene4.tif: DEFLATE ratio {ratio(write('scene4.tif', [])):.2f}x", flush=True)
    for b in range(4):
        write(os.path.join("bands", names[b] + ".tif"), [], [b + 1])
print(f"generated {size}x{size} {mode} bench scene in {time.time() - t0:.1f} s", flush=True)
