import { loadSharedConfig } from '../config/shared-files.js';
import type { System } from '../system.js';
import { CredentialSourceError, type AwsCredentials, type CredentialProvider } from './types.js';

/**
 * PROVISIONAL (replaced by the full chain of the resolution issue): environment keys, then static keys of the
 * profile in the credentials file. Enough for commands to talk to AWS (or moto) until the chain lands.
 */
export function defaultCredentialProvider(
  system: System,
  options: { profile?: string | undefined },
): CredentialProvider {
  return async (): Promise<AwsCredentials> => {
    const env = system.env;
    if (!options.profile && env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) {
      return {
        accessKeyId: env.AWS_ACCESS_KEY_ID,
        secretAccessKey: env.AWS_SECRET_ACCESS_KEY,
        sessionToken: env.AWS_SESSION_TOKEN || undefined,
      };
    }
    const profileName = options.profile ?? env.AWS_PROFILE ?? 'default';
    const shared = await loadSharedConfig(system);
    const section = shared.credentials.sections[profileName] ?? shared.config.sections[profileName];
    if (section?.aws_access_key_id && section.aws_secret_access_key) {
      return {
        accessKeyId: section.aws_access_key_id,
        secretAccessKey: section.aws_secret_access_key,
        sessionToken: section.aws_session_token || undefined,
      };
    }
    throw new CredentialSourceError(
      'explicit',
      'credentials.none',
      `No credentials found for profile ${profileName}.`,
      {
        hint: 'Run `awsdoctor doctor` to see why.',
      },
    );
  };
}
