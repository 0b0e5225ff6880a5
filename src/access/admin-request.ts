import { explainError } from './explain.js';
import { actionsNamed } from './iam-actions.js';
import { buildPolicy, formatPolicyDocument, type BuiltPolicy } from './policy.js';
import { principalEntity } from './principal.js';
import type { ParsedError } from './types.js';

export interface RequestPolicy {
  /** The action the policy grants, from the error (or inferred from the operation name, see `inferred`). */
  action: string | null;
  inferred: boolean;
  /** Other actions an operation name could mean, when it names more than one. */
  candidates: string[];
  policy: BuiltPolicy | null;
}

/**
 * The least-privilege policy that would let the denied request through, when an identity-policy Allow is the fix.
 * When the error names only the operation (S3's bare "Access Denied"), the action of the same name is used if exactly
 * one service has it, and said to be inferred.
 */
export async function requestPolicyFor(error: ParsedError): Promise<RequestPolicy> {
  const explanation = explainError(error);
  if (!explanation.identityPolicyHelps) return { action: error.action, inferred: false, candidates: [], policy: null };
  let action = error.action;
  let inferred = false;
  let candidates: string[] = [];
  if (!action && error.operation) {
    candidates = await actionsNamed(error.operation);
    if (candidates.length === 1) {
      action = candidates[0] ?? null;
      inferred = true;
    }
  }
  if (!action) return { action: null, inferred: false, candidates, policy: null };
  const policy = await buildPolicy([action], { resource: error.resource });
  if (inferred) {
    policy.notes.unshift(
      `The error names only the ${error.operation} operation; ${action} is the one IAM action of that name. Check CloudTrail if the request still fails.`,
    );
  }
  return { action, inferred, candidates, policy };
}

/** A name for the inline policy: `awsdoctor-ecr-CreateRepository`. */
export function inlinePolicyName(action: string | null): string {
  const slug = (action ?? 'access').replace(/[^A-Za-z0-9+=,.@_-]/g, '-');
  return `awsdoctor-${slug}`.slice(0, 128);
}

/** The commands the administrator runs to attach the policy (user, role, or Identity Center permission set). */
export function adminCommands(error: ParsedError, request: RequestPolicy): string[] {
  const entity = principalEntity(error.principal);
  const name = inlinePolicyName(request.action);
  const managed = request.policy?.managedPolicies[0];
  if (error.principalType === 'sso-role') {
    return [
      '# IAM Identity Center: add the policy to the permission set (ids from aws sso-admin list-instances / list-permission-sets)',
      `aws sso-admin put-inline-policy-to-permission-set --instance-arn INSTANCE_ARN --permission-set-arn PERMISSION_SET_ARN --inline-policy file://policy.json`,
      'aws sso-admin provision-permission-set --instance-arn INSTANCE_ARN --permission-set-arn PERMISSION_SET_ARN --target-type ALL_PROVISIONED_ACCOUNTS',
    ];
  }
  if (entity.entity === 'user') {
    return [
      `aws iam put-user-policy --user-name ${entity.name} --policy-name ${name} --policy-document file://policy.json`,
      ...(managed
        ? [
            `# or the managed alternative:`,
            `aws iam attach-user-policy --user-name ${entity.name} --policy-arn ${managed.arn}`,
          ]
        : []),
    ];
  }
  if (entity.entity === 'role') {
    return [
      `aws iam put-role-policy --role-name ${entity.name} --policy-name ${name} --policy-document file://policy.json`,
      ...(managed
        ? [
            `# or the managed alternative:`,
            `aws iam attach-role-policy --role-name ${entity.name} --policy-arn ${managed.arn}`,
          ]
        : []),
    ];
  }
  return [
    `aws iam put-user-policy --user-name USER_NAME --policy-name ${name} --policy-document file://policy.json`,
    `# or, for a role: aws iam put-role-policy --role-name ROLE_NAME --policy-name ${name} --policy-document file://policy.json`,
  ];
}

function field(label: string, value: string | null): string {
  return `- **${label}:** ${value === null ? '_not in the error_' : `\`${value}\``}`;
}

/** The request to paste into a ticket for one error: what failed, the exact policy, the managed alternative, the command. */
export function adminRequestMarkdown(error: ParsedError, request: RequestPolicy): string {
  const explanation = explainError(error);
  const title = request.action ?? error.action ?? error.operation ?? error.errorCode ?? 'access';
  const lines: string[] = [
    `## Permission request: ${title}${error.resource ? ` on ${error.resource}` : ''}`,
    '',
    '### What failed',
    '',
    explanation.summary,
    '',
    field('Principal', error.principal),
    field('Action', error.action),
    field('Resource', error.resource),
    field('Error', error.errorCode),
    field('Operation', error.operation),
    field('Region', error.region),
    field('Denying policy', error.denyingPolicy),
    '',
    explanation.why,
    '',
    '```text',
    error.message,
    '```',
    '',
    '### Who must act',
    '',
    explanation.whoMustAct,
    '',
  ];
  for (const note of explanation.notes) lines.push(`> ${note}`, '');
  if (request.policy) {
    lines.push(
      '### Policy to attach (least privilege)',
      '',
      '```json',
      formatPolicyDocument(request.policy.document),
      '```',
      '',
    );
    for (const note of request.policy.notes) lines.push(`- ${note}`);
    if (request.policy.notes.length > 0) lines.push('');
    lines.push('### Managed policy alternative', '');
    if (request.policy.managedPolicies.length === 0) lines.push('No AWS managed policy grants this action.', '');
    for (const managed of request.policy.managedPolicies) {
      lines.push(`- \`${managed.name}\` (${managed.size} actions): \`${managed.arn}\``);
    }
    if (request.policy.managedPolicies.length > 0) {
      lines.push('', 'Managed policies are broader than the policy above: prefer the policy above.', '');
    }
    lines.push('### Command for the administrator', '', 'Save the policy above as `policy.json`, then:', '', '```sh');
    lines.push(...adminCommands(error, request), '```', '');
  } else {
    if (request.candidates.length > 1) {
      lines.push(
        `The ${error.operation} operation could be any of: ${request.candidates.map((c) => `\`${c}\``).join(', ')}.`,
        '',
      );
    }
    lines.push('### What to change', '', explanation.fix, '');
  }
  return lines.join('\n');
}
