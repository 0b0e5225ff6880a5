import { describeError, isAwsDoctorError } from '../errors.js';
import type { System } from '../system.js';
import { fromAssumeRole } from './assume-role.js';
import { fromContainerEndpoint } from './container.js';
import { fromCredentialProcess } from './custom-process.js';
import { fromEnvironment } from './env.js';
import { fromImds } from './instance-metadata.js';
import { fromLoginSession } from './login-source.js';
import type { FetchSpec, PlannedError, ResolutionPlan } from './plan.js';
import type { ProfileSet, SdkName } from './profiles.js';
import { fromSso } from './sso.js';
import { fromProfileKeys } from './static-keys.js';
import type { AwsCredentials, CredentialSourceName, SourceAttempt } from './types.js';
import { fromWebIdentity } from './web-identity.js';

/** One source's verdict in a chain walk, as recorded while executing a plan. */
export interface ChainAttempt extends SourceAttempt {
  /** For failures: the exception class (boto3) or error name (node) the user would see. */
  readonly errorCode?: string | undefined;
}

export interface ChainError {
  readonly code: string;
  readonly message: string;
  readonly hint?: string | undefined;
}

export interface ExecutionResult {
  readonly attempts: readonly ChainAttempt[];
  readonly source: CredentialSourceName | undefined;
  readonly credentials: AwsCredentials | undefined;
  readonly error: ChainError | undefined;
}

/** Fetches the credentials a plan step describes (recursively for role chains). */
export async function fetchFor(
  system: System,
  set: ProfileSet,
  spec: FetchSpec,
  sdk: SdkName,
): Promise<AwsCredentials> {
  switch (spec.kind) {
    case 'env':
      return fromEnvironment(system, { sdk });
    case 'profile-keys':
      return fromProfileKeys(set, spec.file, spec.profile);
    case 'assume-role':
      return fromAssumeRole(system, spec, await fetchFor(system, set, spec.source, sdk));
    case 'web-identity':
      return fromWebIdentity(system, spec);
    case 'sso':
      return fromSso(system, spec);
    case 'login':
      return fromLoginSession(system, { profile: spec.profile });
    case 'process':
      return fromCredentialProcess(system, spec.command, {
        profileAccountId: set.profiles[spec.profile]?.aws_account_id,
        shell: sdk === 'node',
      });
    case 'container':
      return fromContainerEndpoint(system);
    case 'imds':
      return fromImds();
  }
}

/** The exception class botocore raises for a fetch failure of ours (by stable reason), as seen in a traceback. */
const BOTOCORE_CODES: Record<string, string> = {
  network: 'EndpointConnectionError',
  'sso.token-missing': 'SSOTokenLoadError',
  'sso.token-invalid': 'SSOTokenLoadError',
  'sso.token-expired': 'UnauthorizedSSOTokenError',
  'web-identity.token-file': 'FileNotFoundError',
  'process.exit': 'CredentialRetrievalError',
  'process.version': 'CredentialRetrievalError',
  'process.missing-key': 'CredentialRetrievalError',
  'process.bad-json': 'JSONDecodeError',
  'process.not-found': 'FileNotFoundError',
  'process.bad-command': 'ValueError',
  'container.failed': 'CredentialRetrievalError',
  'assume-role.mfa': 'MfaPromptRequired',
  'login.cache-directory-missing': 'LoginTokenLoadError',
  'login.cache-file-missing': 'LoginTokenLoadError',
  'login.cache-file-empty': 'LoginTokenLoadError',
  'login.cache-file-truncated': 'LoginTokenLoadError',
  'login.cache-file-corrupt': 'LoginTokenLoadError',
  'login.cache-file-too-large': 'LoginTokenLoadError',
  'login.cache-file-invalid': 'LoginTokenLoadError',
  'login.cache-file-unreadable': 'LoginTokenLoadError',
  'login.dpop-key-invalid': 'LoginTokenLoadError',
  'login.region-missing': 'NoRegionError',
  'login.token-expired': 'LoginRefreshRequired',
  'login.user-credentials-changed': 'LoginRefreshRequired',
  'login.insufficient-permissions': 'LoginInsufficientPermissions',
};

function codeFor(error: unknown, sdk: SdkName): string {
  const reason = isAwsDoctorError(error) ? error.reason : undefined;
  if (sdk === 'boto3') {
    if (reason?.startsWith('service.')) return 'ClientError';
    if (reason && BOTOCORE_CODES[reason]) return BOTOCORE_CODES[reason]!;
    if (reason?.startsWith('login.')) return 'LoginError';
    return 'CredentialRetrievalError';
  }
  if (reason?.startsWith('service.')) return reason.slice('service.'.length);
  return 'CredentialsProviderError';
}

/** IMDS that does not answer is not an error in either SDK: the chain just ends without credentials. */
const quietFailure = (source: CredentialSourceName) => source === 'iam-role';

/**
 * Walks a plan: records every source as used, skipped (why) or failed (why, and the error the user would see),
 * fetching configured sources in order until one yields credentials or one raises. botocore stops at the first
 * error; the JS chain goes on after errors marked `continues`.
 */
export async function executePlan(system: System, set: ProfileSet, plan: ResolutionPlan): Promise<ExecutionResult> {
  const attempts: ChainAttempt[] = [];
  const noCreds: ChainError =
    plan.sdk === 'boto3'
      ? { code: 'NoCredentialsError', message: 'Unable to locate credentials', hint: 'awsdoctor doctor' }
      : {
          code: 'CredentialsProviderError',
          message: 'Could not load credentials from any providers',
          hint: 'awsdoctor doctor --sdk node',
        };
  if (plan.fatal) return { attempts, source: undefined, credentials: undefined, error: plan.fatal };
  const stop = (index: number, why: string) => {
    for (const step of plan.steps.slice(index + 1))
      attempts.push({ source: step.source, status: 'skipped', reason: `not reached: ${why}` });
  };
  for (const [index, step] of plan.steps.entries()) {
    if (step.status === 'skipped' || (!step.fetch && !step.error)) {
      attempts.push({ source: step.source, status: 'skipped', reason: step.reason });
      continue;
    }
    if (step.error) {
      attempts.push({
        source: step.source,
        status: 'failed',
        reason: `${step.reason}: ${step.error.message}`,
        errorReason: 'config',
        errorCode: step.error.code,
      });
      if (plan.sdk === 'node' && step.error.continues) continue;
      stop(index, `${step.source} failed`);
      return { attempts, source: step.source, credentials: undefined, error: step.error satisfies PlannedError };
    }
    try {
      const credentials = await fetchFor(system, set, step.fetch!, plan.sdk);
      attempts.push({ source: step.source, status: 'used', reason: step.reason });
      stop(index, `${step.source} provided credentials`);
      return { attempts, source: step.source, credentials, error: undefined };
    } catch (error) {
      const code = codeFor(error, plan.sdk);
      const reason = isAwsDoctorError(error) ? error.reason : 'unexpected';
      attempts.push({
        source: step.source,
        status: 'failed',
        reason: `${step.reason}: ${describeError(error)}`,
        errorReason: reason,
        errorCode: code,
      });
      if (quietFailure(step.source)) continue;
      stop(index, `${step.source} failed`);
      const hint = isAwsDoctorError(error) ? error.hint : undefined;
      return {
        attempts,
        source: step.source,
        credentials: undefined,
        error: { code, message: describeError(error), hint },
      };
    }
  }
  return { attempts, source: undefined, credentials: undefined, error: noCreds };
}
