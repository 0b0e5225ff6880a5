import { AwsDoctorError } from '../errors.js';

/** Credentials as awsdoctor passes them around (the AWS SDK v3 `AwsCredentialIdentity` shape, plus the account). */
export interface AwsCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string | undefined;
  /** When they stop working; undefined for long-lived keys. */
  readonly expiration?: Date | undefined;
  readonly accountId?: string | undefined;
}

/** A function returning fresh credentials on every call (refreshing as needed): the AWS SDK v3 provider shape. */
export type CredentialProvider = () => Promise<AwsCredentials>;

/** Source names are botocore's `METHOD` names, so traces read the same as boto3's debug log. */
export type CredentialSourceName =
  | 'env'
  | 'assume-role'
  | 'assume-role-with-web-identity'
  | 'sso'
  | 'shared-credentials-file'
  | 'login'
  | 'custom-process'
  | 'config-file'
  | 'container-role'
  | 'iam-role'
  | 'explicit';

/** Thrown by a credential source: the stable `reason` plus which source failed. */
export class CredentialSourceError extends AwsDoctorError {
  override readonly name = 'CredentialSourceError';
  readonly source: CredentialSourceName;
  constructor(
    source: CredentialSourceName,
    reason: string,
    message: string,
    options: { cause?: unknown; hint?: string } = {},
  ) {
    super(reason, message, options);
    this.source = source;
  }
}

/** One step of a chain walk: the doctor renders these records, it never re-derives them. */
export interface SourceAttempt {
  readonly source: CredentialSourceName;
  readonly status: 'used' | 'skipped' | 'failed';
  /** Why: "AWS_ACCESS_KEY_ID not set", "login session expired, refreshed", the error's message... */
  readonly reason: string;
  /** For failures: the stable reason key of the error. */
  readonly errorReason?: string | undefined;
}

/** Copies an AWS SDK v3 credential identity into awsdoctor's shape, leaving SDK-internal fields (`$source`) behind. */
export function fromSdkIdentity(identity: {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string | undefined;
  expiration?: Date | undefined;
  accountId?: string | undefined;
}): AwsCredentials {
  return {
    accessKeyId: identity.accessKeyId,
    secretAccessKey: identity.secretAccessKey,
    sessionToken: identity.sessionToken,
    expiration: identity.expiration,
    accountId: identity.accountId,
  };
}
