/** The error code of an SDK v3 error (`name`), or of anything else thrown. */
export function errorCode(error: unknown): string {
  if (error && typeof error === 'object') {
    const e = error as { name?: unknown; Code?: unknown; code?: unknown };
    for (const candidate of [e.Code, e.code, e.name]) if (typeof candidate === 'string' && candidate) return candidate;
  }
  return 'Error';
}

/** Codes AWS services use for "you are not allowed to do this". */
const DENIAL_CODES = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'UnauthorizedOperation',
  'UnauthorizedAccess',
  'AuthorizationError',
  'AuthorizationErrorException',
  'Forbidden',
]);

export function isAccessDenied(error: unknown): boolean {
  return DENIAL_CODES.has(errorCode(error));
}

export function isDenialCode(code: string): boolean {
  return DENIAL_CODES.has(code);
}

/** First line of an error's message, bounded, for notes. */
export function errorSummary(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const line = (message.split('\n')[0] ?? '').slice(0, 300);
  const status = (error as { $metadata?: { httpStatusCode?: number } } | undefined)?.$metadata?.httpStatusCode;
  return `${errorCode(error)}${status ? ` (HTTP ${status})` : ''}: ${line}`;
}
