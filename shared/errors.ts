/**
 * Errors are data: a typed code, a message a user can act on, an optional hint (what to do) and
 * details. They survive IPC, HTTP and worker boundaries as plain objects (ErrorData).
 */
export type ErrorCode =
  | 'NOT_FOUND'
  | 'CORRUPT_TIFF'
  | 'UNSUPPORTED_TIFF'
  | 'MISSING_BAND'
  | 'UNKNOWN_CRS'
  | 'NETWORK'
  | 'TIMEOUT'
  | 'HTTP'
  | 'NOT_JSON'
  | 'NOT_STAC'
  | 'INVALID_STAC'
  | 'DISK_FULL'
  | 'OUTSIDE_ROOT'
  | 'BAD_EXPRESSION'
  | 'BAD_ARGUMENT'
  | 'CANCELLED'
  | 'PORT_IN_USE'
  | 'NEEDS_ORTHO'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'OUTPUT_IS_INPUT'
  | 'TOO_LARGE'
  | 'NOT_AVAILABLE'
  | 'INTERNAL';

export interface ErrorData {
  code: ErrorCode;
  message: string;
  hint?: string;
  details?: Record<string, unknown>;
}

export class NigahError extends Error {
  readonly code: ErrorCode;
  readonly hint?: string;
  readonly details?: Record<string, unknown>;

  constructor(
    code: ErrorCode,
    message: string,
    opts: { hint?: string; details?: Record<string, unknown>; cause?: unknown } = {},
  ) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'NigahError';
    this.code = code;
    this.hint = opts.hint;
    this.details = opts.details;
  }

  toData(): ErrorData {
    const data: ErrorData = { code: this.code, message: this.message };
    if (this.hint) data.hint = this.hint;
    if (this.details) data.details = this.details;
    return data;
  }
}

export function isErrorData(v: unknown): v is ErrorData {
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof (v as ErrorData).code === 'string' &&
    typeof (v as ErrorData).message === 'string'
  );
}

/** Anything thrown, as ErrorData. Unknown errors become INTERNAL with their message kept. */
export function toErrorData(e: unknown): ErrorData {
  if (e instanceof NigahError) return e.toData();
  if (isErrorData(e)) return e;
  const err = e as { code?: string; message?: string; name?: string };
  if (err?.name === 'AbortError') return { code: 'CANCELLED', message: 'The operation was cancelled.' };
  if (err?.code === 'ENOSPC')
    return {
      code: 'DISK_FULL',
      message: 'The disk is full; nothing was written.',
      hint: 'Free some space or choose another folder, then try again.',
    };
  if (err?.code === 'ENOENT') return { code: 'NOT_FOUND', message: err.message ?? 'File not found.' };
  return { code: 'INTERNAL', message: err?.message ?? String(e) };
}

export function fromErrorData(d: ErrorData): NigahError {
  return new NigahError(d.code, d.message, { hint: d.hint, details: d.details });
}

/** One line for terminals and toasts: "message — hint". */
export function describeError(e: unknown): string {
  const d = toErrorData(e);
  return d.hint ? `${d.message} ${d.hint}` : d.message;
}
