import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { IAMClient, ListAccessKeysCommand, type AccessKeyMetadata } from '@aws-sdk/client-iam';
import { configFilePath, credentialsFilePath, loginCacheDirectory } from '../config/paths.js';
import { defaultCredentialProvider } from '../credentials/default-provider.js';
import type { AwsCredentials, CredentialProvider } from '../credentials/types.js';
import type { HygieneCheck, HygieneFinding } from '../credentials/hygiene.js';
import { describeError } from '../errors.js';
import { maskKeyId } from '../redact.js';
import type { System } from '../system.js';
import { createClient } from './client.js';
import { captureErrorBodies, describeSdkError } from './sdk-errors.js';

/** `unknown`: the check could not run (no permission, no credentials); it is not a pass. */
export type FindingSeverity = 'ok' | 'info' | 'warning' | 'unknown';

/** One result of a security check: what the doctor renders and `--json` emits. */
export interface SecurityFinding {
  /** Stable id, e.g. `security.access-key-age`. */
  readonly id: string;
  readonly severity: FindingSeverity;
  readonly message: string;
  /** A command that fixes it (or the next step), when there is something to fix. */
  readonly fix: string | undefined;
}

export const MAX_ACCESS_KEY_AGE_DAYS = 90;
const DAY_MS = 24 * 60 * 60 * 1000;

function profileFlag(profile: string | undefined): string {
  return profile ? ` --profile ${profile}` : '';
}

/**
 * The guide's "access keys are permanent until rotated": long-lived keys older than `maxAgeDays` (90), read from
 * `iam:ListAccessKeys` for the caller. When that call is denied the finding says "could not check" (`unknown`).
 */
export async function checkAccessKeyAge(
  system: System,
  options: {
    profile?: string | undefined;
    region?: string | undefined;
    credentials?: CredentialProvider | AwsCredentials | undefined;
    maxAgeDays?: number | undefined;
  } = {},
): Promise<SecurityFinding> {
  const id = 'security.access-key-age';
  const maxAgeDays = options.maxAgeDays ?? MAX_ACCESS_KEY_AGE_DAYS;
  let credentials: AwsCredentials;
  try {
    const given = options.credentials;
    credentials =
      typeof given === 'function'
        ? await given()
        : (given ?? (await defaultCredentialProvider(system, { profile: options.profile })()));
  } catch (error) {
    return {
      id,
      severity: 'unknown',
      message: `Could not check access key age: no credentials (${describeError(error)}).`,
      fix: 'awsdoctor doctor',
    };
  }
  if (credentials.sessionToken || credentials.accessKeyId.startsWith('ASIA')) {
    return {
      id,
      severity: 'ok',
      message: `Temporary credentials (${maskKeyId(credentials.accessKeyId)}): nothing to rotate.`,
      fix: undefined,
    };
  }
  const iam = await createClient(IAMClient, {
    system,
    profile: options.profile,
    region: options.region,
    credentials,
    serviceId: 'IAM',
    fallbackRegion: 'us-east-1',
    maxAttempts: 2,
  });
  const errorBody = captureErrorBodies(iam);
  const keys: AccessKeyMetadata[] = [];
  try {
    let marker: string | undefined;
    do {
      const page = await iam.send(new ListAccessKeysCommand(marker ? { Marker: marker } : {}));
      keys.push(...(page.AccessKeyMetadata ?? []));
      marker = page.IsTruncated ? page.Marker : undefined;
    } while (marker);
  } catch (error) {
    const sdk = describeSdkError(error, errorBody());
    const why = sdk.kind === 'access-denied' ? 'iam:ListAccessKeys is denied' : `${sdk.code}: ${sdk.message}`;
    return {
      id,
      severity: 'unknown',
      message: `Could not check the age of key ${maskKeyId(credentials.accessKeyId)}: ${why}.`,
      fix: `Check its creation date in the IAM console (Users > Security credentials), or ask for iam:ListAccessKeys on your own user.`,
    };
  } finally {
    iam.destroy();
  }
  const now = system.now();
  const ageDays = (key: AccessKeyMetadata): number => Math.floor((now - (key.CreateDate?.getTime() ?? now)) / DAY_MS);
  const old = keys.filter((key) => key.Status === 'Active' && ageDays(key) > maxAgeDays);
  const inUse = keys.find((key) => key.AccessKeyId === credentials.accessKeyId);
  if (old.length === 0) {
    const age = inUse ? `, ${ageDays(inUse)} days old` : '';
    return {
      id,
      severity: 'ok',
      message: `Access key ${maskKeyId(credentials.accessKeyId)}${age}: younger than ${maxAgeDays} days.`,
      fix: undefined,
    };
  }
  const listed = old.map(
    (key) =>
      `${maskKeyId(key.AccessKeyId)} (${ageDays(key)} days, created ${key.CreateDate?.toISOString().slice(0, 10)})`,
  );
  const flag = profileFlag(options.profile);
  return {
    id,
    severity: 'warning',
    message: `Active access key${old.length > 1 ? 's' : ''} older than ${maxAgeDays} days: ${listed.join(', ')}. Long-lived keys are permanent until rotated.`,
    fix:
      `aws iam create-access-key${flag}  # then: awsdoctor configure${flag} --force (new keys on stdin); ` +
      `aws iam update-access-key --status Inactive --access-key-id OLD_KEY_ID, and delete it once nothing breaks`,
  };
}

async function modeOf(path: string): Promise<number | undefined> {
  try {
    const info = await stat(path);
    return info.isFile() ? info.mode & 0o777 : undefined;
  } catch {
    return undefined;
  }
}

/** Credentials, config and `aws login` cache files readable (or writable) by group or others. */
export async function checkCredentialFilePermissions(system: System): Promise<SecurityFinding[]> {
  const id = 'security.file-permissions';
  if (system.platform === 'win32') {
    return [
      {
        id,
        severity: 'info',
        message: 'File permission bits are not checked on Windows (ACLs apply).',
        fix: undefined,
      },
    ];
  }
  const files: Array<{ path: string; secret: boolean }> = [{ path: credentialsFilePath(system), secret: true }];
  const configPath = configFilePath(system);
  let configText: string | undefined;
  try {
    configText = await readFile(configPath, 'utf8');
  } catch {
    configText = undefined;
  }
  // The config file usually holds only settings; with keys or tokens in it, it is as sensitive as credentials.
  files.push({
    path: configPath,
    secret: configText !== undefined && /^\s*aws_(secret_access_key|session_token)\s*=/m.test(configText),
  });
  try {
    const cacheDir = loginCacheDirectory(system);
    for (const name of await readdir(cacheDir))
      if (name.endsWith('.json')) files.push({ path: join(cacheDir, name), secret: true });
  } catch {
    // no login cache
  }
  const findings: SecurityFinding[] = [];
  for (const file of files) {
    const mode = await modeOf(file.path);
    if (mode === undefined || (mode & 0o077) === 0) continue;
    const who = [(mode & 0o070) !== 0 ? 'group' : '', (mode & 0o007) !== 0 ? 'others' : '']
      .filter(Boolean)
      .join(' and ');
    findings.push({
      id,
      severity: file.secret ? 'warning' : 'info',
      message: `${file.path} is accessible to ${who} (mode ${mode.toString(8).padStart(4, '0')})${file.secret ? ' and holds secrets' : ''}.`,
      fix: `chmod 600 '${file.path.replace(/'/g, `'\\''`)}'`,
    });
  }
  if (findings.length === 0) {
    findings.push({
      id,
      severity: 'ok',
      message: 'Credentials and config files are private to their owner.',
      fix: undefined,
    });
  }
  return findings;
}

/** Access keys in the environment of the shell: inherited by every child process and visible in /proc/PID/environ. */
export function checkEnvironmentKeys(system: System): SecurityFinding {
  const id = 'security.env-keys';
  const keyId = system.env.AWS_ACCESS_KEY_ID;
  if (!keyId && !system.env.AWS_SECRET_ACCESS_KEY) {
    return { id, severity: 'ok', message: 'No access keys in the environment.', fix: undefined };
  }
  const unset = 'unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN';
  if (keyId?.startsWith('ASIA') || system.env.AWS_SESSION_TOKEN) {
    return {
      id,
      severity: 'info',
      message: `Temporary keys (${maskKeyId(keyId)}) are in the environment: every process started from here inherits them, and they expire without refreshing.`,
      fix: `${unset}  # and use a profile that refreshes: aws login, or awsdoctor creds setup-process`,
    };
  }
  return {
    id,
    severity: 'warning',
    message: `A long-lived access key (${maskKeyId(keyId)}) is in the environment of this shell: every process started from here inherits it (and can read it from /proc/PID/environ); shell history and dotfiles may hold it too.`,
    fix: `awsdoctor configure --profile NAME (keys on stdin), then ${unset}`,
  };
}

/** All the guide's security notes as checks (the doctor renders them). */
export async function runSecurityChecks(
  system: System,
  options: { profile?: string | undefined; region?: string | undefined; maxAgeDays?: number | undefined } = {},
): Promise<SecurityFinding[]> {
  const [age, files] = await Promise.all([checkAccessKeyAge(system, options), checkCredentialFilePermissions(system)]);
  return [checkEnvironmentKeys(system), ...files, age];
}

/**
 * The key-age check in the shape the doctor's hygiene section takes (`buildDoctorReport(..., { hygieneChecks:
 * [...DEFAULT_HYGIENE_CHECKS, accessKeyAgeHygieneCheck({ profile })] })`): a warning for keys older than 90 days,
 * an info line when it could not check, nothing when the keys are young or temporary. It calls IAM (network).
 */
export function accessKeyAgeHygieneCheck(
  options: { profile?: string | undefined; region?: string | undefined; maxAgeDays?: number | undefined } = {},
): HygieneCheck {
  return async (system): Promise<HygieneFinding[]> => {
    const finding = await checkAccessKeyAge(system, options);
    if (finding.severity === 'ok' || finding.severity === 'info') return [];
    return [
      {
        id: 'access-key-age',
        severity: finding.severity === 'warning' ? 'warning' : 'info',
        message: finding.message,
        fix: finding.fix,
      },
    ];
  };
}
