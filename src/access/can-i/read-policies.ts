import {
  GetGroupPolicyCommand,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  GetUserCommand,
  GetUserPolicyCommand,
  ListAttachedGroupPoliciesCommand,
  ListAttachedRolePoliciesCommand,
  ListAttachedUserPoliciesCommand,
  ListGroupPoliciesCommand,
  ListGroupsForUserCommand,
  ListRolePoliciesCommand,
  ListUserPoliciesCommand,
  type IAMClient,
  type Tag,
} from '@aws-sdk/client-iam';
import type { NamedPolicy, PolicySourceKind } from '../evaluate/types.js';
import { errorCode } from './aws-errors.js';

/** The policies of a principal that could be read, and what could not. */
export interface PrincipalPolicies {
  readonly identity: NamedPolicy[];
  /** The permissions boundary: a policy, `none`, or `unknown` when the principal could not be read. */
  readonly boundary: NamedPolicy | 'none' | 'unknown';
  readonly tags: Record<string, string>;
  /** The principal's ARN as IAM knows it (with its path), when read. */
  readonly arn: string | undefined;
  readonly userId: string | undefined;
  /** What could not be read, e.g. `iam:ListGroupsForUser (groups of user alice): AccessDenied`. */
  readonly unreadable: string[];
  /** Number of policy listings that succeeded (0: none of the principal's policies is readable). */
  readonly reads: number;
}

interface Reader {
  readonly iam: IAMClient;
  readonly out: {
    identity: NamedPolicy[];
    unreadable: string[];
    reads: number;
  };
}

/** Runs one read; on failure notes what was not readable and returns undefined. */
async function attempt<T>(
  reader: Reader,
  what: string,
  run: () => Promise<T>,
  listing = false,
): Promise<T | undefined> {
  try {
    const value = await run();
    if (listing) reader.out.reads += 1;
    return value;
  } catch (error) {
    reader.out.unreadable.push(`${what}: ${errorCode(error)}`);
    return undefined;
  }
}

/** Lists every page of an IAM list call. */
async function allPages<P extends { IsTruncated?: boolean; Marker?: string }, T>(
  call: (marker: string | undefined) => Promise<P>,
  items: (page: P) => T[] | undefined,
): Promise<T[]> {
  const out: T[] = [];
  let marker: string | undefined;
  do {
    const page = await call(marker);
    out.push(...(items(page) ?? []));
    marker = page.IsTruncated ? page.Marker : undefined;
  } while (marker);
  return out;
}

async function managedPolicy(
  reader: Reader,
  arn: string,
  kind: PolicySourceKind,
  group?: string,
): Promise<NamedPolicy | undefined> {
  const policy = await attempt(reader, `iam:GetPolicy (${arn})`, () =>
    reader.iam.send(new GetPolicyCommand({ PolicyArn: arn })),
  );
  const versionId = policy?.Policy?.DefaultVersionId;
  if (!policy || !versionId) return undefined;
  const version = await attempt(reader, `iam:GetPolicyVersion (${arn} ${versionId})`, () =>
    reader.iam.send(new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: versionId })),
  );
  const document = version?.PolicyVersion?.Document;
  if (document === undefined) return undefined;
  return { name: policy.Policy?.PolicyName ?? arn, arn, kind, ...(group ? { group } : {}), document };
}

async function attachedPolicies(
  reader: Reader,
  what: string,
  list: (marker: string | undefined) => Promise<{
    IsTruncated?: boolean;
    Marker?: string;
    AttachedPolicies?: { PolicyArn?: string }[];
  }>,
  kind: PolicySourceKind,
  group?: string,
): Promise<void> {
  const attached = await attempt(reader, what, () => allPages(list, (p) => p.AttachedPolicies), true);
  for (const item of attached ?? []) {
    if (!item.PolicyArn) continue;
    const policy = await managedPolicy(reader, item.PolicyArn, kind, group);
    if (policy) reader.out.identity.push(policy);
  }
}

async function inlinePolicies(
  reader: Reader,
  what: string,
  list: (marker: string | undefined) => Promise<{ IsTruncated?: boolean; Marker?: string; PolicyNames?: string[] }>,
  get: (name: string) => Promise<{ PolicyDocument?: string }>,
  getWhat: (name: string) => string,
  kind: PolicySourceKind,
  group?: string,
): Promise<void> {
  const names = await attempt(reader, what, () => allPages(list, (p) => p.PolicyNames), true);
  for (const name of names ?? []) {
    const policy = await attempt(reader, getWhat(name), () => get(name));
    if (policy?.PolicyDocument !== undefined) {
      reader.out.identity.push({ name, kind, ...(group ? { group } : {}), document: policy.PolicyDocument });
    }
  }
}

function tagMap(tags: Tag[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const tag of tags ?? []) if (tag.Key) out[tag.Key] = tag.Value ?? '';
  return out;
}

async function boundaryOf(reader: Reader, arn: string | undefined): Promise<NamedPolicy | 'none' | 'unknown'> {
  if (!arn) return 'none';
  return (await managedPolicy(reader, arn, 'permissions-boundary')) ?? 'unknown';
}

/**
 * Reads what IAM lets the caller read about an IAM user: inline and attached policies, its groups' inline and
 * attached policies, its permissions boundary and tags. Every failed read is noted, never fatal.
 */
export async function readUserPolicies(iam: IAMClient, userName: string): Promise<PrincipalPolicies> {
  const reader: Reader = { iam, out: { identity: [], unreadable: [], reads: 0 } };
  const user = await attempt(reader, `iam:GetUser (user ${userName}: permissions boundary, tags)`, () =>
    iam.send(new GetUserCommand({ UserName: userName })),
  );
  await inlinePolicies(
    reader,
    `iam:ListUserPolicies (inline policies of user ${userName})`,
    (Marker) => iam.send(new ListUserPoliciesCommand({ UserName: userName, Marker })),
    (name) => iam.send(new GetUserPolicyCommand({ UserName: userName, PolicyName: name })),
    (name) => `iam:GetUserPolicy (${name} of user ${userName})`,
    'user-inline',
  );
  await attachedPolicies(
    reader,
    `iam:ListAttachedUserPolicies (managed policies of user ${userName})`,
    (Marker) => iam.send(new ListAttachedUserPoliciesCommand({ UserName: userName, Marker })),
    'user-managed',
  );
  const groups = await attempt(
    reader,
    `iam:ListGroupsForUser (groups of user ${userName})`,
    () =>
      allPages(
        (Marker) => iam.send(new ListGroupsForUserCommand({ UserName: userName, Marker })),
        (p) => p.Groups,
      ),
    true,
  );
  for (const group of groups ?? []) {
    const groupName = group.GroupName;
    if (!groupName) continue;
    await inlinePolicies(
      reader,
      `iam:ListGroupPolicies (inline policies of group ${groupName})`,
      (Marker) => iam.send(new ListGroupPoliciesCommand({ GroupName: groupName, Marker })),
      (name) => iam.send(new GetGroupPolicyCommand({ GroupName: groupName, PolicyName: name })),
      (name) => `iam:GetGroupPolicy (${name} of group ${groupName})`,
      'group-inline',
      groupName,
    );
    await attachedPolicies(
      reader,
      `iam:ListAttachedGroupPolicies (managed policies of group ${groupName})`,
      (Marker) => iam.send(new ListAttachedGroupPoliciesCommand({ GroupName: groupName, Marker })),
      'group-managed',
      groupName,
    );
  }
  const boundary = user ? await boundaryOf(reader, user.User?.PermissionsBoundary?.PermissionsBoundaryArn) : 'unknown';
  return {
    identity: reader.out.identity,
    boundary,
    tags: tagMap(user?.User?.Tags),
    arn: user?.User?.Arn,
    userId: user?.User?.UserId,
    unreadable: reader.out.unreadable,
    reads: reader.out.reads,
  };
}

/** Reads what IAM lets the caller read about an IAM role: inline and attached policies, boundary and tags. */
export async function readRolePolicies(iam: IAMClient, roleName: string): Promise<PrincipalPolicies> {
  const reader: Reader = { iam, out: { identity: [], unreadable: [], reads: 0 } };
  const role = await attempt(reader, `iam:GetRole (role ${roleName}: path, permissions boundary, tags)`, () =>
    iam.send(new GetRoleCommand({ RoleName: roleName })),
  );
  await inlinePolicies(
    reader,
    `iam:ListRolePolicies (inline policies of role ${roleName})`,
    (Marker) => iam.send(new ListRolePoliciesCommand({ RoleName: roleName, Marker })),
    (name) => iam.send(new GetRolePolicyCommand({ RoleName: roleName, PolicyName: name })),
    (name) => `iam:GetRolePolicy (${name} of role ${roleName})`,
    'role-inline',
  );
  await attachedPolicies(
    reader,
    `iam:ListAttachedRolePolicies (managed policies of role ${roleName})`,
    (Marker) => iam.send(new ListAttachedRolePoliciesCommand({ RoleName: roleName, Marker })),
    'role-managed',
  );
  const boundary = role ? await boundaryOf(reader, role.Role?.PermissionsBoundary?.PermissionsBoundaryArn) : 'unknown';
  return {
    identity: reader.out.identity,
    boundary,
    tags: tagMap(role?.Role?.Tags),
    arn: role?.Role?.Arn,
    userId: role?.Role?.RoleId,
    unreadable: reader.out.unreadable,
    reads: reader.out.reads,
  };
}
