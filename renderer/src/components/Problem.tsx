/**
 * An error or notice as the app shows it everywhere: what went wrong in bold, what to do below it,
 * with its code on the element (tests and support read it). Optional extra lines go after.
 */
import type { ReactNode } from 'react';
import type { ErrorData } from '../../../shared/errors';

export function Problem({
  error,
  notice,
  children,
}: {
  error: ErrorData;
  notice?: boolean;
  children?: ReactNode;
}) {
  return (
    <div className={notice ? 'problem notice' : 'problem'} data-code={error.code}>
      <strong>{error.message}</strong>
      {error.hint && <div className="hint">{error.hint}</div>}
      {children}
    </div>
  );
}
