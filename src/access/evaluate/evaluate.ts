import { evaluateConditions } from './conditions.js';
import { normaliseContext, type NormalisedContext } from './context.js';
import { normalisePolicy } from './policy-document.js';
import type {
  EvaluationPolicies,
  EvaluationRequest,
  EvaluationResult,
  MatchedStatement,
  NamedPolicy,
  NormalisedPolicy,
  PolicyStatement,
} from './types.js';
import { substitute } from './variables.js';
import { actionMatches, compileParts } from './wildcard.js';

interface StatementHit {
  readonly statement: PolicyStatement;
  readonly policy: NamedPolicy;
}

interface PolicyScan {
  readonly allows: StatementHit[];
  readonly denies: StatementHit[];
  readonly missingKeys: string[];
  readonly unsupported: string[];
}

function resourceMatches(
  patterns: readonly string[],
  resource: string,
  context: NormalisedContext,
  version: string | undefined,
  missingKeys: string[],
): boolean {
  return patterns.some((pattern) => {
    if (pattern === '*') return true;
    const substituted = substitute(pattern, context, version);
    missingKeys.push(...substituted.missingKeys);
    return substituted.parts !== undefined && compileParts(substituted.parts, false).test(resource);
  });
}

/** Does this statement apply to the request (action, resource and conditions all match)? */
function statementApplies(
  statement: PolicyStatement,
  policy: NormalisedPolicy,
  request: EvaluationRequest,
  context: NormalisedContext,
  scan: PolicyScan,
): boolean {
  const actionHit = statement.action
    ? statement.action.some((p) => actionMatches(p, request.action))
    : !(statement.notAction ?? []).some((p) => actionMatches(p, request.action));
  if (!actionHit) return false;
  let resourceHit: boolean;
  if (statement.resource) {
    resourceHit = resourceMatches(statement.resource, request.resource, context, policy.version, scan.missingKeys);
  } else if (statement.notResource) {
    resourceHit = !resourceMatches(statement.notResource, request.resource, context, policy.version, scan.missingKeys);
  } else {
    // An identity policy statement without Resource/NotResource is rejected by IAM: it grants nothing.
    resourceHit = false;
  }
  if (!resourceHit) return false;
  const outcome = evaluateConditions(statement.condition, context, policy.version);
  scan.missingKeys.push(...outcome.missingKeys);
  scan.unsupported.push(...outcome.unsupported);
  return outcome.ok;
}

function scanPolicies(
  policies: readonly NamedPolicy[],
  request: EvaluationRequest,
  context: NormalisedContext,
): PolicyScan {
  const scan: PolicyScan = { allows: [], denies: [], missingKeys: [], unsupported: [] };
  for (const policy of policies) {
    const normalised = normalisePolicy(policy.document, policy.arn ?? policy.name);
    for (const statement of normalised.statements) {
      if (!statementApplies(statement, normalised, request, context, scan)) continue;
      (statement.effect === 'Deny' ? scan.denies : scan.allows).push({ statement, policy });
    }
  }
  return scan;
}

function describe(hit: StatementHit): MatchedStatement {
  return {
    policyName: hit.policy.name,
    ...(hit.policy.arn ? { policyArn: hit.policy.arn } : {}),
    policyKind: hit.policy.kind,
    ...(hit.policy.group ? { group: hit.policy.group } : {}),
    ...(hit.statement.sid ? { sid: hit.statement.sid } : {}),
    statementIndex: hit.statement.index,
    effect: hit.statement.effect,
  };
}

/** `policy name` statement `Sid` (or `#index`), for reasons. */
export function statementLabel(statement: MatchedStatement): string {
  const where = statement.group ? ` (group ${statement.group})` : '';
  const which = statement.sid ? `Sid "${statement.sid}"` : `statement #${statement.statementIndex}`;
  return `${statement.policyName}${where} ${which}`;
}

/**
 * AWS policy evaluation for one request within one account, over identity-based policies and a permissions boundary:
 * an explicit Deny in any of them wins; otherwise an identity policy must Allow, and, when the principal has a
 * permissions boundary, the boundary must Allow too; anything else is an implicit deny.
 * (SCPs, RCPs, resource-based and session policies are not inputs: callers state them as blind spots.)
 */
export function evaluatePolicies(policies: EvaluationPolicies, request: EvaluationRequest): EvaluationResult {
  const context = normaliseContext(request.context);
  const identity = scanPolicies(policies.identity, request, context);
  const boundary = policies.permissionsBoundary
    ? scanPolicies([policies.permissionsBoundary], request, context)
    : undefined;
  const missingContextKeys = [...new Set([...identity.missingKeys, ...(boundary?.missingKeys ?? [])])].sort();
  const unsupported = [...new Set([...identity.unsupported, ...(boundary?.unsupported ?? [])])];
  const note = unsupported.length
    ? ` (unsupported condition operators counted as not met: ${unsupported.join(', ')})`
    : '';
  const target = `${request.action} on ${request.resource}`;

  const denies = [...identity.denies, ...(boundary?.denies ?? [])].map(describe);
  if (denies.length) {
    return {
      decision: 'explicitly-denied',
      matchedStatements: denies,
      reason: `${target} is explicitly denied by ${denies.map(statementLabel).join(', ')}${note}.`,
      missingContextKeys,
    };
  }
  const allows = identity.allows.map(describe);
  if (!allows.length) {
    return {
      decision: 'implicitly-denied',
      matchedStatements: [],
      reason: `No identity-based policy allows ${target}${note}.`,
      missingContextKeys,
    };
  }
  if (boundary && !boundary.allows.length) {
    return {
      decision: 'implicitly-denied',
      matchedStatements: allows,
      reason: `${target} is allowed by ${allows.map(statementLabel).join(', ')} but not by the permissions boundary ${policies.permissionsBoundary?.arn ?? policies.permissionsBoundary?.name}${note}.`,
      missingContextKeys,
    };
  }
  const all = [...allows, ...(boundary?.allows ?? []).map(describe)];
  return {
    decision: 'allowed',
    matchedStatements: all,
    reason: `${target} is allowed by ${allows.map(statementLabel).join(', ')}${boundary ? ' and within the permissions boundary' : ''}.`,
    missingContextKeys,
  };
}
