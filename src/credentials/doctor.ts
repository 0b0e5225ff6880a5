import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { loginCacheDirectory } from '../config/paths.js';
import { endpointOverride } from '../config/region.js';
import { describeError, isAwsDoctorError } from '../errors.js';
import { checkAccessKeyAge } from '../helpers/security-checks.js';
import { maskKeyId, maskSecret, SECRET_ENV_NAMES } from '../redact.js';
import type { System } from '../system.js';
import type { ChainAttempt } from './execute.js';
import { runHygieneChecks, type HygieneCheck, type HygieneFinding } from './hygiene.js';
import type { ProfileSet, SdkName } from './profiles.js';
import { LOGIN_PROVIDER_MIN_BOTOCORE, type PythonEnvironment } from './python-probe.js';
import { resolveDetailed, type ResolutionResult, type ResolveOptions } from './resolve.js';
import { callerIdentity, parsePrincipal, type Principal } from './whoami.js';

export type CheckStatus = 'ok' | 'problem' | 'unknown' | 'not-applicable';

export interface DoctorCheck {
  readonly id: string;
  readonly title: string;
  readonly status: CheckStatus;
  readonly detail: string;
}

export interface DoctorFix {
  readonly why: string;
  readonly command: string;
}

export interface LoginCacheEntry {
  readonly profile: string;
  readonly loginSession: string;
  readonly path: string;
  readonly exists: boolean;
  readonly expiresAt: string | undefined;
  readonly lastWritten: string | undefined;
  /** When `aws login` ran (the id token's `auth_time`/`iat`), when the cache says so. */
  readonly startedAt: string | undefined;
  readonly problem: string | undefined;
}

/** The login time from the cached id token's claims (`auth_time`, else `iat`); the token is not verified, only read. */
function loginStartedAt(idToken: unknown): string | undefined {
  if (typeof idToken !== 'string') return undefined;
  try {
    const claims = JSON.parse(Buffer.from(idToken.split('.')[1] ?? '', 'base64url').toString('utf8')) as {
      auth_time?: number;
      iat?: number;
    };
    const seconds = claims.auth_time ?? claims.iat;
    return typeof seconds === 'number' ? new Date(seconds * 1000).toISOString() : undefined;
  } catch {
    return undefined;
  }
}

export interface DoctorReport {
  readonly sdk: SdkName;
  readonly profile: string;
  readonly profileFrom: string;
  readonly healthy: boolean;
  readonly environment: { readonly home: string; readonly variables: readonly { name: string; value: string }[] };
  readonly files: readonly {
    kind: 'config' | 'credentials';
    path: string;
    from: string;
    exists: boolean;
    parses: boolean;
    error?: string;
    line?: number;
  }[];
  readonly profiles: readonly { name: string; definedIn: readonly string[] }[];
  readonly ignoredSections: readonly { file: string; section: string; why: string }[];
  readonly notes: readonly string[];
  readonly chain: readonly ChainAttempt[];
  readonly result: ResolutionResult;
  readonly winner: { source: string; accessKeyId: string; expiresAt: string | null; expiry: string } | undefined;
  readonly loginCache: {
    readonly directory: string;
    readonly files: number;
    readonly sessions: readonly LoginCacheEntry[];
  };
  readonly sdkCapabilities: readonly { what: string; can: boolean; detail: string }[];
  /** The interpreter probed with --python, if any. */
  readonly python: PythonEnvironment | undefined;
  readonly checks: readonly DoctorCheck[];
  readonly verify:
    | { ok: boolean; account?: string; arn?: string; principal?: Principal; error?: string; clockSkewSeconds?: number }
    | undefined;
  readonly hygiene: readonly HygieneFinding[];
  readonly fixes: readonly DoctorFix[];
}

export interface DoctorOptions extends ResolveOptions {
  readonly verify?: boolean | undefined;
  readonly hygieneChecks?: readonly HygieneCheck[] | undefined;
}

/** Sources whose credentials the SDK refreshes by itself when they expire. */
const REFRESHING = new Set([
  'assume-role',
  'assume-role-with-web-identity',
  'sso',
  'login',
  'container-role',
  'iam-role',
  'custom-process',
]);

/** Pure: "expires in 9 min, refreshes automatically". */
export function describeExpiry(expiresAt: string | null, now: number, source: string): string {
  if (!expiresAt) return 'does not expire (long-lived keys)';
  const ms = Date.parse(expiresAt) - now;
  const refresh = REFRESHING.has(source) ? 'refreshes automatically' : 'does not refresh: re-export them before then';
  const span = (m: number) =>
    m >= 120 ? `${Math.round(m / 60)} h` : m >= 1 ? `${Math.round(m)} min` : `${Math.max(0, Math.round(m * 60))} s`;
  if (ms <= 0)
    return `expired ${span(-ms / 60000)} ago, ${REFRESHING.has(source) ? 'the SDK will try to refresh' : 'every call fails now'}`;
  return `expires in ${span(ms / 60000)}, ${refresh}`;
}

function maskValue(name: string, value: string): string {
  if (SECRET_ENV_NAMES.has(name)) return maskSecret(value);
  if (name === 'AWS_ACCESS_KEY_ID') return maskKeyId(value);
  return value;
}

async function loginCacheState(system: System, set: ProfileSet, profile: string): Promise<DoctorReport['loginCache']> {
  const directory = loginCacheDirectory(system);
  let files = 0;
  try {
    files = (await readdir(directory)).filter((f) => f.endsWith('.json')).length;
  } catch {
    files = 0;
  }
  const sessions: LoginCacheEntry[] = [];
  const names = Object.keys(set.profiles).filter((n) => set.profiles[n]!.login_session);
  names.sort((a, b) => (a === profile ? -1 : b === profile ? 1 : a.localeCompare(b)));
  for (const name of names.slice(0, 20)) {
    const loginSession = set.profiles[name]!.login_session!;
    const path = join(directory, `${createHash('sha256').update(loginSession).digest('hex')}.json`);
    let entry: LoginCacheEntry = {
      profile: name,
      loginSession,
      path,
      exists: false,
      expiresAt: undefined,
      lastWritten: undefined,
      startedAt: undefined,
      problem: 'no cache file: run aws login',
    };
    try {
      const info = await stat(path);
      const doc = JSON.parse(await readFile(path, 'utf8')) as {
        accessToken?: { expiresAt?: string };
        refreshToken?: string;
        idToken?: unknown;
      };
      const expiresAt = doc.accessToken?.expiresAt;
      const problem = !doc.refreshToken ? 'no refreshToken: the SDKs cannot refresh it' : undefined;
      entry = {
        profile: name,
        loginSession,
        path,
        exists: true,
        expiresAt,
        lastWritten: info.mtime.toISOString(),
        startedAt: loginStartedAt(doc.idToken),
        problem,
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
        entry = { ...entry, exists: true, problem: `unreadable: ${describeError(error)}` };
      }
    }
    sessions.push(entry);
  }
  return { directory, files, sessions };
}

/** The STS endpoint's clock against ours (refresh proofs and SigV4 carry the local time). */
async function clockSkewSeconds(system: System, region: string): Promise<number | undefined> {
  const endpoint = endpointOverride(system, 'STS') ?? `https://sts.${region}.amazonaws.com/`;
  try {
    const response = await fetch(endpoint, { method: 'GET', signal: AbortSignal.timeout(5000) });
    const date = response.headers.get('date');
    return date ? Math.round((Date.parse(date) - system.now()) / 1000) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The whole diagnosis, as data: environment, files, profiles, the chain walk (the executed plan's records, never
 * re-derived), the winner, the login cache, what the SDK can do, the "works in my terminal, not in my notebook"
 * checks, optional STS verification, hygiene findings, and ranked fixes. Never throws for a missing ~/.aws.
 */
export async function buildDoctorReport(system: System, options: DoctorOptions = {}): Promise<DoctorReport> {
  const details = await resolveDetailed(system, options);
  const { set, plan, execution, result, python } = details;
  const env = system.env;
  const profile = plan.profile;
  const settings = set.profiles[profile] ?? {};
  const variables = Object.keys(env)
    .filter((k) => k.startsWith('AWS_') && env[k] !== undefined)
    .sort()
    .map((name) => ({ name, value: maskValue(name, env[name]!) }));
  const files: DoctorReport['files'] = [
    { kind: 'config' as const, state: set.config, from: env.AWS_CONFIG_FILE ? 'AWS_CONFIG_FILE' : 'default location' },
    {
      kind: 'credentials' as const,
      state: set.credentials,
      from: env.AWS_SHARED_CREDENTIALS_FILE ? 'AWS_SHARED_CREDENTIALS_FILE' : 'default location',
    },
  ].map(({ kind, state, from }) => ({
    kind,
    path: state.path,
    from,
    exists: state.exists,
    parses: !state.parseError,
    ...(state.parseError ? { error: `${state.parseError.kind}: ${state.parseError.message}` } : {}),
    ...(state.parseError?.line !== undefined ? { line: state.parseError.line } : {}),
  }));
  const profiles = Object.entries(set.origins)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, origins]) => ({
      name,
      definedIn: origins.map((o) => `${o.file === 'config' ? set.config.path : set.credentials.path} [${o.section}]`),
    }));
  const winner = result.ok
    ? {
        source: result.source!,
        accessKeyId: maskKeyId(result.accessKeyId),
        expiresAt: result.expiresAt ?? null,
        expiry: describeExpiry(result.expiresAt ?? null, system.now(), result.source!),
      }
    : undefined;
  const loginCache = await loginCacheState(system, set, profile);
  const usesLogin = Boolean(settings.login_session);
  const caps = plan.capabilities;

  const sdkCapabilities: DoctorReport['sdkCapabilities'] =
    plan.sdk === 'boto3'
      ? [
          {
            what: 'login_session (aws login)',
            can: Boolean(caps?.hasLoginProvider && caps.hasAwscrt),
            detail: !caps?.hasLoginProvider
              ? `botocore ${caps?.botocoreVersion ?? '?'} predates the login provider (needs ${LOGIN_PROVIDER_MIN_BOTOCORE} or newer)`
              : !caps.hasAwscrt
                ? 'botocore has the login provider but awscrt is not installed: MissingDependencyException'
                : caps.origin === 'assumed'
                  ? 'assumed (no --python given): a recent botocore with awscrt'
                  : `botocore ${caps.botocoreVersion} with awscrt`,
          },
          { what: 'profile variable', can: true, detail: 'AWS_DEFAULT_PROFILE first, then AWS_PROFILE' },
          {
            what: 'region variable',
            can: true,
            detail: "AWS_DEFAULT_REGION only (AWS_REGION is ignored by boto3), then the profile's region",
          },
          {
            what: 'sso, assume-role, web identity, credential_process, container, IMDS',
            can: true,
            detail: 'all supported',
          },
        ]
      : [
          {
            what: 'login_session (aws login)',
            can: true,
            detail: '@aws-sdk/credential-provider-login (through fromIni)',
          },
          { what: 'profile variable', can: true, detail: 'AWS_PROFILE only (AWS_DEFAULT_PROFILE is ignored)' },
          { what: 'region variable', can: true, detail: "AWS_REGION, then the profile's region" },
          {
            what: 'environment keys with a profile set',
            can: false,
            detail: 'any profile (AWS_PROFILE or explicit) turns environment keys off',
          },
        ];

  const checks: DoctorCheck[] = [];
  const add = (id: string, title: string, status: CheckStatus, detail: string) =>
    checks.push({ id, title, status, detail });
  if (plan.sdk === 'boto3') {
    add(
      'botocore-login-support',
      'botocore has the login provider',
      !usesLogin ? 'not-applicable' : caps?.hasLoginProvider ? (caps.origin === 'probe' ? 'ok' : 'unknown') : 'problem',
      caps?.origin === 'probe'
        ? `botocore ${caps.botocoreVersion}${caps.hasLoginProvider ? ' has' : ' lacks'} LoginProvider`
        : `not probed: pass --python PATH (the kernel's interpreter); login needs botocore ${LOGIN_PROVIDER_MIN_BOTOCORE}+`,
    );
    add(
      'awscrt',
      'awscrt is installed (login needs it)',
      !usesLogin ? 'not-applicable' : caps?.hasAwscrt ? (caps.origin === 'probe' ? 'ok' : 'unknown') : 'problem',
      caps?.origin === 'probe'
        ? caps.hasAwscrt
          ? 'awscrt imports'
          : 'awscrt does not import'
        : 'not probed: pass --python PATH',
    );
  }
  const profileVars = [
    env.AWS_DEFAULT_PROFILE && `AWS_DEFAULT_PROFILE=${env.AWS_DEFAULT_PROFILE}`,
    env.AWS_PROFILE && `AWS_PROFILE=${env.AWS_PROFILE}`,
  ]
    .filter(Boolean)
    .join(', ');
  const profileConflict = Boolean(
    env.AWS_DEFAULT_PROFILE && env.AWS_PROFILE && env.AWS_DEFAULT_PROFILE !== env.AWS_PROFILE,
  );
  add(
    'process-view',
    'same HOME, profile variables and files as your terminal',
    profileConflict ? 'problem' : 'unknown',
    `HOME=${system.homeDir}; ${profileVars || 'no profile variable'}; config ${set.config.path}; credentials ${set.credentials.path}. A kernel started elsewhere may see other values: compare with \`awsdoctor jupyter check\`.${profileConflict ? ` AWS_DEFAULT_PROFILE and AWS_PROFILE differ: boto3 uses ${env.AWS_DEFAULT_PROFILE}, the AWS CLI ${env.AWS_PROFILE}.` : ''}`,
  );
  const envShadow = Boolean(env.AWS_ACCESS_KEY_ID) && plan.profileFrom !== 'flag';
  const staticShadow = usesLogin && Boolean(set.credentialsFileProfiles[profile]?.aws_access_key_id);
  add(
    'shadowed-login',
    'nothing shadows login_session',
    !usesLogin ? 'not-applicable' : envShadow || staticShadow ? 'problem' : 'ok',
    envShadow
      ? 'AWS_ACCESS_KEY_ID is set: environment keys win over the profile (and expire)'
      : staticShadow
        ? `static keys for ${profile} in ${set.credentials.path} win over login_session`
        : 'no environment or static keys ahead of the login provider',
  );
  const region = plan.sdk === 'boto3' ? env.AWS_DEFAULT_REGION || settings.region : env.AWS_REGION || settings.region;
  add(
    'region',
    'a region is set (the SDK call and the login refresh need one)',
    region ? 'ok' : 'problem',
    region
      ? `region ${region}`
      : plan.sdk === 'boto3' && env.AWS_REGION
        ? 'only AWS_REGION is set, which boto3 ignores: NoRegionError'
        : `no ${plan.sdk === 'boto3' ? 'AWS_DEFAULT_REGION' : 'AWS_REGION'} and no region in profile ${profile}`,
  );
  const entry = loginCache.sessions.find((s) => s.profile === profile);
  const hoursAgo = (iso: string | undefined) => (iso ? (system.now() - Date.parse(iso)) / 3_600_000 : undefined);
  const sinceLogin = hoursAgo(entry?.startedAt);
  const sinceWrite = hoursAgo(entry?.lastWritten);
  let ageStatus: CheckStatus = 'not-applicable';
  let ageDetail = 'profile does not use aws login';
  if (usesLogin && !entry?.exists) {
    ageStatus = 'problem';
    ageDetail = `no cache file ${entry?.path ?? ''}: run aws login`;
  } else if (usesLogin && sinceLogin !== undefined) {
    ageStatus = sinceLogin > 12 ? 'problem' : 'ok';
    ageDetail = `aws login ran ${sinceLogin.toFixed(1)} h ago; the session ends 12 h after it (${sinceLogin > 12 ? 'ended' : `${(12 - sinceLogin).toFixed(1)} h left`}), then only aws login renews it`;
  } else if (usesLogin && sinceWrite !== undefined) {
    // The cache is rewritten on every refresh, so its age is a lower bound on the session's.
    ageStatus = sinceWrite > 12 ? 'problem' : 'unknown';
    ageDetail = `login time not recorded; cache last written ${sinceWrite.toFixed(1)} h ago; sessions end 12 h after aws login`;
  }
  add('login-session-age', 'the login session is within its 12-hour limit', ageStatus, ageDetail);

  let verify: DoctorReport['verify'];
  if (options.verify) {
    const regionForCall = region || 'us-east-1';
    const skew = await clockSkewSeconds(system, regionForCall);
    if (!result.credentials) {
      verify = {
        ok: false,
        error: 'no credentials to verify',
        ...(skew !== undefined ? { clockSkewSeconds: skew } : {}),
      };
    } else {
      try {
        const out = await callerIdentity(system, result.credentials, { region: regionForCall });
        verify = {
          ok: true,
          account: out.Account ?? '',
          arn: out.Arn ?? '',
          principal: parsePrincipal(out.Arn ?? ''),
          ...(skew !== undefined ? { clockSkewSeconds: skew } : {}),
        };
      } catch (error) {
        verify = {
          ok: false,
          error: isAwsDoctorError(error) ? error.message : describeError(error),
          ...(skew !== undefined ? { clockSkewSeconds: skew } : {}),
        };
      }
    }
    add(
      'clock-skew',
      'local clock agrees with AWS (within 5 min)',
      skew === undefined ? 'unknown' : Math.abs(skew) > 300 ? 'problem' : 'ok',
      skew === undefined
        ? 'could not read the STS Date header'
        : `local clock is ${Math.abs(skew)} s ${skew > 0 ? 'behind' : 'ahead of'} AWS`,
    );
  } else {
    add(
      'clock-skew',
      'local clock agrees with AWS (within 5 min)',
      'unknown',
      'run with --verify to compare with the STS Date header',
    );
  }

  const hygiene = await runHygieneChecks(system, set, options.hygieneChecks);
  if (options.verify && result.credentials?.accessKeyId.startsWith('AKIA')) {
    // Key age needs IAM (a network call): only with --verify, and only for long-lived keys.
    const age = await checkAccessKeyAge(system, { profile: options.profile, credentials: result.credentials });
    if (age.severity !== 'ok')
      hygiene.push({
        id: age.id,
        severity: age.severity === 'warning' ? 'warning' : 'info',
        message: age.message,
        fix: age.fix,
      });
  }
  const fixes = rankFixes({
    result,
    plan: { sdk: plan.sdk, profile, profileFrom: plan.profileFrom },
    checks,
    set,
    python: options.python,
    hygiene,
    hint: details.hint,
    usesLogin,
    // Instance metadata is always tried and fails on any laptop: that is not "configured".
    nothingConfigured: execution.attempts.every((a) => a.status === 'skipped' || a.source === 'iam-role'),
  });
  const healthy = result.ok && (verify === undefined || verify.ok);
  return {
    sdk: plan.sdk,
    profile,
    profileFrom: plan.profileFrom,
    healthy,
    environment: { home: system.homeDir, variables },
    files,
    profiles,
    ignoredSections: set.ignoredSections,
    notes: plan.notes,
    chain: execution.attempts,
    result,
    winner,
    loginCache,
    sdkCapabilities,
    python,
    checks,
    verify,
    hygiene,
    fixes,
  };
}

function rankFixes(input: {
  result: ResolutionResult;
  plan: { sdk: SdkName; profile: string; profileFrom: string };
  checks: readonly DoctorCheck[];
  set: ProfileSet;
  python: string | undefined;
  hygiene: readonly HygieneFinding[];
  hint: string | undefined;
  usesLogin: boolean;
  /** Every source was skipped (as opposed to one failing). */
  nothingConfigured: boolean;
}): DoctorFix[] {
  const { result, plan, checks, set } = input;
  const fixes: DoctorFix[] = [];
  const p = plan.profile === 'default' ? '' : ` --profile ${plan.profile}`;
  const pip = `${input.python ?? 'python3'} -m pip install`;
  const problem = (id: string) => checks.find((c) => c.id === id)?.status === 'problem';
  const code = result.error?.code;
  if (code === 'MissingDependencyException' || problem('awscrt'))
    fixes.push({ why: 'the login provider needs awscrt', command: `${pip} "botocore[crt]"` });
  if (problem('botocore-login-support'))
    fixes.push({ why: 'this botocore cannot read login_session', command: `${pip} --upgrade boto3 "botocore[crt]"` });
  if (code === 'ConfigParseError') {
    const bad = set.config.parseError ?? set.credentials.parseError;
    fixes.push({
      why: 'the SDK cannot parse a shared file',
      command: `\${EDITOR:-vi} +${bad?.line ?? 1} '${bad?.path ?? set.config.path}'`,
    });
  }
  if (code === 'ProfileNotFound') {
    fixes.push({
      why: `profile ${plan.profile} is not defined`,
      command: plan.profileFrom === 'flag' ? 'aws configure list-profiles' : `unset ${plan.profileFrom}`,
    });
  }
  if (problem('shadowed-login'))
    fixes.push({
      why: 'environment or static keys win over login_session',
      command: 'unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN',
    });
  if (input.usesLogin && (problem('login-session-age') || /^Login/.test(code ?? '')))
    fixes.push({ why: 'the login session must be renewed', command: `aws login${p}` });
  if (/SSO/.test(code ?? '')) fixes.push({ why: 'the SSO token is missing or expired', command: `aws sso login${p}` });
  if ((code === 'NoCredentialsError' || code === 'CredentialsProviderError') && input.nothingConfigured) {
    fixes.push({ why: 'no source is configured', command: `aws login${p}` });
    fixes.push({ why: 'or long-lived keys (less safe)', command: `aws configure${p}` });
  }
  if (code && !fixes.length) {
    const network = /connect|ENOTFOUND|ECONNREFUSED|timed? ?out/i.test(result.error!.message);
    fixes.push(
      network
        ? {
            why: 'the SDK could not reach AWS (network, proxy or AWS_ENDPOINT_URL*)',
            command: 'env | grep -i -E "proxy|AWS_ENDPOINT_URL"',
          }
        : { why: result.error!.message, command: input.hint ?? `awsdoctor creds resolve${p} --json` },
    );
  }
  if (problem('region')) fixes.push({ why: 'no region for boto3', command: `aws configure set region us-east-1${p}` });
  if (problem('process-view'))
    fixes.push({ why: 'AWS_DEFAULT_PROFILE and AWS_PROFILE disagree', command: 'unset AWS_DEFAULT_PROFILE' });
  if (problem('clock-skew')) fixes.push({ why: 'the local clock is off', command: 'sudo timedatectl set-ntp true' });
  for (const h of input.hygiene) if (h.fix && h.severity === 'warning') fixes.push({ why: h.message, command: h.fix });
  return fixes;
}

const MARK: Record<CheckStatus, string> = { ok: 'ok  ', problem: 'FAIL', unknown: '??  ', 'not-applicable': '--  ' };

/** Pure: the report a person reads top to bottom. No secrets (values are masked when the report is built). */
export function renderDoctorReport(report: DoctorReport): string {
  const out: string[] = [];
  const h = (title: string) => out.push('', title);
  out.push(
    `awsdoctor doctor — ${report.sdk === 'boto3' ? 'boto3 (Python)' : 'AWS SDK for JavaScript v3'}, profile ${report.profile} (from ${report.profileFrom})`,
  );
  out.push(
    report.healthy
      ? `HEALTHY: credentials from ${report.winner?.source}`
      : `NOT HEALTHY: ${report.result.error ? `${report.result.error.code}: ${report.result.error.message}` : (report.verify?.error ?? 'verification failed')}`,
  );
  h('1. Environment');
  out.push(`  HOME=${report.environment.home}`);
  if (report.environment.variables.length === 0) out.push('  no AWS_* variables set');
  for (const v of report.environment.variables) out.push(`  ${v.name}=${v.value}`);
  h('2. Files');
  for (const f of report.files) {
    const state = !f.exists
      ? 'does not exist'
      : f.parses
        ? 'exists, parses'
        : `exists, DOES NOT PARSE${f.line !== undefined ? ` (line ${f.line})` : ''}: ${f.error}`;
    out.push(`  ${f.kind.padEnd(11)} ${f.path} (${f.from}): ${state}`);
  }
  h('3. Profiles');
  if (report.profiles.length === 0) out.push('  none defined');
  for (const p of report.profiles) out.push(`  ${p.name.padEnd(16)} ${p.definedIn.join(' + ')}`);
  for (const s of report.ignoredSections) out.push(`  ignored: [${s.section}] in ${s.file} file: ${s.why}`);
  h('4. Chain walk');
  for (const n of report.notes) out.push(`  note: ${n}`);
  for (const a of report.chain)
    out.push(`  ${a.status.padEnd(7)} ${a.source.padEnd(30)} ${a.reason}${a.errorCode ? ` [${a.errorCode}]` : ''}`);
  h('5. Result');
  if (report.winner) out.push(`  ${report.winner.source} ${report.winner.accessKeyId}: ${report.winner.expiry}`);
  else out.push(`  no credentials: ${report.result.error?.code}: ${report.result.error?.message}`);
  if (report.verify) {
    out.push(
      report.verify.ok
        ? `  verified: ${report.verify.arn} (account ${report.verify.account}, ${report.verify.principal?.kind} ${report.verify.principal?.name})`
        : `  verification failed: ${report.verify.error}`,
    );
  }
  h('6. Login cache');
  out.push(`  ${report.loginCache.directory}: ${report.loginCache.files} file(s)`);
  for (const s of report.loginCache.sessions) {
    out.push(
      s.exists
        ? `  profile ${s.profile}: ${s.path}, access token ${s.expiresAt ? `expires ${s.expiresAt}` : 'without expiry'}${s.startedAt ? `, aws login at ${s.startedAt}` : ''}${s.problem ? ` — ${s.problem}` : ''}`
        : `  profile ${s.profile}: no cache file ${s.path} — run aws login`,
    );
  }
  h(`7. What ${report.sdk === 'boto3' ? 'boto3' : 'the JS SDK'} can do`);
  if (report.python) {
    const py = report.python;
    out.push(
      `  python ${py.executable} (${py.pythonVersion}): boto3 ${py.boto3Version ?? 'not installed'}, botocore ${py.botocoreVersion ?? 'not installed'}, awscrt ${py.awscrtVersion ?? 'not installed'}`,
    );
  }
  for (const c of report.sdkCapabilities) out.push(`  ${c.can ? 'yes' : 'NO '} ${c.what}: ${c.detail}`);
  h('8. Works in my terminal, not in my notebook?');
  for (const c of report.checks) out.push(`  [${MARK[c.status]}] ${c.title}: ${c.detail}`);
  if (report.hygiene.length > 0) {
    h('9. Security');
    for (const f of report.hygiene) out.push(`  ${f.severity === 'warning' ? 'WARN' : 'info'} ${f.message}`);
  }
  h('Fixes, most likely first');
  if (report.fixes.length === 0) out.push('  nothing to fix');
  report.fixes.forEach((f, i) => out.push(`  ${i + 1}. ${f.why}:`, `       ${f.command}`));
  return `${out.join('\n')}\n`;
}
