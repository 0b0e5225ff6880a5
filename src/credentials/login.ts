import { AwsDoctorError } from '../errors.js';
import { getLoginCredentials, type GetLoginCredentialsOptions } from '../login/credentials.js';
import type { System } from '../system.js';
import { CredentialSourceError, type AwsCredentials } from './types.js';

/**
 * The `login` source of the credential chain (botocore's `LoginProvider`): credentials of the profile's `aws login`
 * session, refreshed as needed. Throws `CredentialSourceError('login', reason, ...)`; when the profile simply does not
 * use aws login the reason is `login.no-login-session` (or `login.profile-not-found`) — test with
 * `isLoginNotConfigured(error)` to move on to the next source; any other reason is a real failure.
 */
export async function fromLogin(
  system: System,
  options: { profile?: string | undefined } & Omit<GetLoginCredentialsOptions, 'profile'> = {},
): Promise<AwsCredentials> {
  try {
    return (await getLoginCredentials(system, options)).credentials;
  } catch (error) {
    if (error instanceof AwsDoctorError) {
      throw new CredentialSourceError(
        'login',
        error.reason,
        error.message,
        error.hint === undefined ? { cause: error } : { cause: error, hint: error.hint },
      );
    }
    throw error;
  }
}
