/** The analysis form's checks, as codes: which are reported and which block a run. */
import { describe, expect, it } from 'vitest';
import { type FormState, formProblems, WARNINGS } from '../../renderer/src/panels/analysis/formProblems';

const ok: FormState = {
  mode: 'flood',
  preId: 'a',
  postId: 'b',
  preDate: '2022-06-15T05:40:00Z',
  postDate: '2022-08-30T05:40:00Z',
  ndvi: 0.3,
  waterId: '',
  auto: true,
  manual: '',
  indexOk: true,
};

describe('analysis form problems', () => {
  it('finds none in a complete flood form', () => {
    expect(formProblems(ok)).toEqual([]);
  });

  it('warns, without blocking, when the dates are the wrong way round', () => {
    const p = formProblems({ ...ok, preDate: ok.postDate, postDate: ok.preDate });
    expect(p).toEqual(['swap']);
    expect(p.filter((x) => !WARNINGS.has(x))).toEqual([]);
  });

  it('blocks on a missing or repeated scene, a bad NDVI or threshold, an impossible index', () => {
    expect(formProblems({ ...ok, postId: '' })).toEqual(['choosePair']);
    expect(formProblems({ ...ok, postId: 'a' })).toEqual(['samePair']);
    expect(formProblems({ ...ok, ndvi: 1.5, auto: false, manual: 'x', indexOk: false })).toEqual([
      'ndvi',
      'manual',
      'index',
    ]);
    expect(formProblems({ ...ok, mode: 'water' })).toEqual(['chooseScene']);
    expect(formProblems({ ...ok, mode: 'water', waterId: 'c', auto: false, manual: ' 0.1 ' })).toEqual([]);
  });
});
