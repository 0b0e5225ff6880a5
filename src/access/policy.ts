import { arnFormatMatcher, describeAction, fillArnFormat, validateActions, type ActionCheck } from './iam-actions.js';
import { managedPoliciesGranting, type ManagedPolicyMatch } from './managed-policies.js';
import { parseArn } from './principal.js';

export interface PolicyStatement {
  Sid: string;
  Effect: 'Allow';
  Action: string | string[];
  Resource: string | string[];
}

export interface PolicyDocument {
  Version: '2012-10-17';
  Statement: PolicyStatement[];
}

/** One action as it went into the policy: where it is scoped and why. */
export interface PolicyActionDetail {
  action: string;
  resource: string;
  resourceLevel: boolean;
  resourceTypes: { name: string; arnFormat: string }[];
  conditionKeys: string[];
  /** Why this action is in the policy (task bundles), when known. */
  why: string | null;
}

export interface BuiltPolicy {
  document: PolicyDocument;
  actions: PolicyActionDetail[];
  /** What a person should know: `Resource: *` because the action has no resource-level permissions, etc. */
  notes: string[];
  /** Actions that do not exist, with the closest real ones; they are left out of the document. */
  unknown: ActionCheck[];
  /** AWS managed policies that grant all the valid actions, narrowest first. */
  managedPolicies: ManagedPolicyMatch[];
}

export interface BuildPolicyOptions {
  /** The resource ARN to scope resource-level actions to. */
  resource?: string | null | undefined;
  /** Per action: the resource to use instead of `resource` (task bundles scope objects and buckets differently). */
  resourceFor?: Record<string, string> | undefined;
  /** Per action: why it is needed. */
  why?: Record<string, string> | undefined;
  /** How many managed policies to list (default 5). */
  managedLimit?: number | undefined;
}

/** The part of `arn` that is a whole ARN of `format` (the bucket ARN at the start of an object ARN), if any. */
function projectArn(format: string, arn: string): string | null {
  const parts = format.split(/\$\{[A-Za-z0-9]+\}/);
  const pattern = parts.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[^/:]+');
  const match = new RegExp(`^${pattern}`).exec(arn);
  return match && match[0] !== arn ? match[0] : null;
}

/** A readable statement id from the resource: `AllResources`, `EcrRepository`, `S3Bucket`, `S3Objects`. */
function sidBase(resource: string): string {
  if (resource === '*') return 'AllResources';
  const arn = parseArn(resource);
  if (!arn) return 'Resource';
  const head = arn.resource.split(/[/:]/)[0] ?? '';
  const kind = arn.service === 's3' ? (arn.resource.includes('/') ? 'Objects' : 'Bucket') : head;
  const words = `${arn.service} ${kind}`.split(/[^A-Za-z0-9]+/).filter(Boolean);
  return words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('') || 'Resource';
}

/**
 * The least-privilege identity policy for `actions`: actions with resource-level permissions are scoped to the
 * resource (when its ARN fits one of the action's resource types), the others get `"Resource": "*"` with a note.
 * Unknown or misspelt actions are reported with the closest real ones and left out.
 */
export async function buildPolicy(actions: readonly string[], options: BuildPolicyOptions = {}): Promise<BuiltPolicy> {
  const checks = await validateActions(actions);
  const unknown = checks.filter((c) => !c.valid);
  const notes: string[] = [];
  const unscoped = new Map<string, string[]>();
  const details: PolicyActionDetail[] = [];
  const seen = new Set<string>();
  for (const check of checks) {
    if (!check.valid || !check.action || seen.has(check.action.toLowerCase())) continue;
    seen.add(check.action.toLowerCase());
    const action = check.action;
    const why = options.why?.[action] ?? options.why?.[check.input] ?? null;
    const wanted = options.resourceFor?.[action] ?? options.resourceFor?.[check.input] ?? options.resource ?? null;
    if (/[*?]/.test(action)) {
      details.push({ action, resource: wanted ?? '*', resourceLevel: true, resourceTypes: [], conditionKeys: [], why });
      notes.push(
        `${action} is a wildcard matching ${check.matches} actions; list the ones you need instead if you can.`,
      );
      continue;
    }
    const info = await describeAction(action);
    if (!info) continue;
    const resourceTypes = info.resourceTypes.map((t) => ({ name: t.name, arnFormat: t.arnFormat }));
    const base = { action, resourceLevel: info.resourceLevel, resourceTypes, conditionKeys: info.conditionKeys, why };
    if (!info.resourceLevel) {
      details.push({ ...base, resource: '*' });
      notes.push(`${action} does not support resource-level permissions, so it needs "Resource": "*".`);
      continue;
    }
    const formats = info.resourceTypes.filter((t) => t.arnFormat);
    if (!wanted || wanted === '*') {
      details.push({ ...base, resource: '*' });
      // One note per kind of resource, not one per action: ten ECR actions share one repository ARN format.
      const scope = formats.map((t) => `${t.name} (${t.arnFormat})`).join(' or ');
      unscoped.set(scope, [...(unscoped.get(scope) ?? []), action]);
      continue;
    }
    if (formats.some((t) => arnFormatMatcher(t.arnFormat).test(wanted))) {
      details.push({ ...base, resource: wanted });
      continue;
    }
    // The resource given is of another type (an object for s3:ListBucket): scope to the action's own type, cut from
    // the given ARN when it starts like one (the bucket of an object), else with * for the parts we do not know.
    const from = parseArn(wanted);
    const projected = formats.map((t) => ({ type: t, prefix: projectArn(t.arnFormat, wanted) }));
    const chosen = projected.find((p) => p.prefix) ?? projected.find((p) => p.type.required) ?? projected[0];
    const fallback = chosen?.prefix ?? (chosen && from ? fillArnFormat(chosen.type.arnFormat, from) : '*');
    details.push({ ...base, resource: fallback });
    notes.push(
      `${action} acts on ${chosen ? `${chosen.type.name} resources (${chosen.type.arnFormat})` : 'other resources'}, not on ${wanted}; scoped to ${fallback}.`,
    );
  }
  for (const [scope, list] of unscoped) {
    const names = list.length <= 3 ? list.join(', ') : `${list.slice(0, 2).join(', ')} and ${list.length - 2} more`;
    notes.push(`${names} can be limited to ${scope}; pass --resource to scope ${list.length === 1 ? 'it' : 'them'}.`);
  }

  // One statement per distinct resource, in first-seen order.
  const byResource = new Map<string, string[]>();
  for (const detail of details) {
    const list = byResource.get(detail.resource) ?? [];
    list.push(detail.action);
    byResource.set(detail.resource, list);
  }
  const statements: PolicyStatement[] = [];
  const used = new Set<string>();
  for (const [resource, list] of byResource) {
    const base = sidBase(resource);
    let sid = base;
    for (let n = 2; used.has(sid); n += 1) sid = `${base}${n}`;
    used.add(sid);
    statements.push({
      Sid: sid,
      Effect: 'Allow',
      Action: list.length === 1 ? (list[0] as string) : list,
      Resource: resource,
    });
  }
  const valid = details.map((d) => d.action);
  return {
    document: { Version: '2012-10-17', Statement: statements },
    actions: details,
    notes,
    unknown,
    managedPolicies: managedPoliciesGranting(valid, options.managedLimit ?? 5),
  };
}

/** The policy document as people paste it: two-space JSON. */
export function formatPolicyDocument(document: PolicyDocument): string {
  return JSON.stringify(document, null, 2);
}
