import type { System } from '../system.js';
import { credentialProviderFor } from './resolve.js';
import type { CredentialProvider } from './types.js';

/**
 * The provider awsdoctor's own SDK clients use: the full boto3 chain for `profile` (see `credentialProviderFor`).
 * Kept under this name for `src/helpers/client.ts` and other areas.
 */
export function defaultCredentialProvider(
  system: System,
  options: { profile?: string | undefined },
): CredentialProvider {
  return credentialProviderFor(system, { profile: options.profile });
}
