import { parseArn, principalEntity } from './principal.js';
import type { DenialReason, ParsedError } from './types.js';

/** The `--json` shape of one explained error (pinned by golden tests; keys never renamed). */
export interface ExplainedErrorJson {
  kind: ParsedError['kind'];
  errorCode: string | null;
  operation: string | null;
  principal: string | null;
  principalType: ParsedError['principalType'];
  account: string | null;
  action: string | null;
  resource: string | null;
  region: string | null;
  reason: DenialReason | null;
  denyingPolicy: string | null;
  explanation: string;
  whoMustAct: string;
  fix: string;
}

export interface Explanation {
  /** Who is denied what on which resource. */
  summary: string;
  /** Which policy type stops it, in plain words. */
  why: string;
  whoMustAct: string;
  /** What the person cannot do about it themselves. */
  cannot: string[];
  /** What the person can do now. */
  can: string[];
  fix: string;
  /** Extra facts: explicit denies, trust policies, encoded messages. */
  notes: string[];
  /** Whether an identity-policy Allow for the action is (part of) the fix, so a policy is worth writing. */
  identityPolicyHelps: boolean;
}

const POLICY_WORDS: Record<DenialReason, string> = {
  'no-identity-policy':
    'no identity-based policy (the policies attached to the user, its groups, or the role) allows it',
  'explicit-deny-identity': 'an identity-based policy attached to the principal explicitly denies it',
  'no-scp': 'no service control policy (SCP) of the AWS Organization allows it',
  'explicit-deny-scp': 'a service control policy (SCP) of the AWS Organization explicitly denies it',
  'explicit-deny-rcp': 'a resource control policy (RCP) of the AWS Organization explicitly denies it',
  'no-resource-policy': 'the resource-based policy (bucket policy, key policy, queue policy...) does not allow it',
  'explicit-deny-resource':
    'the resource-based policy (bucket policy, key policy, queue policy...) explicitly denies it',
  'no-permissions-boundary': 'the permissions boundary set on the principal does not allow it',
  'explicit-deny-permissions-boundary': 'the permissions boundary set on the principal explicitly denies it',
  'no-session-policy': 'the session policy passed when the session was created does not allow it',
  'explicit-deny-session-policy': 'the session policy passed when the session was created explicitly denies it',
  'no-vpce-policy': 'the policy of the VPC endpoint the request went through does not allow it',
  'explicit-deny-vpce-policy': 'the policy of the VPC endpoint the request went through explicitly denies it',
  'no-trust-policy': 'the role’s trust policy does not allow this principal to assume it',
  'explicit-deny-trust-policy': 'the role’s trust policy explicitly denies this principal',
  's3-block-public-access': 'S3 Block Public Access is on, and the change would make the bucket public',
  'encoded-message':
    'the reason is in the encoded authorization message (decode it with aws sts decode-authorization-message)',
  unspecified: 'the error does not say which policy denied it',
};

function isExplicit(reason: DenialReason | null): boolean {
  return reason !== null && reason.startsWith('explicit-deny');
}

function describePrincipal(error: ParsedError): string {
  if (!error.principal) return 'The caller';
  const entity = principalEntity(error.principal);
  switch (error.principalType) {
    case 'user':
      return `IAM user ${entity.name} (${error.principal})`;
    case 'sso-role':
      return `IAM Identity Center role ${entity.name ?? ''} (${error.principal})`.replace('  ', ' ');
    case 'assumed-role':
      return `role ${entity.name} session ${entity.session ?? ''} (${error.principal})`;
    case 'role':
      return `role ${entity.name} (${error.principal})`;
    case 'root':
      return `the root user of account ${error.account} (${error.principal})`;
    case 'service':
      return `the AWS service ${error.principal}`;
    default:
      return error.principal;
  }
}

/** The IAM Identity Center permission set behind an AWSReservedSSO_<PermissionSet>_<hash> role. */
export function permissionSetName(principal: string | null): string | null {
  const role = principalEntity(principal).name;
  const match = role ? /^AWSReservedSSO_(.+)_[0-9a-f]{6,}$/i.exec(role) : null;
  return match?.[1] ?? (role?.startsWith('AWSReservedSSO_') ? role.slice('AWSReservedSSO_'.length) : null);
}

function identityAdmin(error: ParsedError): string {
  const account = error.account ? ` of account ${error.account}` : '';
  if (error.principalType === 'sso-role') {
    const set = permissionSetName(error.principal);
    return `Whoever manages the IAM Identity Center permission set${set ? ` "${set}"` : ''} (in the organization’s management or delegated administrator account): roles named AWSReservedSSO_* are created from it and cannot be edited in IAM directly.`;
  }
  if (error.principalType === 'root') {
    return 'Nobody can attach policies to the root user: only an SCP/RCP, a resource policy or a VPC endpoint policy can deny it; ask the organization administrator.';
  }
  if (error.principalType === 'federated-user') {
    return `The IAM administrator${account} (for the user that called GetFederationToken) and whoever passes the federation session policy.`;
  }
  if (error.principalType === 'service') {
    return `The owner of the resource${account} or the administrator who configures ${error.principal}'s role.`;
  }
  return `Your IAM administrator${account} (whoever manages ${describeEntity(error)}).`;
}

function describeEntity(error: ParsedError): string {
  const entity = principalEntity(error.principal);
  if (entity.entity === 'user') return `IAM user ${entity.name}`;
  if (entity.entity === 'role') return `role ${entity.name}`;
  return 'your IAM user or role';
}

function resourceOwner(error: ParsedError): string {
  const arn = error.resource ? parseArn(error.resource) : null;
  const account = arn && /^\d{12}$/.test(arn.account) ? ` (account ${arn.account})` : '';
  return `The owner of ${error.resource ?? 'the resource'}${account}, who edits its resource-based policy.`;
}

function whoMustAct(error: ParsedError): string {
  if (error.kind === 'credentials') return 'You: the credentials themselves are missing, expired or wrong.';
  if (error.kind === 'other') return 'Nobody for permissions: this is not an access-denied error.';
  const policy = error.denyingPolicy ? ` (${error.denyingPolicy})` : '';
  switch (error.reason) {
    case 'no-scp':
    case 'explicit-deny-scp':
      return `The AWS Organizations administrator who owns the service control policy${policy}, in the organization’s management account. Account administrators cannot override an SCP.`;
    case 'explicit-deny-rcp':
      return `The AWS Organizations administrator who owns the resource control policy${policy}, in the organization’s management account.`;
    case 'no-resource-policy':
    case 'explicit-deny-resource':
      return resourceOwner(error);
    case 'no-vpce-policy':
    case 'explicit-deny-vpce-policy':
      return 'The network owner who manages the VPC endpoint policy of the endpoint your traffic goes through.';
    case 'no-session-policy':
    case 'explicit-deny-session-policy':
      return 'Whoever creates your session (the tool or person that called AssumeRole/GetFederationToken with a session policy): they must pass a session policy that allows it, or none.';
    case 'no-permissions-boundary':
    case 'explicit-deny-permissions-boundary':
      return `The IAM administrator who set the permissions boundary on ${describeEntity(error)}.`;
    case 'no-trust-policy':
    case 'explicit-deny-trust-policy':
      return `The IAM administrator of the account that owns ${error.resource ?? 'the role'}, who edits the role’s trust policy.`;
    case 's3-block-public-access':
      return 'The bucket owner or account administrator who manages S3 Block Public Access settings (bucket and account level).';
    default:
      return identityAdmin(error);
  }
}

function summary(error: ParsedError): string {
  if (error.kind === 'credentials') {
    return `${error.errorCode ?? 'Credential error'}${error.operation ? ` calling ${error.operation}` : ''}: the request carried no valid credentials (none found, expired, or rejected), so no permission was even checked.`;
  }
  if (error.kind === 'other') {
    return `${error.errorCode ?? 'Error'}${error.operation ? ` calling ${error.operation}` : ''}: not a permissions problem.`;
  }
  const what = error.action ?? (error.operation ? `the ${error.operation} operation` : 'the request');
  const where = error.resource ? ` on ${error.resource}` : '';
  return `${describePrincipal(error)} is denied ${what}${where}.`;
}

function assumeRoleNote(error: ParsedError): string | null {
  if (!error.action || !/^sts:AssumeRole/i.test(error.action)) return null;
  if (error.reason === 'no-trust-policy' || error.reason === 'explicit-deny-trust-policy') {
    return 'For sts:AssumeRole both sides must agree: the role’s trust policy must trust the caller, and (within one account, unless the trust policy names the caller’s ARN) the caller’s own policies must allow sts:AssumeRole on the role.';
  }
  return 'For sts:AssumeRole two policies must both allow it: the caller’s identity policy (sts:AssumeRole on the role ARN) and the role’s trust policy (which must name the caller’s account or ARN). The error does not always say which one refused; check both.';
}

function fix(error: ParsedError): string {
  if (error.kind === 'credentials')
    return 'Run `awsdoctor doctor` to see which credentials are used and why they fail, then refresh or fix them.';
  if (error.kind === 'other')
    return 'Read the error message itself; awsdoctor explains permission and credential errors.';
  const action = error.action ?? 'the action';
  const resource = error.resource ?? 'the resource';
  switch (error.reason) {
    case 'no-identity-policy':
      return `Attach an identity policy that allows ${action} on ${resource} (awsdoctor explain --markdown writes the request).`;
    case 'no-permissions-boundary':
      return `The permissions boundary must also allow ${action}; an identity policy alone is not enough.`;
    case 'no-session-policy':
      return `Start a new session with a session policy that allows ${action} (or without a session policy).`;
    case 'no-scp':
      return `The SCP must allow ${action}; request an exception from your organization’s administrators.`;
    case 'no-resource-policy':
      return `The resource policy of ${resource} must allow ${action} for your principal (cross-account access needs both that and your own identity policy).`;
    case 'no-vpce-policy':
      return `The VPC endpoint policy must allow ${action}, or the request must go through another route.`;
    case 'no-trust-policy':
      return `The trust policy of ${resource} must allow your principal to call ${action}.`;
    case 's3-block-public-access':
      return 'Do not make the bucket public: grant access to specific principals instead (or CloudFront with origin access control). Only if it must be public, the owner turns BlockPublicPolicy off for this bucket.';
    case 'encoded-message':
      return 'Decode the message to see the policy that denied it: aws sts decode-authorization-message --encoded-message <message> (or awsdoctor explain --decode).';
    case 'unspecified':
      return error.action
        ? `Ask for ${action}${error.resource ? ` on ${resource}` : ''}; if an identity policy already allows it, look for a resource policy, SCP or endpoint policy that blocks it.`
        : 'The message names no action: check CloudTrail for the denied event (errorCode AccessDenied) to see the action and resource, then ask for that permission.';
    default:
      if (isExplicit(error.reason)) {
        return `Remove or narrow the Deny statement${error.denyingPolicy ? ` in ${error.denyingPolicy}` : ''} that matches ${action}; adding an Allow anywhere never overrides an explicit deny.`;
      }
      return `Allow ${action} in the policy that refused it.`;
  }
}

/** Explains one parsed error: who is denied what, why, who must act, what the person can and cannot do. */
export function explainError(error: ParsedError): Explanation {
  const notes: string[] = [];
  if (error.explicitDeny || isExplicit(error.reason)) {
    notes.push('This is an explicit deny: adding an Allow (to any policy) never fixes it; the Deny must change.');
  }
  if (error.transitiveThrough) {
    notes.push(
      `The denial came transitively through a ${error.transitiveThrough === 'scp' ? 'service control policy' : error.transitiveThrough} applied to a request made on your behalf through a VPC endpoint.`,
    );
  }
  const assume = assumeRoleNote(error);
  if (assume) notes.push(assume);
  if (error.encodedMessage) {
    notes.push(
      'The error carries an encoded authorization message: run awsdoctor explain --decode (needs sts:DecodeAuthorizationMessage) to read it.',
    );
  }
  if (error.principalType === 'sso-role') {
    notes.push(
      'AWSReservedSSO_* roles belong to IAM Identity Center: the change is made to the permission set, and you get it at your next sign-in (aws sso login).',
    );
  }
  const identityPolicyHelps =
    error.kind === 'authorization' &&
    (error.reason === 'no-identity-policy' || error.reason === 'unspecified' || error.reason === 'encoded-message') &&
    error.principalType !== 'root';
  const reason = error.reason;
  const why =
    error.kind === 'authorization' && reason
      ? `Denied because ${POLICY_WORDS[reason]}.`
      : error.kind === 'credentials'
        ? 'AWS could not verify who is calling: missing, expired or invalid credentials, or a bad signature (clock skew, wrong secret).'
        : 'This is not an authorization or credential failure.';
  const action = error.action ?? 'this action';
  const cannot =
    error.kind === 'authorization'
      ? [
          `You cannot grant yourself ${action}: permissions are changed by ${error.principalType === 'sso-role' ? 'the permission set owner' : 'an administrator'}, not from your own CLI session.`,
          ...(isExplicit(reason) ? ['You cannot get around an explicit deny by adding an Allow.'] : []),
          ...(reason === 'no-scp' || reason === 'explicit-deny-scp' || reason === 'explicit-deny-rcp'
            ? ['Your account’s own administrators cannot override an organization policy either.']
            : []),
        ]
      : error.kind === 'credentials'
        ? ['You cannot fix this with permissions: no policy is evaluated until the credentials work.']
        : [];
  const can =
    error.kind === 'authorization'
      ? [
          'Send the request to whoever must act (above): awsdoctor explain --markdown writes it, with the exact policy.',
          `Check what you can do now: awsdoctor can-i ${error.action ?? '<action>'}${error.resource ? ` --resource ${error.resource}` : ''}.`,
          'Use another profile or role that already has the permission (awsdoctor whoami --profile NAME shows who it is).',
          'Use the AWS Console if your console sign-in has broader permissions, then use the created resource from your code.',
        ]
      : error.kind === 'credentials'
        ? ['Run awsdoctor doctor: it shows where credentials come from and why they fail.']
        : [];
  return {
    summary: summary(error),
    why,
    whoMustAct: whoMustAct(error),
    cannot,
    can,
    fix: fix(error),
    notes,
    identityPolicyHelps,
  };
}

/** The `--json` object for one error. */
export function explainedErrorJson(error: ParsedError): ExplainedErrorJson {
  const explanation = explainError(error);
  return {
    kind: error.kind,
    errorCode: error.errorCode,
    operation: error.operation,
    principal: error.principal,
    principalType: error.principalType,
    account: error.account,
    action: error.action,
    resource: error.resource,
    region: error.region,
    reason: error.reason,
    denyingPolicy: error.denyingPolicy,
    explanation: [explanation.summary, explanation.why, ...explanation.notes].join(' '),
    whoMustAct: explanation.whoMustAct,
    fix: explanation.fix,
  };
}
