import { stat } from 'node:fs/promises';
import type { System } from '../system.js';
import type { ProfileSet } from './profiles.js';

export interface HygieneFinding {
  readonly id: string;
  readonly severity: 'warning' | 'info';
  readonly message: string;
  /** The exact command that fixes it. */
  readonly fix?: string | undefined;
}

/** A security check: takes what the doctor already read, returns findings. Other areas may add checks. */
export type HygieneCheck = (system: System, set: ProfileSet) => Promise<HygieneFinding[]>;

/** The credentials file (and the config file when it holds keys) must not be readable by other users. */
export const filePermissionCheck: HygieneCheck = async (system, set) => {
  if (system.platform === 'win32') return [];
  const findings: HygieneFinding[] = [];
  const configHoldsKeys = Object.values(set.configFileProfiles).some((p) => p.aws_secret_access_key !== undefined);
  for (const file of configHoldsKeys ? [set.credentials, set.config] : [set.credentials]) {
    if (!file.exists) continue;
    try {
      const mode = (await stat(file.path)).mode & 0o777;
      if (mode & 0o077) {
        findings.push({
          id: 'file-permissions',
          severity: 'warning',
          message: `${file.path} is readable by others (mode ${mode.toString(8).padStart(3, '0')})`,
          fix: `chmod 600 '${file.path}'`,
        });
      }
    } catch {
      // unreadable: reported by the files section
    }
  }
  return findings;
};

/** Long-lived keys exported in the shell end up in every child process, notebook and log. */
export const environmentKeysCheck: HygieneCheck = async (system) => {
  const id = system.env.AWS_ACCESS_KEY_ID;
  if (!id) return [];
  const longLived = id.startsWith('AKIA');
  return [
    {
      id: 'keys-in-environment',
      severity: longLived ? 'warning' : 'info',
      message: longLived
        ? 'long-lived access keys (AKIA…) are exported in this shell: every child process inherits them'
        : 'temporary keys are exported in this shell: they shadow every profile and stop working when they expire',
      fix: 'unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN',
    },
  ];
};

/** Static long-lived keys in a file: worth replacing with `aws login` or SSO. */
export const staticKeysCheck: HygieneCheck = async (_system, set) => {
  const names = Object.entries(set.credentialsFileProfiles)
    .filter(([, s]) => s.aws_access_key_id?.startsWith('AKIA'))
    .map(([name]) => name);
  return names.length === 0
    ? []
    : [
        {
          id: 'static-keys',
          severity: 'info',
          message: `long-lived keys in ${set.credentials.path} (profiles: ${names.join(', ')}); check their age with \`aws iam list-access-keys\` and rotate after 90 days`,
          fix: 'aws iam list-access-keys --query "AccessKeyMetadata[].[AccessKeyId,CreateDate]"',
        },
      ];
};

/** The built-in checks; callers may pass more (e.g. key age from IAM). */
export const DEFAULT_HYGIENE_CHECKS: readonly HygieneCheck[] = [
  filePermissionCheck,
  environmentKeysCheck,
  staticKeysCheck,
];

export async function runHygieneChecks(
  system: System,
  set: ProfileSet,
  checks: readonly HygieneCheck[] = DEFAULT_HYGIENE_CHECKS,
): Promise<HygieneFinding[]> {
  return (await Promise.all(checks.map((check) => check(system, set)))).flat();
}
