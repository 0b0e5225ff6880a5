/** Masks an access key id for human output: `ASIA…WXYZ`. Ids are not secret, but a full id in a screenshot helps an attacker pair it with a leaked secret. */
export function maskKeyId(keyId: string | undefined | null): string {
  if (!keyId) return '(none)';
  if (keyId.length <= 8) return '…';
  return `${keyId.slice(0, 4)}…${keyId.slice(-4)}`;
}

/** Masks a secret completely but says how long it was, so a person can tell an empty value from a set one. */
export function maskSecret(secret: string | undefined | null): string {
  if (!secret) return '(none)';
  return `****** (${secret.length} chars)`;
}

/** Environment variable names whose values are secrets and must never be printed. */
export const SECRET_ENV_NAMES: ReadonlySet<string> = new Set([
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_SECURITY_TOKEN',
  'AWS_CONTAINER_AUTHORIZATION_TOKEN',
  'AWS_BEARER_TOKEN_BEDROCK',
]);
