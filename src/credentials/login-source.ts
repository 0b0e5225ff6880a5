import type { System } from '../system.js';
import { CredentialSourceError, type AwsCredentials } from './types.js';

/**
 * The `login` source: delegates to the login engine (`./login.js`, `fromLogin(system, {profile})`), which reads
 * the `aws login` cache and refreshes it. Loaded lazily so the chain works while that module is absent.
 */
export async function fromLoginSession(system: System, options: { profile: string }): Promise<AwsCredentials> {
  let mod: { fromLogin?: (s: System, o: { profile: string }) => () => Promise<AwsCredentials> };
  try {
    mod = (await import(new URL('./login.js', import.meta.url).href)) as typeof mod;
  } catch (error) {
    throw new CredentialSourceError('login', 'login.unavailable', 'The login engine is not part of this build.', { cause: error });
  }
  if (!mod.fromLogin) throw new CredentialSourceError('login', 'login.unavailable', 'The login engine does not export fromLogin.');
  return mod.fromLogin(system, options)();
}
