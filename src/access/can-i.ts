import { GetRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { AwsDoctorError, UsageError } from '../errors.js';
import { clientSettings, createClient } from '../helpers/client.js';
import type { System } from '../system.js';
import { errorCode, errorSummary } from './can-i/aws-errors.js';
import { callerPrincipal, type CallerPrincipal } from './can-i/principal.js';
import { runProbe, suggestionFor } from './can-i/probe.js';
import { readRolePolicies, readUserPolicies, type PrincipalPolicies } from './can-i/read-policies.js';
import { simulatePrincipal } from './can-i/simulate.js';
import type { BlindSpot, CanIAnswer, CanIDecision, CanIMethod, CanIReport, CanIStatement } from './can-i/types.js';
import { evaluatePolicies } from './evaluate/evaluate.js';
import { normalisePolicy } from './evaluate/policy-document.js';
import { actionMatches } from './evaluate/wildcard.js';
import type { MatchedStatement, NamedPolicy, RequestContext } from './evaluate/types.js';

export interface CanIOptions {
  readonly system: System;
  /** `service:Action` names (wildcards allowed, as in policies). */
  readonly actions: readonly string[];
  /** Resource ARNs; default `*`. Every action is asked for every resource. */
  readonly resources?: readonly string[];
  /** Further (action, resource) pairs asked as they are, e.g. a task bundle's actions, each scoped its own way. */
  readonly pairs?: readonly CanIQuestion[];
  readonly profile?: string | undefined;
  readonly region?: string | undefined;
  /** When nothing can be read: make the allowlisted harmless probe calls. */
  readonly probe?: boolean;
  /** Progress for a person (the CLI prints it on stderr). */
  readonly progress?: (message: string) => void;
}

/** One question: may I do `action` on `resource`? */
export interface CanIQuestion {
  readonly action: string;
  readonly resource: string;
}

const ACTION = /^[A-Za-z0-9-]+:[A-Za-z0-9*?]+$/;
const MAX_QUESTIONS = 500;

/** Blind spots of every method: IAM policy types the caller's own credentials never reveal. */
const ALWAYS_BLIND: BlindSpot[] = ['scp', 'rcp', 'resource-policy', 'session-policy'];

/** Checks the questions; bad ones are usage errors (exit 2). */
export function checkQuestions(questions: readonly CanIQuestion[]): void {
  const actions = [...new Set(questions.map((q) => q.action))];
  const resources = [...new Set(questions.map((q) => q.resource))];
  if (!actions.length)
    throw new UsageError('Name at least one action, e.g. s3:GetObject.', 'awsdoctor can-i s3:ListAllMyBuckets');
  for (const action of actions) {
    if (!ACTION.test(action)) {
      throw new UsageError(
        `"${action.slice(0, 80)}" is not an IAM action (service:Action).`,
        'e.g. awsdoctor can-i ecr:GetAuthorizationToken',
      );
    }
  }
  for (const resource of resources) {
    if (resource !== '*' && !/^arn:[^:\s]+:[^:\s]*:[^:\s]*:[^:\s]*:\S+$/.test(resource)) {
      throw new UsageError(
        `"${resource.slice(0, 120)}" is not a resource ARN.`,
        'e.g. --resource arn:aws:s3:::my-bucket/*',
      );
    }
  }
  if (questions.length > MAX_QUESTIONS) {
    throw new UsageError(`Too many questions (${questions.length}; at most ${MAX_QUESTIONS}).`);
  }
}

/** Context keys can-i sets for local evaluation, or knows to be absent; anything else a condition asks for is a guess. */
function isKnownKey(key: string, context: RequestContext): boolean {
  return key in context || key.startsWith('aws:principaltag/') || key === 'aws:username';
}

function requestContext(
  principal: CallerPrincipal,
  policies: PrincipalPolicies,
  region: string,
  userId: string | undefined,
  now: number,
): RequestContext {
  const context: Record<string, string | boolean | number> = {
    'aws:requestedregion': region,
    'aws:principalarn': policies.arn ?? principal.principalArn,
    'aws:principalaccount': principal.account,
    'aws:principaltype': principal.kind === 'user' ? 'User' : 'AssumedRole',
    'aws:currenttime': new Date(now).toISOString(),
    'aws:epochtime': Math.floor(now / 1000),
    'aws:securetransport': true,
    'aws:viaawsservice': false,
    'aws:principalisawsservice': false,
  };
  if (userId) context['aws:userid'] = userId;
  if (principal.kind === 'user' && principal.name) context['aws:username'] = principal.name;
  for (const [key, value] of Object.entries(policies.tags)) context[`aws:principaltag/${key.toLowerCase()}`] = value;
  return context;
}

function toStatement(s: MatchedStatement): CanIStatement {
  return {
    policy: s.policyName,
    ...(s.policyArn ? { policyArn: s.policyArn } : {}),
    policyType: s.policyKind,
    ...(s.group ? { group: s.group } : {}),
    ...(s.sid ? { sid: s.sid } : {}),
    statementIndex: s.statementIndex,
    effect: s.effect,
  };
}

/** Evaluates every question against the policies read, and says where the answer is not certain. */
function localAnswers(
  questions: { action: string; resource: string }[],
  policies: PrincipalPolicies,
  context: RequestContext,
  region: string,
): CanIAnswer[] {
  const boundary = typeof policies.boundary === 'object' ? policies.boundary : undefined;
  const incomplete = policies.unreadable.length > 0;
  return questions.map(({ action, resource }) => {
    const result = evaluatePolicies(
      { identity: policies.identity, permissionsBoundary: boundary },
      { action, resource, context: { ...context, 'aws:requestedregion': requestedRegion(action, region) } },
    );
    let decision: CanIDecision = result.decision;
    let reason = result.reason;
    const guessed = result.missingContextKeys.filter((key) => !isKnownKey(key, context));
    if (guessed.length) {
      decision = 'unknown';
      reason = `By the policies it can read: ${reason.replace(/\.$/, '')}; but the answer depends on ${guessed.join(', ')}, which can-i cannot know before the real request.`;
    } else if (decision === 'implicitly-denied' && incomplete) {
      decision = 'unknown';
      reason = `${reason.replace(/\.$/, '')} among the policies it could read; some could not be read (see blindSpots), and one of them may allow it.`;
    }
    if (decision !== 'allowed' && resource === '*') {
      const scoped = scopedAllows(policies, action);
      if (scoped.length) {
        reason = `${reason} It is allowed on some resources only (${scoped.slice(0, 5).join(', ')}): ask with --resource ARN.`;
      }
    }
    return {
      action,
      resource,
      decision,
      matchedStatements: result.matchedStatements.map(toStatement),
      reason,
      method: 'local' as const,
    };
  });
}

/** Drops policies that do not parse (noting them as unreadable) so one odd document does not stop every answer. */
function usablePolicies(policies: PrincipalPolicies): PrincipalPolicies {
  const unreadable = [...policies.unreadable];
  const parses = (policy: NamedPolicy): boolean => {
    try {
      normalisePolicy(policy.document, policy.arn ?? policy.name);
      return true;
    } catch (error) {
      unreadable.push(`${policy.arn ?? policy.name}: ${error instanceof Error ? error.message : String(error)}`);
      return false;
    }
  };
  const identity = policies.identity.filter(parses);
  const boundary = typeof policies.boundary === 'object' && !parses(policies.boundary) ? 'unknown' : policies.boundary;
  return { ...policies, identity, boundary, unreadable };
}

/** Resource patterns of Allow statements for `action` that name specific resources (not `*`). */
function scopedAllows(policies: PrincipalPolicies, action: string): string[] {
  const out = new Set<string>();
  for (const policy of policies.identity) {
    for (const statement of normalisePolicy(policy.document, policy.name).statements) {
      if (statement.effect !== 'Allow' || !statement.resource || statement.resource.includes('*')) continue;
      const hit = statement.action
        ? statement.action.some((p) => actionMatches(p, action))
        : !(statement.notAction ?? []).some((p) => actionMatches(p, action));
      if (hit) for (const r of statement.resource) out.add(r);
    }
  }
  return [...out];
}

async function probeAnswers(
  options: CanIOptions,
  questions: { action: string; resource: string }[],
  region: string,
  run: boolean,
): Promise<CanIAnswer[]> {
  const answers: CanIAnswer[] = [];
  for (const { action, resource } of questions) {
    const probe = suggestionFor(action);
    if (!run || !probe) {
      answers.push({
        action,
        resource,
        decision: 'unknown',
        matchedStatements: [],
        reason: probe
          ? `Cannot read the policies; the harmless call "${probe.command}" would tell (run can-i with --probe).`
          : 'Cannot read the policies, and there is no harmless call that would tell (never a mutating one).',
        method: 'none',
        ...(probe ? { probe } : {}),
      });
      continue;
    }
    options.progress?.(`probing ${probe.operation}`);
    const outcome = await runProbe(options.system, { action, profile: options.profile, region });
    const scope = resource === '*' ? '' : ` (the probe checks the action, not ${resource} itself)`;
    answers.push({
      action,
      resource,
      decision: resource === '*' || outcome.decision !== 'allowed' ? outcome.decision : 'unknown',
      matchedStatements: [],
      reason: `${outcome.reason.replace(/\.$/, '')}${scope}.`,
      method: 'probe',
      probe,
    });
  }
  return answers;
}

function everyAllowed(questions: { action: string; resource: string }[]): CanIAnswer[] {
  return questions.map(({ action, resource }) => ({
    action,
    resource,
    decision: 'allowed' as const,
    matchedStatements: [],
    reason: 'The account root user may do everything in its own account; only an SCP or a resource policy can stop it.',
    method: 'local' as const,
  }));
}

/**
 * What may the current identity do? For each action (× resource): allowed, implicitly/explicitly denied, or unknown,
 * found by the best method available: IAM's policy simulator for the caller's principal; else its readable policies
 * evaluated locally; else (with `probe`) harmless allowlisted calls. Never changes anything in the account.
 */
export async function canI(options: CanIOptions): Promise<CanIReport> {
  const resources = options.resources?.length ? [...options.resources] : ['*'];
  const questions = [
    ...options.actions.flatMap((action) => resources.map((resource) => ({ action, resource }))),
    ...(options.pairs ?? []),
  ].filter((q, i, all) => all.findIndex((o) => o.action === q.action && o.resource === q.resource) === i);
  checkQuestions(questions);
  const { system, profile } = options;
  const settings = await clientSettings({
    system,
    profile,
    region: options.region,
    serviceId: 'STS',
    fallbackRegion: 'us-east-1',
  });
  const region = settings.region;
  const notes: string[] = [];
  if (settings.regionSource === 'default')
    notes.push('No region configured: assuming us-east-1 for aws:RequestedRegion.');

  options.progress?.('asking STS who the credentials belong to');
  const sts = await createClient(STSClient, { system, profile, region, serviceId: 'STS' });
  let identity;
  try {
    identity = await sts.send(new GetCallerIdentityCommand({}));
  } catch (error) {
    // No credentials at all is already a clear awsdoctor error with its own next step: do not wrap it twice.
    if (error instanceof AwsDoctorError) throw error;
    throw new AwsDoctorError(
      'can-i.no-identity',
      `Cannot tell who these credentials belong to (${errorSummary(error)}).`,
      {
        cause: error,
        hint: 'Run `awsdoctor doctor` to see which credentials this process finds and why they fail.',
      },
    );
  }
  const callerArn = identity.Arn ?? '';
  let principal = callerPrincipal(callerArn);
  const base = { caller: callerArn, account: identity.Account ?? principal.account, region, notes };

  if (principal.kind === 'root') {
    return {
      ...base,
      principal: callerArn,
      method: 'local',
      blindSpots: ['scp', 'resource-policy'],
      results: everyAllowed(questions),
    };
  }
  const iam = await createClient(IAMClient, { system, profile, region, serviceId: 'IAM' });

  if (principal.kind === 'role' && principal.name) {
    try {
      const role = await iam.send(new GetRoleCommand({ RoleName: principal.name }));
      if (role.Role?.Arn) principal = { ...principal, principalArn: role.Role.Arn };
    } catch (error) {
      notes.push(`iam:GetRole failed (${errorCode(error)}): using ${principal.principalArn}, without the role's path.`);
    }
  }

  if (principal.kind === 'user' || principal.kind === 'role') {
    options.progress?.(`asking IAM's policy simulator about ${principal.principalArn}`);
    try {
      const results: CanIAnswer[] = [];
      // One simulation per resource: IAM simulates every action against every resource ARN it is given.
      for (const group of groupForSimulation(questions, region)) {
        results.push(...(await simulatePrincipal(iam, { principalArn: principal.principalArn, ...group })));
      }
      const blindSpots: BlindSpot[] = ['rcp', 'resource-policy'];
      if (principal.session) blindSpots.push('session-policy');
      return {
        ...base,
        principal: principal.principalArn,
        method: 'simulate',
        blindSpots,
        results: orderLike(questions, results).map(callerIdentityAlwaysAllowed),
      };
    } catch (error) {
      notes.push(`iam:SimulatePrincipalPolicy is not available (${errorSummary(error)}).`);
    }

    options.progress?.(`reading the policies of ${principal.principalArn}`);
    const policies = usablePolicies(
      principal.kind === 'user'
        ? await readUserPolicies(iam, principal.name ?? '')
        : await readRolePolicies(iam, principal.name ?? ''),
    );
    if (policies.reads > 0) {
      const context = requestContext(principal, policies, region, identity.UserId, system.now());
      const blindSpots: BlindSpot[] = [...ALWAYS_BLIND, ...policies.unreadable];
      if (policies.boundary === 'unknown') blindSpots.push('permissions-boundary');
      return {
        ...base,
        principal: policies.arn ?? principal.principalArn,
        method: 'local',
        blindSpots,
        results: localAnswers(questions, policies, context, region).map(callerIdentityAlwaysAllowed),
      };
    }
    notes.push(`None of the principal's policies can be read (${policies.unreadable.slice(0, 3).join('; ')}).`);
  } else {
    notes.push(`${callerArn} is not an IAM user or role: its policies cannot be simulated or read.`);
  }

  const results = await probeAnswers(options, questions, region, Boolean(options.probe));
  const method: CanIMethod = options.probe && results.some((r) => r.method === 'probe') ? 'probe' : 'none';
  return {
    ...base,
    principal: principal.principalArn,
    method,
    blindSpots: [...ALWAYS_BLIND, 'identity-policies', 'permissions-boundary'],
    results,
  };
}

/** One simulation per (resource, requested region): IAM simulates every action against every resource it is given. */
function groupForSimulation(
  questions: readonly CanIQuestion[],
  region: string,
): { actions: string[]; resources: string[]; region: string }[] {
  const groups = new Map<string, { actions: string[]; resources: string[]; region: string }>();
  for (const q of questions) {
    const requested = requestedRegion(q.action, region);
    const key = `${q.resource}\n${requested}`;
    const group = groups.get(key) ?? { actions: [], resources: [q.resource], region: requested };
    group.actions.push(q.action);
    groups.set(key, group);
  }
  return [...groups.values()];
}

/** Global services with one endpoint in us-east-1: their requests carry aws:RequestedRegion us-east-1 (IAM User Guide). */
const US_EAST_1_SERVICES = new Set([
  'iam',
  'cloudfront',
  'route53',
  'organizations',
  'support',
  'budgets',
  'waf',
  'shield',
]);

/** The region a call for `action` is made to, as aws:RequestedRegion sees it. */
export function requestedRegion(action: string, region: string): string {
  const service = action.split(':')[0]?.toLowerCase() ?? '';
  return US_EAST_1_SERVICES.has(service) ? 'us-east-1' : region;
}

/** sts:GetCallerIdentity needs no permission and cannot be denied (IAM User Guide, STS API reference). */
function callerIdentityAlwaysAllowed(answer: CanIAnswer): CanIAnswer {
  if (answer.action.toLowerCase() !== 'sts:getcalleridentity') return answer;
  return {
    ...answer,
    decision: 'allowed',
    matchedStatements: [],
    reason: 'sts:GetCallerIdentity needs no permission: it works even when a policy denies it.',
  };
}

/** Simulation answers in the order the questions were asked (IAM may reorder them). */
function orderLike(questions: { action: string; resource: string }[], answers: CanIAnswer[]): CanIAnswer[] {
  const rest = [...answers];
  const ordered: CanIAnswer[] = [];
  for (const q of questions) {
    const i = rest.findIndex(
      (a) => a.action.toLowerCase() === q.action.toLowerCase() && (a.resource === q.resource || q.resource === '*'),
    );
    if (i >= 0) ordered.push({ ...(rest.splice(i, 1)[0] as CanIAnswer), action: q.action, resource: q.resource });
  }
  return [...ordered, ...rest];
}
