import type { AwsCredentials } from '../credentials/types.js';
import { isoUtc } from './iso-time.js';

/**
 * The container-credentials endpoint body. botocore's ContainerProvider reads `AccessKeyId`, `SecretAccessKey`,
 * `Token`, `Expiration` (and optional `AccountId`); the JS SDK's fromHttp requires all four to be strings and
 * `Expiration` in RFC 3339 UTC ending in `Z`. Neither needs `RoleArn`.
 */
export interface ContainerCredentialsBody {
  readonly AccessKeyId: string;
  readonly SecretAccessKey: string;
  readonly Token: string;
  readonly Expiration: string;
  readonly AccountId?: string;
}

/** Long-lived keys have no expiry, but both SDKs require one: they re-ask the endpoint after this long. */
export const NON_EXPIRING_REASK_MS = 60 * 60 * 1000;

export function containerCredentialsBody(credentials: AwsCredentials, now: number): ContainerCredentialsBody {
  const expiration = credentials.expiration ?? new Date(now + NON_EXPIRING_REASK_MS);
  return {
    AccessKeyId: credentials.accessKeyId,
    SecretAccessKey: credentials.secretAccessKey,
    // Both SDKs require the field; an empty token is never sent (botocore and the JS signer skip a falsy token).
    Token: credentials.sessionToken ?? '',
    Expiration: isoUtc(expiration),
    ...(credentials.accountId ? { AccountId: credentials.accountId } : {}),
  };
}
