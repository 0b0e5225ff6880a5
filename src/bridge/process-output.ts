import type { AwsCredentials } from '../credentials/types.js';
import { isoUtc } from './iso-time.js';

/** The `credential_process` document both SDKs read (botocore ProcessProvider, the JS SDK's fromProcess). */
export interface CredentialProcessDocument {
  readonly Version: 1;
  readonly AccessKeyId: string;
  readonly SecretAccessKey: string;
  readonly SessionToken?: string;
  /** Omitted for long-lived keys: both SDKs then treat the credentials as non-expiring. */
  readonly Expiration?: string;
}

export function credentialProcessDocument(credentials: AwsCredentials): CredentialProcessDocument {
  return {
    Version: 1,
    AccessKeyId: credentials.accessKeyId,
    SecretAccessKey: credentials.secretAccessKey,
    ...(credentials.sessionToken ? { SessionToken: credentials.sessionToken } : {}),
    ...(credentials.expiration ? { Expiration: isoUtc(credentials.expiration) } : {}),
  };
}

/** The exact text `creds process` prints: one JSON document and a newline. */
export function formatCredentialProcess(credentials: AwsCredentials): string {
  return `${JSON.stringify(credentialProcessDocument(credentials), null, 2)}\n`;
}
