/**
 * Raw or misleading messages found by probing, each now a coded NigahError that says what is wrong.
 */
import { closeSync, mkdtempSync, openSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../electron/cli/main';
import { closeSharedPool } from '../../electron/engine/pool';
import { applyBandMapping, loadSceneInput } from '../../electron/engine/scene-input';
import { readTiffFile } from '../../electron/engine/tiff-file';
import { compileExpression, MAX_EXPRESSION_LENGTH } from '../../shared/analysis/expression';
import { NigahError } from '../../shared/errors';
import { writeTif } from '../analysis/fixtures';

let dir: string;
const GT = (x: number) => [x, 10, 0, 2970000, 0, -10];
const band = (v: number) => new Uint16Array(128 * 128).map((_, i) => v + (i % 97));

async function runCli(argv: string[]) {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

function thrown(f: () => unknown): NigahError {
  try {
    f();
  } catch (e) {
    return e as NigahError;
  }
  throw new Error('did not throw');
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'nigah-msg-'));
  for (const [name, x] of [
    ['pre.tif', 600000],
    ['post.tif', 900000],
    ['bad.tif', 600000],
  ] as const)
    writeTif(join(dir, name), 128, 128, GT(x), [band(500), band(800), band(900), band(3000)]);
});
afterAll(async () => {
  await closeSharedPool();
});

describe('expressions', () => {
  it('a 30,000-term expression gets a length limit with a position, not a stack overflow', () => {
    const e = thrown(() => compileExpression(Array(30000).fill('red').join(' + ')));
    expect(e).toBeInstanceOf(NigahError);
    expect(e.code).toBe('BAD_EXPRESSION');
    expect(e.message).toMatch(
      new RegExp(`at most ${MAX_EXPRESSION_LENGTH}.*at position ${MAX_EXPRESSION_LENGTH + 1}`),
    );
  });

  it('deep nesting and long operator chains get a depth limit with a position', () => {
    for (const text of [
      `${'('.repeat(1000)}red${')'.repeat(1000)}`,
      `${'-'.repeat(1500)}red`,
      Array(900).fill('red').join('^'),
      Array(900).fill('red').join('+'),
    ]) {
      const e = thrown(() => compileExpression(text));
      expect(e.code, text.slice(0, 20)).toBe('BAD_EXPRESSION');
      expect(e.message).toMatch(/nests deeper than \d+ levels at position \d+/);
    }
    // Ordinary long formulas still work.
    expect(() => compileExpression(Array(50).fill('(nir - red)').join(' + '))).not.toThrow();
  });

  it('prototype names are unknown functions, not internal errors', () => {
    for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf']) {
      const e = thrown(() => compileExpression(`${name}(red)`));
      expect(e.code, name).toBe('BAD_EXPRESSION');
      expect(e.message).toMatch(new RegExp(`Unknown function "${name}" at position 1`));
    }
  });
});

describe('command-line input', () => {
  it('--bands red=-1 (or 0, 2.5) is not read as a file name', async () => {
    const scene = await loadSceneInput(join(dir, 'pre.tif'));
    for (const v of ['-1', '0', '2.5']) {
      const e = thrown(() => applyBandMapping(scene, `red=${v},nir=4`));
      expect(e.code).toBe('BAD_ARGUMENT');
      expect(e.message).toMatch(/band numbers start at 1/);
    }
  });

  it('a tile that is not DEFLATE data names the file and the tile', async () => {
    const file = join(dir, 'bad.tif');
    const tiff = readTiffFile(file);
    // Planar, 2 × 2 tiles per band: block 9 is red (band 3), column 1, row 0.
    const off = tiff.images[0].offsets[9];
    const fd = openSync(file, 'r+');
    writeSync(fd, Buffer.alloc(16, 0xab), 0, 16, off);
    closeSync(fd);
    const r = await runCli([
      'index',
      file,
      '--index',
      'ndvi',
      '--bands',
      'red=3,nir=4',
      '--out',
      join(dir, 'o.tif'),
    ]);
    expect(r.code).not.toBe(0);
    expect(r.err).toContain(file);
    expect(r.err).toMatch(/tile 9 \(column 1, row 0(, band 3)?\) at byte \d+ could not be decompressed/);
  });

  it('pre and post scenes that do not overlap are named as such', async () => {
    const r = await runCli([
      'flood',
      '--pre',
      join(dir, 'pre.tif'),
      '--post',
      join(dir, 'post.tif'),
      '--pre-bands',
      'green=2,nir=4',
      '--post-bands',
      'green=2,nir=4',
      '--index',
      'ndwi',
      '--out-dir',
      join(dir, 'flood'),
    ]);
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(/scenes do not overlap/);
    expect(r.err).not.toMatch(/no valid pixels/);
  });
});
