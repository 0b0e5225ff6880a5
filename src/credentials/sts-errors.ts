import { CredentialSourceError, type CredentialSourceName } from './types.js';

/** Wraps an STS / SSO service error as botocore shows it: `ClientError: An error occurred (Code) when calling the Op operation: message`. */
export function serviceError(source: CredentialSourceName, operation: string, error: unknown): CredentialSourceError {
  const e = error as { name?: string; message?: string; Code?: string };
  const code = e.Code ?? e.name ?? 'Error';
  const network = /ECONNREFUSED|ENOTFOUND|ETIMEDOUT|EAI_AGAIN|socket hang up/i.test(e.message ?? '');
  const wrapped = new CredentialSourceError(
    source,
    network ? 'network' : `service.${code}`,
    network
      ? `Could not connect to the endpoint for ${operation}: ${e.message ?? ''}`
      : `An error occurred (${code}) when calling the ${operation} operation: ${e.message ?? ''}`,
    { cause: error },
  );
  return wrapped;
}
