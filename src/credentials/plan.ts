import type { System } from '../system.js';
import type { CredentialSourceName } from './types.js';
import type { ProfileSet, SdkName, Settings } from './profiles.js';

/** What the target Python can do (from `probePython`, or assumed: the newest botocore with awscrt). */
export interface BotocoreCapabilities {
  readonly botocoreVersion: string | undefined;
  /** botocore has `LoginProvider` (reads `login_session`). */
  readonly hasLoginProvider: boolean;
  /** `awscrt` imports (the login provider needs it for its DPoP proofs). */
  readonly hasAwscrt: boolean;
  readonly origin: 'probe' | 'assumed';
}

export const ASSUMED_CAPABILITIES: BotocoreCapabilities = {
  botocoreVersion: undefined,
  hasLoginProvider: true,
  hasAwscrt: true,
  origin: 'assumed',
};

/** The error a step will raise, named as the user sees it (boto3: the exception class; node: the error name). */
export interface PlannedError {
  readonly code: string;
  readonly message: string;
  /** node only: the JS chain moves on to the next provider after this error (`tryNextLink`). */
  readonly continues?: boolean;
}

/** How to get the credentials of a configured source; no secret values, only where to read them. */
export type FetchSpec =
  | { readonly kind: 'env' }
  | { readonly kind: 'profile-keys'; readonly file: 'credentials' | 'config' | 'merged'; readonly profile: string }
  | {
      readonly kind: 'assume-role';
      readonly profile: string;
      readonly roleArn: string;
      readonly roleSessionName: string | undefined;
      readonly externalId: string | undefined;
      readonly mfaSerial: string | undefined;
      readonly durationSeconds: number | undefined;
      readonly region: string | undefined;
      readonly source: FetchSpec;
    }
  | {
      readonly kind: 'web-identity';
      readonly roleArn: string;
      readonly tokenFile: string;
      readonly roleSessionName: string | undefined;
      readonly region: string | undefined;
    }
  | {
      readonly kind: 'sso';
      readonly profile: string;
      readonly startUrl: string;
      readonly ssoRegion: string;
      readonly accountId: string;
      readonly roleName: string;
      readonly session: string | undefined;
    }
  | { readonly kind: 'login'; readonly profile: string; readonly loginSession: string }
  | { readonly kind: 'process'; readonly profile: string; readonly command: string }
  | { readonly kind: 'container' }
  | { readonly kind: 'imds' };

export interface PlannedSource {
  readonly source: CredentialSourceName;
  readonly status: 'configured' | 'skipped';
  /** Why it is configured (what was found where) or skipped (what is missing). */
  readonly reason: string;
  readonly fetch?: FetchSpec | undefined;
  /** Set when the configuration alone already decides the failure (botocore raises it when it reaches the step). */
  readonly error?: PlannedError | undefined;
}

export type ProfileOriginName = 'flag' | 'AWS_DEFAULT_PROFILE' | 'AWS_PROFILE' | 'default';

export interface ResolutionPlan {
  readonly sdk: SdkName;
  readonly profile: string;
  readonly profileFrom: ProfileOriginName;
  /** A failure before any source is tried (unparsable file, unknown profile). */
  readonly fatal?: PlannedError | undefined;
  readonly steps: readonly PlannedSource[];
  readonly capabilities: BotocoreCapabilities | undefined;
  /** Notes for the person (e.g. AWS_PROFILE ignored because AWS_DEFAULT_PROFILE wins in botocore). */
  readonly notes: readonly string[];
}

export interface PlanOptions {
  readonly profile?: string | undefined;
  readonly sdk?: SdkName | undefined;
  readonly capabilities?: BotocoreCapabilities | undefined;
}

const has = (settings: Settings | undefined, key: string): boolean => settings !== undefined && key in settings;
const CANONICAL_SOURCES = ['Environment', 'EcsContainer', 'Ec2InstanceMetadata'];

class PlanError extends Error {
  constructor(readonly planned: PlannedError) {
    super(planned.message);
  }
}

function regionFor(system: System, settings: Settings | undefined): string | undefined {
  return system.env.AWS_DEFAULT_REGION || settings?.region || undefined;
}

/** botocore's `ProfileProviderBuilder.providers(profile)`: the six profile-based sources, in order. */
function botocoreProfileSources(
  system: System,
  set: ProfileSet,
  name: string,
  disableEnv: boolean,
  caps: BotocoreCapabilities,
): PlannedSource[] {
  const profile = set.profiles[name];
  const env = disableEnv ? {} : system.env;
  const steps: PlannedSource[] = [];
  const envOr = (envName: string, key: string) => (env[envName] !== undefined ? env[envName] : profile?.[key]);

  // Web identity: AWS_WEB_IDENTITY_TOKEN_FILE / AWS_ROLE_ARN (unless a profile was named) over the profile's keys.
  const tokenFile = envOr('AWS_WEB_IDENTITY_TOKEN_FILE', 'web_identity_token_file');
  if (!tokenFile) {
    steps.push({
      source: 'assume-role-with-web-identity',
      status: 'skipped',
      reason: disableEnv
        ? `profile ${name} has no web_identity_token_file (AWS_WEB_IDENTITY_TOKEN_FILE is ignored with an explicit profile)`
        : `neither AWS_WEB_IDENTITY_TOKEN_FILE nor web_identity_token_file in profile ${name}`,
    });
  } else {
    const roleArn = envOr('AWS_ROLE_ARN', 'role_arn');
    const where = env.AWS_WEB_IDENTITY_TOKEN_FILE !== undefined ? 'AWS_WEB_IDENTITY_TOKEN_FILE' : `profile ${name}`;
    steps.push(
      roleArn
        ? {
            source: 'assume-role-with-web-identity',
            status: 'configured',
            reason: `web identity token file ${tokenFile} (from ${where}), role ${roleArn}`,
            fetch: {
              kind: 'web-identity',
              roleArn,
              tokenFile,
              roleSessionName: envOr('AWS_ROLE_SESSION_NAME', 'role_session_name'),
              region: regionFor(system, profile),
            },
          }
        : {
            source: 'assume-role-with-web-identity',
            status: 'configured',
            reason: `web identity token file from ${where} but no role ARN`,
            error: {
              code: 'InvalidConfigError',
              message:
                'The provided profile or the current environment is configured to assume role with web identity but has no role ARN configured. Ensure that the profile has the role_arnconfiguration set or the AWS_ROLE_ARN env var is set.',
            },
          },
    );
  }

  // SSO: sso_role_name or sso_account_id switch it on; the rest must then be complete.
  if (!has(profile, 'sso_role_name') && !has(profile, 'sso_account_id')) {
    steps.push({ source: 'sso', status: 'skipped', reason: `profile ${name} has no sso_account_id / sso_role_name` });
  } else {
    steps.push(planBotocoreSso(set, name, profile!));
  }

  const credentialsKeys = set.credentialsFileProfiles[name];
  steps.push(staticKeysStep('shared-credentials-file', credentialsKeys, name, set.credentials.path, 'credentials'));

  if (!has(profile, 'login_session')) {
    steps.push({ source: 'login', status: 'skipped', reason: `profile ${name} has no login_session` });
  } else if (!caps.hasLoginProvider) {
    steps.push({
      source: 'login',
      status: 'skipped',
      reason: `botocore ${caps.botocoreVersion ?? '(this version)'} has no login provider: login_session is ignored`,
    });
  } else if (!caps.hasAwscrt) {
    steps.push({
      source: 'login',
      status: 'configured',
      reason: `login_session ${profile!.login_session} in profile ${name}, but awscrt is not installed`,
      error: {
        code: 'MissingDependencyException',
        message:
          'Missing Dependency: Using the login credential provider requires an additional dependency. You will need to pip install "botocore[crt]" before proceeding.',
      },
    });
  } else {
    steps.push({
      source: 'login',
      status: 'configured',
      reason: `login_session ${profile!.login_session} in profile ${name}`,
      fetch: { kind: 'login', profile: name, loginSession: profile!.login_session! },
    });
  }

  steps.push(
    has(profile, 'credential_process')
      ? {
          source: 'custom-process',
          status: 'configured',
          reason: `credential_process in profile ${name}`,
          fetch: { kind: 'process', profile: name, command: profile!.credential_process! },
        }
      : { source: 'custom-process', status: 'skipped', reason: `profile ${name} has no credential_process` },
  );

  steps.push(staticKeysStep('config-file', set.configFileProfiles[name], name, set.config.path, 'config'));
  return steps;
}

function staticKeysStep(
  source: 'shared-credentials-file' | 'config-file',
  settings: Settings | undefined,
  name: string,
  path: string,
  file: 'credentials' | 'config',
): PlannedSource {
  if (!settings) return { source, status: 'skipped', reason: `no profile ${name} in ${path}` };
  if (!has(settings, 'aws_access_key_id')) {
    return { source, status: 'skipped', reason: `profile ${name} in ${path} has no aws_access_key_id` };
  }
  if (!has(settings, 'aws_secret_access_key')) {
    return {
      source,
      status: 'configured',
      reason: `aws_access_key_id without aws_secret_access_key in profile ${name} of ${path}`,
      error: {
        code: 'PartialCredentialsError',
        message: `Partial credentials found in ${source}, missing: aws_secret_access_key`,
      },
    };
  }
  return {
    source,
    status: 'configured',
    reason: `static keys in profile ${name} of ${path}`,
    fetch: { kind: 'profile-keys', file, profile: name },
  };
}

function planBotocoreSso(set: ProfileSet, name: string, profile: Settings): PlannedSource {
  let config: Record<string, string> = { ...profile };
  const extra: string[] = [];
  const sessionName = profile.sso_session;
  const fail = (message: string): PlannedSource => ({
    source: 'sso',
    status: 'configured',
    reason: `SSO settings in profile ${name}`,
    error: { code: 'InvalidConfigError', message },
  });
  if (sessionName !== undefined) {
    const session = set.ssoSessions[sessionName];
    if (!session) return fail(`The specified sso-session does not exist: "${sessionName}"`);
    for (const [key, value] of Object.entries(session)) {
      if (key in config && config[key] !== value) {
        return fail(
          `The value for ${key} is inconsistent between profile (${config[key]}) and sso-session (${value}).`,
        );
      }
      config = { ...config, [key]: value };
    }
    extra.push('sso_session');
  }
  const required = ['sso_role_name', 'sso_account_id', 'sso_start_url', 'sso_region', ...extra];
  const missing = required.filter((key) => !(key in config));
  if (missing.length > 0) {
    return fail(
      `The profile "${name}" is configured to use SSO but is missing required configuration: ${missing.join(', ')}`,
    );
  }
  return {
    source: 'sso',
    status: 'configured',
    reason: sessionName
      ? `SSO role ${config.sso_role_name} in account ${config.sso_account_id} via sso-session ${sessionName}`
      : `SSO role ${config.sso_role_name} in account ${config.sso_account_id} (legacy sso_start_url)`,
    fetch: {
      kind: 'sso',
      profile: name,
      startUrl: config.sso_start_url!,
      ssoRegion: config.sso_region!,
      accountId: config.sso_account_id!,
      roleName: config.sso_role_name!,
      session: sessionName,
    },
  };
}

/** botocore's AssumeRoleProvider: validates the whole chain up front, as `load()` does. */
function botocoreAssumeRole(
  system: System,
  set: ProfileSet,
  name: string,
  visited: string[],
  caps: BotocoreCapabilities,
): FetchSpec {
  const profile = set.profiles[name]!;
  const sourceProfile = profile.source_profile;
  const credentialSource = profile.credential_source;
  if (credentialSource !== undefined && sourceProfile !== undefined) {
    throw new PlanError({
      code: 'InvalidConfigError',
      message: `The profile "${name}" contains both source_profile and credential_source.`,
    });
  }
  if (credentialSource === undefined && sourceProfile === undefined) {
    throw new PlanError({
      code: 'PartialCredentialsError',
      message: 'Partial credentials found in assume-role, missing: source_profile or credential_source',
    });
  }
  const duration = profile.duration_seconds !== undefined ? Number.parseInt(profile.duration_seconds, 10) : NaN;
  const role = {
    kind: 'assume-role' as const,
    profile: name,
    roleArn: profile.role_arn!,
    roleSessionName: profile.role_session_name,
    externalId: profile.external_id,
    mfaSerial: profile.mfa_serial,
    durationSeconds: Number.isNaN(duration) ? undefined : duration,
    region: regionFor(system, set.profiles[visited[0]!]),
  };
  if (credentialSource !== undefined) {
    if (!CANONICAL_SOURCES.includes(credentialSource)) {
      throw new PlanError({
        code: 'InvalidConfigError',
        message: `The credential source "${credentialSource}" referenced in profile "${name}" is not valid.`,
      });
    }
    return { ...role, source: namedSource(system, credentialSource, name) };
  }
  const source = sourceProfile!;
  if (!(source in set.profiles)) {
    throw new PlanError({
      code: 'InvalidConfigError',
      message: `The source_profile "${source}" referenced in the profile "${name}" does not exist.`,
    });
  }
  const target = set.profiles[source]!;
  const hasStatic = has(target, 'aws_access_key_id') || has(target, 'aws_secret_access_key');
  if (visited.includes(source) && (source !== name || !hasStatic)) {
    throw new PlanError({
      code: 'InfiniteLoopConfigError',
      message: `Infinite loop in credential configuration detected. Attempting to load from profile ${source} which has already been visited. Visited profiles: ${visited.join(', ')}`,
    });
  }
  visited.push(source);
  const isRole = has(target, 'role_arn') && !has(target, 'web_identity_token_file');
  if (hasStatic || !isRole) {
    const steps = botocoreProfileSources(system, set, source, true, caps);
    const first = steps.find((s) => s.status === 'configured');
    if (first?.error) throw new PlanError(first.error);
    if (!first?.fetch) {
      throw new PlanError({
        code: 'InvalidConfigError',
        message: `The source profile "${source}" must have credentials.`,
      });
    }
    return { ...role, source: first.fetch };
  }
  return { ...role, source: botocoreAssumeRole(system, set, source, visited, caps) };
}

function namedSource(system: System, name: string, profile: string): FetchSpec {
  if (name === 'EcsContainer') return { kind: 'container' };
  if (name === 'Ec2InstanceMetadata') return { kind: 'imds' };
  if (!system.env.AWS_ACCESS_KEY_ID) {
    throw new PlanError({
      code: 'CredentialRetrievalError',
      message: `Error when retrieving credentials from Environment: No credentials found in credential_source referenced in profile ${profile}`,
    });
  }
  if (!system.env.AWS_SECRET_ACCESS_KEY) {
    throw new PlanError({
      code: 'PartialCredentialsError',
      message: 'Partial credentials found in env, missing: AWS_SECRET_ACCESS_KEY',
    });
  }
  return { kind: 'env' };
}

function describeChain(fetch: FetchSpec): string {
  if (fetch.kind === 'assume-role') return `${fetch.roleArn} ← ${describeChain(fetch.source)}`;
  if (fetch.kind === 'profile-keys') return `static keys of profile ${fetch.profile}`;
  if (fetch.kind === 'env') return 'environment keys';
  if (fetch.kind === 'container') return 'container endpoint';
  if (fetch.kind === 'imds') return 'instance metadata';
  if (fetch.kind === 'sso') return `SSO of profile ${fetch.profile}`;
  if (fetch.kind === 'login') return `login session of profile ${fetch.profile}`;
  if (fetch.kind === 'process') return `credential_process of profile ${fetch.profile}`;
  return `web identity ${fetch.roleArn}`;
}

function planBotocore(system: System, set: ProfileSet, options: PlanOptions): ResolutionPlan {
  const caps = options.capabilities ?? ASSUMED_CAPABILITIES;
  const env = system.env;
  const notes: string[] = [];
  let profile = 'default';
  let profileFrom: ProfileOriginName = 'default';
  if (options.profile !== undefined) {
    profile = options.profile;
    profileFrom = 'flag';
  } else if (env.AWS_DEFAULT_PROFILE) {
    profile = env.AWS_DEFAULT_PROFILE;
    profileFrom = 'AWS_DEFAULT_PROFILE';
    if (env.AWS_PROFILE && env.AWS_PROFILE !== profile) {
      notes.push(`AWS_PROFILE=${env.AWS_PROFILE} is ignored: botocore reads AWS_DEFAULT_PROFILE first`);
    }
  } else if (env.AWS_PROFILE) {
    profile = env.AWS_PROFILE;
    profileFrom = 'AWS_PROFILE';
  }
  const base = { sdk: 'boto3' as const, profile, profileFrom, capabilities: caps, notes };
  const parseError = set.config.parseError ?? set.credentials.parseError;
  if (parseError) {
    const where = parseError.line !== undefined ? ` (line ${parseError.line})` : '';
    return {
      ...base,
      steps: [],
      fatal: {
        code: 'ConfigParseError',
        message: `Unable to parse config file: ${parseError.path}${where}: ${parseError.message}`,
      },
    };
  }
  if (profileFrom !== 'default' && !(profile in set.profiles)) {
    return {
      ...base,
      steps: [],
      fatal: { code: 'ProfileNotFound', message: `The config profile (${profile}) could not be found` },
    };
  }
  const explicit = options.profile !== undefined;
  const steps: PlannedSource[] = [];
  if (explicit) {
    steps.push({
      source: 'env',
      status: 'skipped',
      reason: 'an explicit profile turns off environment keys in botocore',
    });
  } else if (env.AWS_ACCESS_KEY_ID) {
    steps.push(
      env.AWS_SECRET_ACCESS_KEY
        ? {
            source: 'env',
            status: 'configured',
            reason: 'AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are set',
            fetch: { kind: 'env' },
          }
        : {
            source: 'env',
            status: 'configured',
            reason: 'AWS_ACCESS_KEY_ID is set without AWS_SECRET_ACCESS_KEY',
            error: {
              code: 'PartialCredentialsError',
              message: 'Partial credentials found in env, missing: AWS_SECRET_ACCESS_KEY',
            },
          },
    );
  } else {
    steps.push({
      source: 'env',
      status: 'skipped',
      reason: env.AWS_SECRET_ACCESS_KEY
        ? 'AWS_SECRET_ACCESS_KEY is set but AWS_ACCESS_KEY_ID is not'
        : 'AWS_ACCESS_KEY_ID is not set',
    });
  }
  const settings = set.profiles[profile];
  if (has(settings, 'role_arn') && !has(settings, 'web_identity_token_file')) {
    try {
      const fetch = botocoreAssumeRole(system, set, profile, [profile], caps);
      steps.push({ source: 'assume-role', status: 'configured', reason: `role chain: ${describeChain(fetch)}`, fetch });
    } catch (error) {
      if (!(error instanceof PlanError)) throw error;
      steps.push({
        source: 'assume-role',
        status: 'configured',
        reason: `role_arn in profile ${profile}`,
        error: error.planned,
      });
    }
  } else {
    steps.push({
      source: 'assume-role',
      status: 'skipped',
      reason: has(settings, 'role_arn') ? `profile ${profile} uses web identity` : `profile ${profile} has no role_arn`,
    });
  }
  steps.push(...botocoreProfileSources(system, set, profile, explicit, caps));
  steps.push(...remoteSources(env, 'boto3'));
  return { ...base, steps };
}

function remoteSources(env: System['env'], sdk: SdkName): PlannedSource[] {
  const steps: PlannedSource[] = [];
  const container = env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI ?? env.AWS_CONTAINER_CREDENTIALS_FULL_URI;
  if (container !== undefined) {
    const name =
      env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI !== undefined
        ? 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI'
        : 'AWS_CONTAINER_CREDENTIALS_FULL_URI';
    steps.push({
      source: 'container-role',
      status: 'configured',
      reason: `${name} is set`,
      fetch: { kind: 'container' },
    });
    if (sdk === 'node') {
      steps.push({
        source: 'iam-role',
        status: 'skipped',
        reason: 'the JS SDK does not try instance metadata when a container endpoint is set',
      });
      return steps;
    }
  } else {
    steps.push({
      source: 'container-role',
      status: 'skipped',
      reason: 'no AWS_CONTAINER_CREDENTIALS_RELATIVE_URI / _FULL_URI',
    });
  }
  const disabled = env.AWS_EC2_METADATA_DISABLED;
  const off = sdk === 'boto3' ? (disabled ?? '').toLowerCase() === 'true' : Boolean(disabled) && disabled !== 'false';
  steps.push(
    off
      ? { source: 'iam-role', status: 'skipped', reason: `AWS_EC2_METADATA_DISABLED=${disabled}` }
      : {
          source: 'iam-role',
          status: 'configured',
          reason: 'instance metadata (IMDS) is not disabled: asks 169.254.169.254',
          fetch: { kind: 'imds' },
        },
  );
  return steps;
}

/** `@aws-sdk/credential-provider-ini`'s `resolveProfileData`, as a plan. */
function nodeProfile(
  system: System,
  set: ProfileSet,
  name: string,
  visited: string[],
  recursiveCredentialSource = false,
): PlannedSource {
  const data = set.profiles[name];
  const fromCreds = has(set.credentialsFileProfiles[name], 'aws_access_key_id');
  const staticSource = fromCreds ? 'shared-credentials-file' : 'config-file';
  const isStatic = has(data, 'aws_access_key_id') && has(data, 'aws_secret_access_key');
  const staticStep = (): PlannedSource => ({
    source: staticSource,
    status: 'configured',
    reason: `static keys of profile ${name}`,
    fetch: { kind: 'profile-keys', file: 'merged', profile: name },
  });
  if (!data) {
    return {
      source: 'shared-credentials-file',
      status: 'skipped',
      reason: `profile ${name} is in neither file`,
      error: {
        code: 'CredentialsProviderError',
        message: `Could not resolve credentials using profile: [${name}] in configuration/credentials file(s).`,
        continues: true,
      },
    };
  }
  if (visited.length > 0 && isStatic) return staticStep();
  const roleArn = data.role_arn;
  const withSource = data.source_profile !== undefined && data.credential_source === undefined;
  const withNamed = data.credential_source !== undefined && data.source_profile === undefined;
  if (recursiveCredentialSource || (roleArn !== undefined && (withSource || withNamed))) {
    const fail = (message: string, code = 'CredentialsProviderError', continues = true): PlannedSource => ({
      source: 'assume-role',
      status: 'configured',
      reason: `role_arn in profile ${name}`,
      error: { code, message, continues },
    });
    if (data.source_profile && visited.includes(data.source_profile)) {
      return fail(
        `Detected a cycle attempting to resolve credentials for profile ${visited[0] ?? name}. Profiles visited: ${visited.join(', ')}`,
      );
    }
    let source: FetchSpec;
    if (data.source_profile) {
      const inner = nodeProfile(
        system,
        set,
        data.source_profile,
        [...visited, data.source_profile],
        !set.profiles[data.source_profile]?.role_arn && Boolean(set.profiles[data.source_profile]?.credential_source),
      );
      if (inner.error || !inner.fetch)
        return { ...inner, source: 'assume-role', reason: `source_profile ${data.source_profile}: ${inner.reason}` };
      source = inner.fetch;
    } else {
      const named = data.credential_source!;
      if (named === 'Environment') source = { kind: 'env' };
      else if (named === 'EcsContainer') source = { kind: 'container' };
      else if (named === 'Ec2InstanceMetadata') source = { kind: 'imds' };
      else
        return fail(
          `Unsupported credential source in profile ${name}. Got ${named}, expected EcsContainer or Ec2InstanceMetadata or Environment.`,
        );
    }
    if (!roleArn)
      return {
        source: 'assume-role',
        status: 'configured',
        reason: `credential_source of profile ${name}`,
        fetch: source,
      };
    const duration = Number.parseInt(data.duration_seconds || '3600', 10);
    const fetch: FetchSpec = {
      kind: 'assume-role',
      profile: name,
      roleArn,
      roleSessionName: data.role_session_name,
      externalId: data.external_id,
      mfaSerial: data.mfa_serial,
      durationSeconds: duration,
      region: data.region ?? system.env.AWS_REGION,
      source,
    };
    if (data.mfa_serial) {
      return fail(
        `Profile ${name} requires multi-factor authentication, but no MFA code callback was provided.`,
        'CredentialsProviderError',
        false,
      );
    }
    return { source: 'assume-role', status: 'configured', reason: `role chain: ${describeChain(fetch)}`, fetch };
  }
  if (isStatic) return staticStep();
  if (data.web_identity_token_file !== undefined && roleArn !== undefined) {
    return {
      source: 'assume-role-with-web-identity',
      status: 'configured',
      reason: `web_identity_token_file in profile ${name}`,
      fetch: {
        kind: 'web-identity',
        roleArn,
        tokenFile: data.web_identity_token_file,
        roleSessionName: data.role_session_name,
        region: data.region ?? system.env.AWS_REGION,
      },
    };
  }
  if (data.credential_process !== undefined) {
    return {
      source: 'custom-process',
      status: 'configured',
      reason: `credential_process in profile ${name}`,
      fetch: { kind: 'process', profile: name, command: data.credential_process },
    };
  }
  if (['sso_start_url', 'sso_account_id', 'sso_session', 'sso_region', 'sso_role_name'].some((k) => has(data, k))) {
    const session = data.sso_session ? set.ssoSessions[data.sso_session] : undefined;
    const merged = { ...(session ?? {}), ...data };
    const missing = ['sso_start_url', 'sso_account_id', 'sso_region', 'sso_role_name'].filter((k) => !merged[k]);
    if (missing.length > 0 || (data.sso_session && !session)) {
      return {
        source: 'sso',
        status: 'configured',
        reason: `SSO settings in profile ${name}`,
        error: {
          code: 'CredentialsProviderError',
          message:
            data.sso_session && !session
              ? `Sso session "${data.sso_session}" not found`
              : `Profile is configured with invalid SSO credentials. Required parameters "sso_account_id", "sso_region", "sso_role_name", "sso_start_url". Got ${missing.join(', ')} missing`,
          continues: false,
        },
      };
    }
    return {
      source: 'sso',
      status: 'configured',
      reason: `SSO role ${merged.sso_role_name} in account ${merged.sso_account_id}`,
      fetch: {
        kind: 'sso',
        profile: name,
        startUrl: merged.sso_start_url!,
        ssoRegion: merged.sso_region!,
        accountId: merged.sso_account_id!,
        roleName: merged.sso_role_name!,
        session: data.sso_session,
      },
    };
  }
  if (data.login_session !== undefined) {
    return {
      source: 'login',
      status: 'configured',
      reason: `login_session in profile ${name}`,
      fetch: { kind: 'login', profile: name, loginSession: data.login_session },
    };
  }
  return {
    source: 'shared-credentials-file',
    status: 'skipped',
    reason: `profile ${name} has no credential settings`,
    error: {
      code: 'CredentialsProviderError',
      message: `Could not resolve credentials using profile: [${name}] in configuration/credentials file(s).`,
      continues: true,
    },
  };
}

function planNode(system: System, set: ProfileSet, options: PlanOptions): ResolutionPlan {
  const env = system.env;
  const named = options.profile ?? env.AWS_PROFILE;
  const profile = named || 'default';
  const profileFrom: ProfileOriginName =
    options.profile !== undefined ? 'flag' : env.AWS_PROFILE ? 'AWS_PROFILE' : 'default';
  const notes: string[] = [];
  if (env.AWS_DEFAULT_PROFILE && !named)
    notes.push('AWS_DEFAULT_PROFILE is ignored by the JS SDK (it reads only AWS_PROFILE)');
  const steps: PlannedSource[] = [];
  if (named) {
    steps.push({
      source: 'env',
      status: 'skipped',
      reason: `${options.profile !== undefined ? 'a profile was given' : 'AWS_PROFILE is set'}: the JS SDK skips environment keys`,
    });
  } else if (env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) {
    steps.push({
      source: 'env',
      status: 'configured',
      reason: 'AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are set',
      fetch: { kind: 'env' },
    });
  } else {
    steps.push({
      source: 'env',
      status: 'skipped',
      reason: 'AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not both set',
    });
  }
  steps.push({
    source: 'sso',
    status: 'skipped',
    reason: "defaultProvider got no SSO inputs (a profile's SSO settings are read by fromIni below)",
  });
  const ini = nodeProfile(system, set, profile, []);
  steps.push(ini.error?.continues && ini.status === 'skipped' ? { ...ini, error: undefined } : ini);
  if (ini.error?.continues && ini.status === 'configured') {
    // The JS chain moves past this error; keep it visible as a failure but do not stop.
  }
  const tokenFile = env.AWS_WEB_IDENTITY_TOKEN_FILE;
  steps.push(
    tokenFile && env.AWS_ROLE_ARN
      ? {
          source: 'assume-role-with-web-identity',
          status: 'configured',
          reason: 'AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_ARN are set',
          fetch: {
            kind: 'web-identity',
            roleArn: env.AWS_ROLE_ARN,
            tokenFile,
            roleSessionName: env.AWS_ROLE_SESSION_NAME,
            region: env.AWS_REGION,
          },
        }
      : {
          source: 'assume-role-with-web-identity',
          status: 'skipped',
          reason: 'AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_ARN are not both set',
        },
  );
  steps.push(...remoteSources(env, 'node'));
  return { sdk: 'node', profile, profileFrom, steps, capabilities: undefined, notes };
}

/**
 * Pure: which sources the chosen SDK would try, in its order, and for each whether it is configured (and how) or
 * skipped (and why), from the files and environment alone. Nothing is fetched; `executePlan` does that.
 */
export function planResolution(system: System, set: ProfileSet, options: PlanOptions = {}): ResolutionPlan {
  return (options.sdk ?? set.sdk) === 'node' ? planNode(system, set, options) : planBotocore(system, set, options);
}
