import type { ProfileSet } from './profiles.js';
import { CredentialSourceError, type AwsCredentials } from './types.js';

/**
 * Static keys of a profile (`shared-credentials-file` or `config-file`). botocore takes `aws_security_token`
 * before `aws_session_token`; `merged` is the JS SDK's view (credentials file over config file).
 */
export function fromProfileKeys(
  set: ProfileSet,
  file: 'credentials' | 'config' | 'merged',
  profile: string,
): AwsCredentials {
  const settings =
    file === 'credentials'
      ? set.credentialsFileProfiles[profile]
      : file === 'config'
        ? set.configFileProfiles[profile]
        : set.profiles[profile];
  const source = file === 'config' ? 'config-file' : 'shared-credentials-file';
  if (!settings?.aws_access_key_id || settings.aws_secret_access_key === undefined) {
    throw new CredentialSourceError(source, 'profile-keys.partial', `Profile ${profile} has no complete key pair.`);
  }
  const token =
    set.sdk === 'boto3' ? (settings.aws_security_token ?? settings.aws_session_token) : settings.aws_session_token;
  return {
    accessKeyId: settings.aws_access_key_id,
    secretAccessKey: settings.aws_secret_access_key,
    sessionToken: token || undefined,
    accountId: settings.aws_account_id || undefined,
  };
}
