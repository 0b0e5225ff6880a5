import { fromHttp } from '@aws-sdk/credential-providers';
import type { System } from '../system.js';
import { CredentialSourceError, fromSdkIdentity, type AwsCredentials } from './types.js';

/** ECS / EKS Pod Identity container endpoint, through the SDK's `fromHttp` given the System's variables explicitly. */
export async function fromContainerEndpoint(system: System): Promise<AwsCredentials> {
  const env = system.env;
  const provider = fromHttp({
    ...(env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI !== undefined
      ? { awsContainerCredentialsRelativeUri: env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI }
      : {}),
    ...(env.AWS_CONTAINER_CREDENTIALS_FULL_URI !== undefined
      ? { awsContainerCredentialsFullUri: env.AWS_CONTAINER_CREDENTIALS_FULL_URI }
      : {}),
    ...(env.AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE !== undefined
      ? { awsContainerAuthorizationTokenFile: env.AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE }
      : {}),
    ...(env.AWS_CONTAINER_AUTHORIZATION_TOKEN !== undefined
      ? { awsContainerAuthorizationToken: env.AWS_CONTAINER_AUTHORIZATION_TOKEN }
      : {}),
    timeout: 2000,
    maxRetries: 1,
  });
  try {
    return fromSdkIdentity(await provider());
  } catch (error) {
    throw new CredentialSourceError(
      'container-role',
      'container.failed',
      `Error when retrieving credentials from container-role: ${(error as Error).message}`,
      { cause: error },
    );
  }
}
