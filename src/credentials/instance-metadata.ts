import { fromInstanceMetadata } from '@aws-sdk/credential-providers';
import { CredentialSourceError, type AwsCredentials } from './types.js';

/** EC2 instance metadata (IMDSv2 then v1), with botocore's defaults: 1 s timeout, one attempt. */
export async function fromImds(): Promise<AwsCredentials> {
  try {
    const c = await fromInstanceMetadata({ timeout: 1000, maxRetries: 1 })();
    return {
      accessKeyId: c.accessKeyId,
      secretAccessKey: c.secretAccessKey,
      sessionToken: c.sessionToken,
      expiration: c.expiration,
      accountId: c.accountId,
    };
  } catch (error) {
    throw new CredentialSourceError(
      'iam-role',
      'imds.unreachable',
      `No credentials from instance metadata: ${(error as Error).message}`,
      { cause: error },
    );
  }
}
