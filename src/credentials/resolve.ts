import { UsageError, AwsDoctorError } from '../errors.js';
import type { System } from '../system.js';
import { executePlan, type ChainAttempt, type ChainError, type ExecutionResult } from './execute.js';
import { planResolution, ASSUMED_CAPABILITIES, type BotocoreCapabilities, type ResolutionPlan } from './plan.js';
import { loadProfileSet, type ProfileSet, type SdkName } from './profiles.js';
import { capabilitiesOf, probePython, type PythonEnvironment } from './python-probe.js';
import type { AwsCredentials, CredentialProvider, CredentialSourceName } from './types.js';

export interface ResolveOptions {
  readonly profile?: string | undefined;
  readonly sdk?: SdkName | undefined;
  /** A Python interpreter to probe for botocore/awscrt (boto3 mode). */
  readonly python?: string | undefined;
  /** Capabilities to assume instead of probing (tests, callers that probed already). */
  readonly capabilities?: BotocoreCapabilities | undefined;
}

export interface TraceEntry {
  readonly source: CredentialSourceName;
  readonly status: 'used' | 'skipped' | 'failed';
  readonly reason: string;
  readonly errorCode?: string;
}

/** The `creds resolve --json` document. `credentials` is attached non-enumerable: never serialized. */
export interface ResolutionResult {
  readonly ok: boolean;
  readonly sdk: SdkName;
  readonly profile: string;
  readonly source: CredentialSourceName | null;
  readonly accessKeyId?: string;
  readonly expiresAt?: string | null;
  readonly error?: { readonly code: string; readonly message: string };
  readonly trace: readonly TraceEntry[];
  /** Non-enumerable: the credentials themselves, for library callers. */
  readonly credentials?: AwsCredentials | undefined;
}

/** Everything the doctor renders: the files as read, the plan, the walk, the interpreter. */
export interface ResolutionDetails {
  readonly result: ResolutionResult;
  readonly set: ProfileSet;
  readonly plan: ResolutionPlan;
  readonly execution: ExecutionResult;
  readonly python: PythonEnvironment | undefined;
  readonly hint: string | undefined;
}

export function parseSdk(value: string | undefined): SdkName {
  if (value === undefined || value === 'boto3') return 'boto3';
  if (value === 'node') return 'node';
  throw new UsageError(
    `Unknown --sdk ${value}.`,
    'Use --sdk boto3 (Python, the default) or --sdk node (AWS SDK for JavaScript v3).',
  );
}

function traceOf(attempts: readonly ChainAttempt[]): TraceEntry[] {
  return attempts.map((a) => ({
    source: a.source,
    status: a.status,
    reason: a.reason,
    ...(a.errorCode ? { errorCode: a.errorCode } : {}),
  }));
}

/** Pure: the JSON document for an executed plan. */
export function resolutionResult(plan: ResolutionPlan, execution: ExecutionResult): ResolutionResult {
  const trace = traceOf(execution.attempts);
  const creds = execution.credentials;
  const result: ResolutionResult = creds
    ? {
        ok: true,
        sdk: plan.sdk,
        profile: plan.profile,
        source: execution.source ?? null,
        accessKeyId: creds.accessKeyId,
        expiresAt: creds.expiration ? creds.expiration.toISOString() : null,
        trace,
      }
    : {
        ok: false,
        sdk: plan.sdk,
        profile: plan.profile,
        source: null,
        error: { code: (execution.error as ChainError).code, message: (execution.error as ChainError).message },
        trace,
      };
  Object.defineProperty(result, 'credentials', { value: creds, enumerable: false });
  return result;
}

/** Plans and executes, keeping every intermediate record (the doctor's input). */
export async function resolveDetailed(system: System, options: ResolveOptions = {}): Promise<ResolutionDetails> {
  const sdk = options.sdk ?? 'boto3';
  const python = sdk === 'boto3' && options.python ? await probePython(options.python, { env: system.env }) : undefined;
  const capabilities =
    sdk === 'boto3' ? (options.capabilities ?? (python ? capabilitiesOf(python) : ASSUMED_CAPABILITIES)) : undefined;
  const set = await loadProfileSet(system, sdk);
  const plan = planResolution(system, set, { profile: options.profile, sdk, capabilities });
  const execution = await executePlan(system, set, plan);
  return { result: resolutionResult(plan, execution), set, plan, execution, python, hint: execution.error?.hint };
}

/**
 * Which credentials the chosen SDK would use for this System and profile, or the exact error it would raise, with a
 * record of every source. `result.credentials` (non-enumerable) holds the credentials for library callers.
 */
export async function resolveCredentials(system: System, options: ResolveOptions = {}): Promise<ResolutionResult> {
  return (await resolveDetailed(system, options)).result;
}

/** A refresh margin: credentials closer than this to expiry are fetched again. */
const REFRESH_MARGIN_MS = 5 * 60 * 1000;

/**
 * A `CredentialProvider` for awsdoctor's own SDK clients: the boto3 chain for `profile`, cached until five minutes
 * before expiry. Throws `AwsDoctorError('credentials.none')` with the SDK's error and a next step.
 */
export function credentialProviderFor(
  system: System,
  options: { profile?: string | undefined; sdk?: SdkName | undefined } = {},
): CredentialProvider {
  let cached: AwsCredentials | undefined;
  return async () => {
    if (cached && (!cached.expiration || cached.expiration.getTime() - system.now() > REFRESH_MARGIN_MS)) return cached;
    const result = await resolveCredentials(system, { profile: options.profile, sdk: options.sdk ?? 'boto3' });
    if (!result.credentials) {
      throw new AwsDoctorError(
        'credentials.none',
        `No usable credentials (${result.error?.code}: ${result.error?.message}).`,
        {
          hint: `awsdoctor doctor${options.profile ? ` --profile ${options.profile}` : ''}`,
        },
      );
    }
    cached = result.credentials;
    return cached;
  };
}
