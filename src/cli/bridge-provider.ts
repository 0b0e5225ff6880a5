import { defaultCredentialProvider } from '../credentials/default-provider.js';
import type { CredentialProvider } from '../credentials/types.js';
import { getLoginCredentials, isLoginNotConfigured } from '../login/index.js';
import type { System } from '../system.js';

/**
 * The source every bridge command hands out, refreshing as needed. PROVISIONAL until the resolution chain
 * (`credentialProviderFor`) lands: the profile's `aws login` session, else the provisional static-key provider.
 */
export function bridgeProvider(system: System, profile: string | undefined): CredentialProvider {
  const fallback = defaultCredentialProvider(system, { profile });
  return async () => {
    try {
      return (await getLoginCredentials(system, { profile })).credentials;
    } catch (error) {
      if (isLoginNotConfigured(error)) return fallback();
      throw error;
    }
  };
}
