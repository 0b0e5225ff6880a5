import { createHash } from 'node:crypto';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { createTwoFilesPatch } from 'diff';
import { configProfileHeader, readIniSection, upsertIniSection } from '../config/edit-ini.js';
import { configFilePath, credentialsFilePath } from '../config/paths.js';
import { editUserFile, SECRET_FILE_MODE } from '../config/safe-write.js';
import { readTextIfExists } from '../config/shared-files.js';
import { AwsDoctorError, UsageError } from '../errors.js';
import { maskKeyId } from '../redact.js';
import type { System } from '../system.js';
import { createClient } from './client.js';
import { captureErrorBodies, describeSdkError } from './sdk-errors.js';

export interface ConfigureProfileOptions {
  /** Profile to write (default `default`). */
  profile?: string | undefined;
  accessKeyId?: string | undefined;
  secretAccessKey?: string | undefined;
  /** Only for temporary keys; writing long-lived keys removes a stale token. */
  sessionToken?: string | undefined;
  region?: string | undefined;
  output?: string | undefined;
  /** Replace the profile's existing, different keys. */
  force?: boolean | undefined;
  /** Compute and validate, write nothing. */
  dryRun?: boolean | undefined;
  /** Check the keys with STS GetCallerIdentity before writing (default true). */
  validate?: boolean | undefined;
}

export interface CallerIdentity {
  readonly account: string | undefined;
  readonly arn: string | undefined;
  readonly userId: string | undefined;
}

export interface PlannedFileChange {
  readonly path: string;
  readonly changed: boolean;
  /** Unified diff with every secret masked (safe to print). */
  readonly maskedDiff: string;
}

export interface ConfigurePlan {
  readonly profile: string;
  readonly credentials: PlannedFileChange;
  readonly config: PlannedFileChange;
  /** The profile already had different keys (writing them needs `force`). */
  readonly replacesKeys: boolean;
  /** The masked key id being written, e.g. `AKIA…MPLE`. */
  readonly maskedKeyId: string | undefined;
  /** Things that will make the SDKs use something other than what is written (env keys, role_arn...). */
  readonly notes: string[];
}

export interface ConfigureResult extends ConfigurePlan {
  readonly identity: CallerIdentity | undefined;
  readonly written: boolean;
  readonly credentialsBackup: string | undefined;
  readonly configBackup: string | undefined;
}

/** Thrown when configure refuses to write; `plan` holds the masked diff of what would have changed. */
export class ConfigureError extends AwsDoctorError {
  override readonly name = 'ConfigureError';
  readonly plan: ConfigurePlan | undefined;
  constructor(reason: string, message: string, options: { hint?: string; cause?: unknown; plan?: ConfigurePlan } = {}) {
    super(reason, message, options);
    this.plan = options.plan;
  }
}

export const OUTPUT_FORMATS = ['json', 'yaml', 'yaml-stream', 'text', 'table', 'off'] as const;

const SECRET_KEYS = new Set(['aws_secret_access_key', 'aws_session_token', 'aws_security_token']);

/** A short fingerprint that tells two secrets apart in a diff without revealing either. */
function fingerprint(secret: string): string {
  return createHash('sha256').update(secret).digest('hex').slice(0, 8);
}

/** Masks every secret value and key id in an AWS INI text, keeping the lines otherwise identical. */
export function maskIniSecrets(text: string): string {
  return text.replace(
    /^(\s*)([A-Za-z_]+)(\s*=\s*)(.*?)(\s*)$/gm,
    (line, indent: string, key: string, eq: string, value: string, tail: string) => {
      const lower = key.toLowerCase();
      if (SECRET_KEYS.has(lower) && value)
        return `${indent}${key}${eq}****** (${value.length} chars, sha256 ${fingerprint(value)}…)${tail}`;
      if (lower === 'aws_access_key_id' && value) return `${indent}${key}${eq}${maskKeyId(value)}${tail}`;
      return line;
    },
  );
}

function maskedDiff(path: string, before: string | undefined, after: string): string {
  if (before === after) return '';
  return createTwoFilesPatch(path, path, maskIniSecrets(before ?? ''), maskIniSecrets(after), '', '', { context: 3 });
}

const PROFILE_NAME = /^[A-Za-z0-9_.@+=,:/-]{1,64}$/;
const KEY_ID = /^[A-Z0-9]{16,128}$/;
const SECRET = /^[\x21-\x7e]{1,512}$/;
const TOKEN = /^[\x21-\x7e]{1,8192}$/;
const REGION = /^[a-z]{2,4}(-[a-z]+)+-\d{1,2}$/;

/** Checks every value before it can reach an INI file: a newline or bracket would inject lines or sections. */
export function validateConfigureInput(options: ConfigureProfileOptions): void {
  const profile = options.profile ?? 'default';
  if (!PROFILE_NAME.test(profile)) {
    throw new UsageError(
      `Not a usable profile name: ${JSON.stringify(profile.slice(0, 70))}.`,
      'Use letters, digits and - _ . @ + = , : /',
    );
  }
  if ((options.accessKeyId === undefined) !== (options.secretAccessKey === undefined)) {
    throw new UsageError('Give both the access key id and the secret access key, or neither.');
  }
  if (options.accessKeyId !== undefined && !KEY_ID.test(options.accessKeyId)) {
    throw new UsageError(
      `Not an access key id: ${maskKeyId(options.accessKeyId)} (${options.accessKeyId.length} chars).`,
      'An access key id is 16-128 upper-case letters and digits, e.g. AKIA followed by 16 characters.',
    );
  }
  if (options.secretAccessKey !== undefined && !SECRET.test(options.secretAccessKey)) {
    throw new UsageError(
      `The secret access key is not valid (${options.secretAccessKey.length} chars; spaces or control characters?).`,
      'Paste the secret exactly as IAM showed it (40 characters, no spaces).',
    );
  }
  if (options.sessionToken !== undefined && !TOKEN.test(options.sessionToken)) {
    throw new UsageError('The session token is not valid (spaces, control characters, or over 8192 chars).');
  }
  if (options.region !== undefined && !REGION.test(options.region)) {
    throw new UsageError(
      `Not a region: ${JSON.stringify(options.region.slice(0, 40))}.`,
      'e.g. us-west-2, eu-central-1',
    );
  }
  if (options.output !== undefined && !(OUTPUT_FORMATS as readonly string[]).includes(options.output)) {
    throw new UsageError(
      `Not an output format: ${JSON.stringify(options.output.slice(0, 40))}.`,
      `One of ${OUTPUT_FORMATS.join(', ')}.`,
    );
  }
}

function credentialsValues(options: ConfigureProfileOptions): Record<string, string | undefined> {
  if (options.accessKeyId === undefined) return {};
  return {
    aws_access_key_id: options.accessKeyId,
    aws_secret_access_key: options.secretAccessKey,
    // Long-lived keys with a stale token fail with InvalidClientTokenId: the token goes.
    aws_session_token: options.sessionToken,
  };
}

function configValues(options: ConfigureProfileOptions): Record<string, string | undefined> {
  const values: Record<string, string | undefined> = {};
  if (options.region !== undefined) values.region = options.region;
  if (options.output !== undefined) values.output = options.output;
  return values;
}

const SHADOWING_SETTINGS: ReadonlyArray<[string, string]> = [
  ['role_arn', 'assume-role'],
  ['web_identity_token_file', 'web identity'],
  ['sso_session', 'IAM Identity Center (SSO)'],
  ['sso_start_url', 'IAM Identity Center (SSO)'],
];

function notesFor(
  system: System,
  profile: string,
  configSection: Record<string, string> | undefined,
  writingKeys: boolean,
): string[] {
  const notes: string[] = [];
  if (!writingKeys) return notes;
  if (system.env.AWS_ACCESS_KEY_ID) {
    notes.push(
      `AWS_ACCESS_KEY_ID is set in this environment: the SDKs use it instead of profile ${profile} unless the profile is named explicitly (--profile / profile_name=); unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN`,
    );
  }
  for (const [key, what] of SHADOWING_SETTINGS) {
    if (configSection?.[key]) {
      notes.push(`profile ${profile} also has ${key} in the config file: the SDKs use ${what} before these keys`);
      break;
    }
  }
  if (configSection?.login_session) {
    notes.push(`profile ${profile} has login_session: these keys now take precedence over the aws login session`);
  }
  return notes;
}

/** Works out what `configureProfile` would change, with secrets masked, without writing or calling AWS. */
export async function planConfigureProfile(system: System, options: ConfigureProfileOptions): Promise<ConfigurePlan> {
  validateConfigureInput(options);
  const profile = options.profile ?? 'default';
  const credentialsPath = credentialsFilePath(system);
  const configPath = configFilePath(system);
  const [credentialsBefore, configBefore] = await Promise.all([
    readTextIfExists(credentialsPath),
    readTextIfExists(configPath),
  ]);
  const creds = credentialsValues(options);
  const credentialsAfter = upsertIniSection(credentialsBefore ?? '', profile, creds);
  const header = configProfileHeader(profile);
  const configAfter = upsertIniSection(configBefore ?? '', header, configValues(options));
  const existing = credentialsBefore === undefined ? undefined : readIniSection(credentialsBefore, profile);
  const replacesKeys =
    options.accessKeyId !== undefined &&
    Boolean(existing?.aws_access_key_id || existing?.aws_secret_access_key) &&
    (existing?.aws_access_key_id !== options.accessKeyId ||
      existing?.aws_secret_access_key !== options.secretAccessKey);
  const configSection = configBefore === undefined ? undefined : readIniSection(configBefore, header);
  const credentialsChanged = credentialsAfter !== (credentialsBefore ?? '');
  const configChanged = configAfter !== (configBefore ?? '');
  return {
    profile,
    credentials: {
      path: credentialsPath,
      changed: credentialsChanged,
      maskedDiff: credentialsChanged ? maskedDiff(credentialsPath, credentialsBefore, credentialsAfter) : '',
    },
    config: {
      path: configPath,
      changed: configChanged,
      maskedDiff: configChanged ? maskedDiff(configPath, configBefore, configAfter) : '',
    },
    replacesKeys,
    maskedKeyId: options.accessKeyId === undefined ? undefined : maskKeyId(options.accessKeyId),
    notes: notesFor(system, profile, configSection, options.accessKeyId !== undefined),
  };
}

/** Asks STS who the keys belong to; throws `configure.invalid-keys` when AWS rejects them. */
export async function callerIdentityOf(
  system: System,
  keys: { accessKeyId: string; secretAccessKey: string; sessionToken?: string | undefined },
  options: { region?: string | undefined; profile?: string | undefined } = {},
): Promise<CallerIdentity> {
  const sts = await createClient(STSClient, {
    system,
    profile: options.profile,
    region: options.region,
    credentials: {
      accessKeyId: keys.accessKeyId,
      secretAccessKey: keys.secretAccessKey,
      sessionToken: keys.sessionToken,
    },
    serviceId: 'STS',
    fallbackRegion: 'us-east-1',
    maxAttempts: 2,
  });
  const errorBody = captureErrorBodies(sts);
  try {
    const identity = await sts.send(new GetCallerIdentityCommand({}));
    return { account: identity.Account, arn: identity.Arn, userId: identity.UserId };
  } catch (error) {
    const sdk = describeSdkError(error, errorBody());
    const masked = maskKeyId(keys.accessKeyId);
    if (sdk.kind === 'invalid-credentials' || sdk.kind === 'expired-credentials') {
      const which = /Signature/.test(sdk.code)
        ? 'the secret does not match the access key id'
        : sdk.kind === 'expired-credentials'
          ? 'the keys have expired'
          : 'the access key id is unknown to AWS (deleted, deactivated, or mistyped)';
      throw new ConfigureError('configure.invalid-keys', `AWS rejects key ${masked}: ${which} (${sdk.code}).`, {
        cause: error,
        hint: 'Copy the key pair again from IAM > Users > Security credentials (a secret is shown only once; create a new key if lost).',
      });
    }
    throw new ConfigureError(
      'configure.cannot-validate',
      `Could not check key ${masked} with STS: ${sdk.code}: ${sdk.message}`,
      {
        cause: error,
        hint: 'Check the network (or AWS_ENDPOINT_URL); pass --skip-validation to write the keys unchecked.',
      },
    );
  } finally {
    sts.destroy();
  }
}

/**
 * Writes a profile like `aws configure`: keys to the credentials file, region and output to the config file, each
 * file backed up and written atomically with mode 0600, every other line kept. Validates the keys with STS first;
 * refuses to replace a profile's different keys without `force` (the error carries the masked diff).
 */
export async function configureProfile(system: System, options: ConfigureProfileOptions): Promise<ConfigureResult> {
  const plan = await planConfigureProfile(system, options);
  if (plan.replacesKeys && !options.force) {
    throw new ConfigureError(
      'configure.profile-exists',
      `Profile ${plan.profile} already has different keys in ${plan.credentials.path}; not replacing them.`,
      { hint: `Re-run with --force to replace them (a backup is kept), or choose another --profile.`, plan },
    );
  }
  let identity: CallerIdentity | undefined;
  if (options.accessKeyId !== undefined && options.secretAccessKey !== undefined && options.validate !== false) {
    identity = await callerIdentityOf(
      system,
      {
        accessKeyId: options.accessKeyId,
        secretAccessKey: options.secretAccessKey,
        sessionToken: options.sessionToken,
      },
      { region: options.region },
    );
  }
  if (options.dryRun) {
    return { ...plan, identity, written: false, credentialsBackup: undefined, configBackup: undefined };
  }
  const creds = credentialsValues(options);
  const credentialsEdit = plan.credentials.changed
    ? await editUserFile(plan.credentials.path, (before) => upsertIniSection(before ?? '', plan.profile, creds), {
        system,
        mode: SECRET_FILE_MODE,
      })
    : undefined;
  const header = configProfileHeader(plan.profile);
  const configEdit = plan.config.changed
    ? await editUserFile(plan.config.path, (before) => upsertIniSection(before ?? '', header, configValues(options)), {
        system,
        mode: SECRET_FILE_MODE,
      })
    : undefined;
  return {
    ...plan,
    identity,
    written: Boolean(credentialsEdit?.changed || configEdit?.changed),
    credentialsBackup: credentialsEdit?.backupPath,
    configBackup: configEdit?.backupPath,
  };
}
