import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { GetRoleCredentialsCommand, SSOClient } from '@aws-sdk/nested-clients/sso';
import { endpointOverride } from '../config/region.js';
import type { System } from '../system.js';
import { serviceError } from './sts-errors.js';
import { CredentialSourceError, type AwsCredentials } from './types.js';

export interface SsoInput {
  readonly startUrl: string;
  readonly ssoRegion: string;
  readonly accountId: string;
  readonly roleName: string;
  /** The `sso_session` name (token cached under its SHA-1); legacy profiles cache under the start URL's. */
  readonly session?: string | undefined;
}

/** Where the AWS CLI caches the SSO access token for a session or (legacy) start URL: `~/.aws/sso/cache/<sha1>.json`. */
export function ssoTokenCachePath(system: System, input: Pick<SsoInput, 'startUrl' | 'session'>): string {
  const key = createHash('sha1')
    .update(input.session ?? input.startUrl)
    .digest('hex');
  return join(system.homeDir, '.aws', 'sso', 'cache', `${key}.json`);
}

/** IAM Identity Center: the cached access token, then the portal's GetRoleCredentials. */
export async function fromSso(system: System, input: SsoInput): Promise<AwsCredentials> {
  const path = ssoTokenCachePath(system, input);
  const login = input.session ? `aws sso login --sso-session ${input.session}` : 'aws sso login';
  let token: { accessToken?: string; expiresAt?: string };
  try {
    token = JSON.parse(await readFile(path, 'utf8')) as typeof token;
  } catch (error) {
    throw new CredentialSourceError(
      'sso',
      'sso.token-missing',
      `Error loading SSO Token: no cached SSO token at ${path}`,
      { cause: error, hint: login },
    );
  }
  if (!token.accessToken || !token.expiresAt) {
    throw new CredentialSourceError(
      'sso',
      'sso.token-invalid',
      `Error loading SSO Token: ${path} lacks accessToken/expiresAt`,
      { hint: login },
    );
  }
  if (Date.parse(token.expiresAt) <= system.now()) {
    throw new CredentialSourceError(
      'sso',
      'sso.token-expired',
      `The SSO session associated with this profile has expired (${token.expiresAt}).`,
      { hint: login },
    );
  }
  const endpoint = endpointOverride(system, 'SSO');
  const client = new SSOClient({ region: input.ssoRegion, ...(endpoint ? { endpoint } : {}) });
  try {
    const out = await client.send(
      new GetRoleCredentialsCommand({
        accessToken: token.accessToken,
        accountId: input.accountId,
        roleName: input.roleName,
      }),
    );
    const c = out.roleCredentials!;
    return {
      accessKeyId: c.accessKeyId!,
      secretAccessKey: c.secretAccessKey!,
      sessionToken: c.sessionToken,
      expiration: c.expiration !== undefined ? new Date(c.expiration) : undefined,
      accountId: input.accountId,
    };
  } catch (error) {
    throw serviceError('sso', 'GetRoleCredentials', error);
  } finally {
    client.destroy();
  }
}
