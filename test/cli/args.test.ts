import { describe, expect, it } from 'vitest';
import { parseOptions, thresholdOption } from '../../electron/cli/args';
import { NigahError } from '../../shared/errors';

const usage = 'nigah x <scene> --out <file>';

describe('CLI option parsing', () => {
  it('reads --name value, --name=value, flags and positionals', () => {
    const p = parseOptions(
      ['a.tif', '--out', 'o.tif', '--index=ndvi', '--json'],
      ['out', 'index'],
      ['json'],
      usage,
    );
    expect(p.positional).toEqual(['a.tif']);
    expect(p.options).toEqual({ out: 'o.tif', index: 'ndvi' });
    expect([...p.flags]).toEqual(['json']);
  });

  it('takes a negative number as the value of the option before it', () => {
    const p = parseOptions(['--threshold', '-0.2', 's.tif'], ['threshold'], [], usage);
    expect(thresholdOption(p, 'threshold', usage)).toBe(-0.2);
    expect(p.positional).toEqual(['s.tif']);
  });

  it('unknown options and missing values are BAD_ARGUMENT errors that quote the usage', () => {
    const err = (args: string[]) => {
      try {
        parseOptions(args, ['out'], ['json'], usage);
      } catch (e) {
        return e as NigahError;
      }
      throw new Error('no error');
    };
    const unknown = err(['--bogus', '1']);
    expect(unknown).toBeInstanceOf(NigahError);
    expect(unknown.code).toBe('BAD_ARGUMENT');
    expect(unknown.message).toContain('--bogus');
    expect(unknown.hint).toContain(usage);
    expect(err(['--out']).message).toContain('--out');
    expect(err(['--out', '--json']).code).toBe('BAD_ARGUMENT');
  });
});
