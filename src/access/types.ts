/** What kind of failure an error text describes: a permission denial, a credential problem, or something else. */
export type ErrorKind = 'authorization' | 'credentials' | 'other';

export type PrincipalType =
  'user' | 'assumed-role' | 'role' | 'root' | 'federated-user' | 'sso-role' | 'service' | 'unknown';

/** Which policy type stopped the request, as the error text says it (never inferred beyond the text). */
export type DenialReason =
  | 'no-identity-policy'
  | 'explicit-deny-identity'
  | 'no-scp'
  | 'explicit-deny-scp'
  | 'explicit-deny-rcp'
  | 'no-resource-policy'
  | 'explicit-deny-resource'
  | 'no-permissions-boundary'
  | 'explicit-deny-permissions-boundary'
  | 'no-session-policy'
  | 'explicit-deny-session-policy'
  | 'no-vpce-policy'
  | 'explicit-deny-vpce-policy'
  | 'no-trust-policy'
  | 'explicit-deny-trust-policy'
  | 's3-block-public-access'
  | 'encoded-message'
  | 'unspecified';

export const DENIAL_REASONS: readonly DenialReason[] = [
  'no-identity-policy',
  'explicit-deny-identity',
  'no-scp',
  'explicit-deny-scp',
  'explicit-deny-rcp',
  'no-resource-policy',
  'explicit-deny-resource',
  'no-permissions-boundary',
  'explicit-deny-permissions-boundary',
  'no-session-policy',
  'explicit-deny-session-policy',
  'no-vpce-policy',
  'explicit-deny-vpce-policy',
  'no-trust-policy',
  'explicit-deny-trust-policy',
  's3-block-public-access',
  'encoded-message',
  'unspecified',
];

/** One error found in a pasted text. Every field is null when the text does not say it. */
export interface ParsedError {
  kind: ErrorKind;
  errorCode: string | null;
  operation: string | null;
  principal: string | null;
  principalType: PrincipalType | null;
  account: string | null;
  action: string | null;
  resource: string | null;
  region: string | null;
  /** Null for credential and other errors; `unspecified` for a denial whose text names no policy type. */
  reason: DenialReason | null;
  denyingPolicy: string | null;
  /** The text said "with an explicit deny" (even without naming the policy type). */
  explicitDeny: boolean;
  /** EC2-style encoded authorization message, to decode with `sts decode-authorization-message`. */
  encodedMessage: string | null;
  /** The denial came "transitively through" another policy type (e.g. a VPC endpoint request stopped by an SCP). */
  transitiveThrough: string | null;
  /** The error's own message, normalised to one line and bounded in length. */
  message: string;
}
