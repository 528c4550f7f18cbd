/**
 * What is wrong with the analysis form, as codes (each names its translation under
 * analysis.problems): the panel lists them, and only the blocking ones disable the Run button.
 */
export type FormProblem = 'choosePair' | 'samePair' | 'swap' | 'ndvi' | 'chooseScene' | 'manual' | 'index';

/** Problems worth saying that do not stop a run (a "before" later than "after" may be intended). */
export const WARNINGS: ReadonlySet<FormProblem> = new Set<FormProblem>(['swap']);

export interface FormState {
  mode: 'flood' | 'water';
  preId: string;
  postId: string;
  /** ISO datetimes of the chosen pair, when known. */
  preDate?: string | null;
  postDate?: string | null;
  ndvi: number;
  waterId: string;
  auto: boolean;
  manual: string;
  indexOk: boolean;
}

export function formProblems(f: FormState): FormProblem[] {
  const out: FormProblem[] = [];
  if (f.mode === 'flood') {
    if (!f.preId || !f.postId) out.push('choosePair');
    else if (f.preId === f.postId) out.push('samePair');
    else if (f.preDate && f.postDate && f.preDate > f.postDate) out.push('swap');
    if (!Number.isFinite(f.ndvi) || f.ndvi < -1 || f.ndvi > 1) out.push('ndvi');
  } else if (!f.waterId) out.push('chooseScene');
  if (!f.auto && (!f.manual.trim() || !Number.isFinite(Number(f.manual)))) out.push('manual');
  if (!f.indexOk) out.push('index');
  return out;
}
