import { fromInstanceMetadata } from '@aws-sdk/credential-providers';
import { CredentialSourceError, fromSdkIdentity, type AwsCredentials } from './types.js';

/** EC2 instance metadata (IMDSv2 then v1), with botocore's defaults: 1 s timeout, one attempt. */
export async function fromImds(): Promise<AwsCredentials> {
  try {
    return fromSdkIdentity(await fromInstanceMetadata({ timeout: 1000, maxRetries: 1 })());
  } catch (error) {
    throw new CredentialSourceError(
      'iam-role',
      'imds.unreachable',
      `No credentials from instance metadata: ${(error as Error).message}`,
      { cause: error },
    );
  }
}
