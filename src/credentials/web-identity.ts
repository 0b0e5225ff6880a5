import { readFile } from 'node:fs/promises';
import { fromWebToken } from '@aws-sdk/credential-providers';
import { endpointOverride } from '../config/region.js';
import type { System } from '../system.js';
import { serviceError } from './sts-errors.js';
import { CredentialSourceError, fromSdkIdentity, type AwsCredentials } from './types.js';

export interface WebIdentityInput {
  readonly roleArn: string;
  readonly tokenFile: string;
  readonly roleSessionName?: string | undefined;
  readonly region?: string | undefined;
}

/** AssumeRoleWithWebIdentity with the token read from the file, through the SDK's `fromWebToken` given explicit inputs. */
export async function fromWebIdentity(system: System, input: WebIdentityInput): Promise<AwsCredentials> {
  let token: string;
  try {
    token = await readFile(input.tokenFile, 'utf8');
  } catch (error) {
    throw new CredentialSourceError(
      'assume-role-with-web-identity',
      'web-identity.token-file',
      `Cannot read the web identity token file ${input.tokenFile}: ${(error as Error).message}`,
      {
        cause: error,
        hint: 'Point AWS_WEB_IDENTITY_TOKEN_FILE / web_identity_token_file at the projected token.',
      },
    );
  }
  const endpoint = endpointOverride(system, 'STS');
  const provider = fromWebToken({
    roleArn: input.roleArn,
    webIdentityToken: token,
    roleSessionName: input.roleSessionName ?? `botocore-session-${Math.floor(system.now() / 1000)}`,
    clientConfig: { region: input.region ?? 'us-east-1', ...(endpoint ? { endpoint } : {}) },
  });
  try {
    return fromSdkIdentity(await provider());
  } catch (error) {
    throw serviceError('assume-role-with-web-identity', 'AssumeRoleWithWebIdentity', error);
  }
}
