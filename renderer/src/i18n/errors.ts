/**
 * Host errors in the interface language. The host's messages are English and specific (file names,
 * sizes, positions); each error code has a translated headline in shared/i18n/<lang>/errors.json.
 * In English the host's own message is the headline; in another language the code's headline is,
 * with the host's message kept below it as the details.
 */
import type { ErrorData } from '../../../shared/errors';
import { currentLanguage, i18n } from './index';

export interface ErrorText {
  title: string;
  /** The host's English message, when the title is the code's translation. */
  detail: string | null;
}

export function errorText(e: Pick<ErrorData, 'code' | 'message'>): ErrorText {
  const key = `errors:${e.code}`;
  if (currentLanguage() === 'en' || !i18n.exists(key)) return { title: e.message, detail: null };
  return { title: i18n.t(key), detail: e.message };
}
