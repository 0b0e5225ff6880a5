import type { System } from '../system.js';
import { fromLogin } from './login.js';
import type { AwsCredentials } from './types.js';

/**
 * The `login` source of the chain: the login engine's `fromLogin` (reads the `aws login` cache, refreshes it with
 * the sign-in service when due), given the System explicitly.
 */
export async function fromLoginSession(system: System, options: { profile: string }): Promise<AwsCredentials> {
  return fromLogin(system, { profile: options.profile });
}
