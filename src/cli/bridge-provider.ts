import { defaultCredentialProvider } from '../credentials/default-provider.js';
import type { CredentialProvider } from '../credentials/types.js';
import type { System } from '../system.js';

/** The source every bridge command hands out: awsdoctor's resolution for `profile`, refreshing as needed. */
export function bridgeProvider(system: System, profile: string | undefined): CredentialProvider {
  return defaultCredentialProvider(system, { profile });
}
