/** Product packages read with tar-stream: members listed, wanted ones kept, damage reported clearly. */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { extractMember, scanTar } from '../../electron/sources/tar';
import { tarBytes, tempDir } from './helpers';

const dir = tempDir();
const files = [
  { name: 'pkg/meta.xml', data: '<ProductMetaData><SatelliteID>GF1</SatelliteID></ProductMetaData>' },
  { name: 'pkg/image.tiff', data: new Uint8Array(5000).fill(7) },
  { name: 'pkg/thumb.jpg', data: 'jpeg' },
];

describe('tar packages', () => {
  it('lists members of a .tar.gz and keeps only the wanted ones', async () => {
    const file = path.join(dir, 'a.tar.gz');
    writeFileSync(file, gzipSync(tarBytes(files)));
    const { members, got } = await scanTar(file, { want: (n) => n.endsWith('.xml') });
    expect(members).toEqual([
      { name: 'pkg/meta.xml', size: files[0].data.length },
      { name: 'pkg/image.tiff', size: 5000 },
      { name: 'pkg/thumb.jpg', size: 4 },
    ]);
    expect([...got.keys()]).toEqual(['pkg/meta.xml']);
    expect(new TextDecoder().decode(got.get('pkg/meta.xml'))).toContain('GF1');
  });

  it('stops once the caller has what it needs', async () => {
    const file = path.join(dir, 'b.tar');
    writeFileSync(file, tarBytes(files));
    const { members } = await scanTar(file, { want: () => true, done: (ms) => ms.length === 1 });
    expect(members.map((m) => m.name)).toEqual(['pkg/meta.xml']);
  });

  it('extracts one member to a file', async () => {
    const file = path.join(dir, 'c.tar');
    writeFileSync(file, tarBytes(files));
    const dest = path.join(dir, 'image.tiff');
    await extractMember(file, 'pkg/image.tiff', dest);
    expect(readFileSync(dest)).toEqual(Buffer.from(new Uint8Array(5000).fill(7)));
    await expect(extractMember(file, 'pkg/missing.tif', dest)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('a truncated download is reported as damaged, naming the file', async () => {
    const file = path.join(dir, 'd.tar');
    writeFileSync(file, tarBytes(files).subarray(0, 1500));
    await expect(scanTar(file, { want: () => true })).rejects.toMatchObject({
      code: 'CORRUPT_TIFF',
      message: expect.stringContaining('d.tar is not a complete tar archive'),
    });
  });
});
