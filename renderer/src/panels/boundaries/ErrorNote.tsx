/** An error as data: what went wrong and, below it, what to do. */
import type { ErrorData } from '../../../../shared/errors';

export function ErrorNote({ error }: { error: ErrorData | null }) {
  if (!error) return null;
  return (
    <div className="error-note" role="alert" data-testid="boundaries-error">
      <div>{error.message}</div>
      {error.hint && <div className="muted">{error.hint}</div>}
    </div>
  );
}
