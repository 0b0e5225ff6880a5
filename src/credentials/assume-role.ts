import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { createClient } from '../helpers/client.js';
import type { System } from '../system.js';
import { serviceError } from './sts-errors.js';
import { CredentialSourceError, type AwsCredentials } from './types.js';

export interface AssumeRoleInput {
  readonly roleArn: string;
  readonly roleSessionName?: string | undefined;
  readonly externalId?: string | undefined;
  readonly durationSeconds?: number | undefined;
  readonly mfaSerial?: string | undefined;
  readonly region?: string | undefined;
}

/** `role_arn` + `source_profile` / `credential_source`: STS AssumeRole with the source credentials (botocore's session name default). */
export async function fromAssumeRole(
  system: System,
  input: AssumeRoleInput,
  source: AwsCredentials,
): Promise<AwsCredentials> {
  if (input.mfaSerial) {
    throw new CredentialSourceError(
      'assume-role',
      'assume-role.mfa',
      `Role ${input.roleArn} needs an MFA code (mfa_serial); awsdoctor does not prompt.`,
      {
        hint: 'Run the command in a terminal with the AWS CLI once, or use a profile without mfa_serial.',
      },
    );
  }
  const sts = await createClient(STSClient, {
    system,
    serviceId: 'STS',
    region: input.region,
    fallbackRegion: 'us-east-1',
    credentials: source,
  });
  try {
    const out = await sts.send(
      new AssumeRoleCommand({
        RoleArn: input.roleArn,
        RoleSessionName: input.roleSessionName ?? `botocore-session-${Math.floor(system.now() / 1000)}`,
        ExternalId: input.externalId,
        DurationSeconds: input.durationSeconds,
      }),
    );
    const c = out.Credentials!;
    return {
      accessKeyId: c.AccessKeyId!,
      secretAccessKey: c.SecretAccessKey!,
      sessionToken: c.SessionToken,
      expiration: c.Expiration,
      accountId: out.AssumedRoleUser?.Arn?.split(':')[4],
    };
  } catch (error) {
    throw serviceError('assume-role', 'AssumeRole', error);
  }
}
