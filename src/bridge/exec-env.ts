import type { Env } from '../system.js';
import { endpointEnvironment } from './endpoint.js';

/**
 * Variables removed from the child's environment because the SDKs would use them before (or instead of) the endpoint:
 * keys in the environment come first in every chain, a profile may hold its own credentials, web identity comes
 * before container credentials, and a relative URI or a token file wins over the full URI and token we set.
 */
export const CONFLICTING_ENV_NAMES = [
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_SECURITY_TOKEN',
  'AWS_CREDENTIAL_EXPIRATION',
  'AWS_PROFILE',
  'AWS_DEFAULT_PROFILE',
  'AWS_ROLE_ARN',
  'AWS_WEB_IDENTITY_TOKEN_FILE',
  'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
  'AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE',
] as const;

export interface ChildEnvironment {
  readonly env: Record<string, string>;
  /** Names that were set and got removed (said to the person). */
  readonly removed: string[];
}

/**
 * The environment for a child that gets its credentials from the endpoint: the parent's, minus the conflicting
 * variables, plus the two endpoint variables, plus the profile's region when the parent names none (with AWS_PROFILE
 * gone, the child would otherwise lose it).
 */
export function childEnvironment(
  parent: Env,
  endpoint: { url: string; token: string },
  region?: string | undefined,
): ChildEnvironment {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(parent)) if (value !== undefined) env[key] = value;
  const removed: string[] = [];
  for (const name of CONFLICTING_ENV_NAMES) {
    if (env[name] !== undefined) {
      removed.push(name);
      delete env[name];
    }
  }
  Object.assign(env, endpointEnvironment(endpoint));
  if (region && !env.AWS_REGION && !env.AWS_DEFAULT_REGION) {
    env.AWS_REGION = region;
    env.AWS_DEFAULT_REGION = region;
  }
  return { env, removed };
}
