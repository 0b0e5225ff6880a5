import type { System } from '../system.js';
import type { SdkName } from './profiles.js';
import { CredentialSourceError, type AwsCredentials } from './types.js';

/**
 * Environment keys: AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, a session token (botocore prefers the legacy
 * AWS_SECURITY_TOKEN over AWS_SESSION_TOKEN; the JS SDK reads only AWS_SESSION_TOKEN), AWS_CREDENTIAL_EXPIRATION.
 */
export function fromEnvironment(system: System, options: { sdk: SdkName }): AwsCredentials {
  const env = system.env;
  if (!env.AWS_ACCESS_KEY_ID || !env.AWS_SECRET_ACCESS_KEY) {
    throw new CredentialSourceError(
      'env',
      'env.partial',
      'AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY must both be set.',
    );
  }
  const token = options.sdk === 'boto3' ? env.AWS_SECURITY_TOKEN || env.AWS_SESSION_TOKEN : env.AWS_SESSION_TOKEN;
  const expiry = env.AWS_CREDENTIAL_EXPIRATION ? new Date(env.AWS_CREDENTIAL_EXPIRATION) : undefined;
  return {
    accessKeyId: env.AWS_ACCESS_KEY_ID,
    secretAccessKey: env.AWS_SECRET_ACCESS_KEY,
    sessionToken: token || undefined,
    expiration: expiry && !Number.isNaN(expiry.getTime()) ? expiry : undefined,
    accountId: env.AWS_ACCOUNT_ID || undefined,
  };
}
