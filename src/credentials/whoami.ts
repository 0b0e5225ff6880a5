import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { AwsDoctorError } from '../errors.js';
import { createClient } from '../helpers/client.js';
import type { System } from '../system.js';
import { resolveCredentials, type ResolveOptions } from './resolve.js';
import type { AwsCredentials, CredentialSourceName } from './types.js';

export type PrincipalKind = 'user' | 'assumed-role' | 'root' | 'federated-user' | 'unknown';

export interface Principal {
  readonly kind: PrincipalKind;
  /** User name, role name, federated user name; `root` for the account root. */
  readonly name: string;
  /** For assumed roles: the session name (often the person's e-mail or the SDK's session id). */
  readonly session?: string | undefined;
}

export interface Identity {
  readonly account: string;
  readonly arn: string;
  readonly userId: string;
  readonly principal: Principal;
  readonly profile: string;
  readonly source: CredentialSourceName | null;
  readonly accessKeyId: string;
  readonly expiresAt: string | null;
}

/** Pure: what kind of principal an ARN from GetCallerIdentity names. */
export function parsePrincipal(arn: string): Principal {
  const resource = arn.split(':').slice(5).join(':');
  if (resource === 'root') return { kind: 'root', name: 'root' };
  const [type, ...rest] = resource.split('/');
  if (type === 'user') return { kind: 'user', name: rest[rest.length - 1] ?? '' };
  if (type === 'assumed-role')
    return { kind: 'assumed-role', name: rest[0] ?? '', session: rest.slice(1).join('/') || undefined };
  if (type === 'federated-user') return { kind: 'federated-user', name: rest.join('/') };
  return { kind: 'unknown', name: resource };
}

/** GetCallerIdentity with given credentials; the exact error when it fails. */
export async function callerIdentity(
  system: System,
  credentials: AwsCredentials,
  options: { profile?: string | undefined; region?: string | undefined } = {},
) {
  const sts = await createClient(STSClient, {
    system,
    serviceId: 'STS',
    profile: options.profile,
    region: options.region,
    fallbackRegion: 'us-east-1',
    credentials,
  });
  try {
    return await sts.send(new GetCallerIdentityCommand({}));
  } catch (error) {
    const e = error as { name?: string; message?: string };
    const expired = /expired/i.test(`${e.name} ${e.message}`);
    throw new AwsDoctorError(
      `sts.${e.name ?? 'error'}`,
      `GetCallerIdentity failed: ${e.name ?? 'Error'}: ${e.message ?? ''}`,
      {
        cause: error,
        hint: expired
          ? 'The credentials expired: refresh them (aws login / aws sso login) and retry.'
          : 'awsdoctor doctor --verify',
      },
    );
  }
}

/** The guide's verification step in one call: resolve as boto3 would, then ask STS who that is. */
export async function whoami(
  system: System,
  options: ResolveOptions & { region?: string | undefined } = {},
): Promise<Identity> {
  const result = await resolveCredentials(system, options);
  if (!result.credentials) {
    throw new AwsDoctorError('credentials.none', `No credentials: ${result.error?.code}: ${result.error?.message}`, {
      hint: `awsdoctor doctor${options.profile ? ` --profile ${options.profile}` : ''}`,
    });
  }
  const out = await callerIdentity(system, result.credentials, { profile: options.profile, region: options.region });
  return {
    account: out.Account ?? '',
    arn: out.Arn ?? '',
    userId: out.UserId ?? '',
    principal: parsePrincipal(out.Arn ?? ''),
    profile: result.profile,
    source: result.source,
    accessKeyId: result.credentials.accessKeyId,
    expiresAt: result.expiresAt ?? null,
  };
}
