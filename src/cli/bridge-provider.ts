import { credentialProviderFor } from '../credentials/resolve.js';
import type { CredentialProvider } from '../credentials/types.js';
import type { System } from '../system.js';

/** The source every bridge command hands out: awsdoctor's resolution chain for `profile`, refreshing as needed. */
export function bridgeProvider(system: System, profile: string | undefined): CredentialProvider {
  return credentialProviderFor(system, { profile });
}
