import { loadProfileSet } from '../credentials/profiles.js';
import { planResolution } from '../credentials/plan.js';
import type { CredentialSourceName } from '../credentials/types.js';
import { maskKeyId, maskSecret } from '../redact.js';
import type { System } from '../system.js';

/** Where a setting comes from, named as `aws configure list` and botocore name it. */
export type SettingType = CredentialSourceName | 'manual' | 'default' | 'not-set';

export interface ConfigurationRow {
  readonly name: 'profile' | 'access_key' | 'secret_key' | 'region' | 'output';
  /** Masked for keys; undefined when not set. */
  readonly value: string | undefined;
  readonly type: SettingType;
  /** The variable, flag or file the value came from. */
  readonly location: string | undefined;
}

export interface ConfigurationList {
  readonly profile: string;
  readonly rows: ConfigurationRow[];
  /** What will go wrong or surprise (a missing profile, a source that will fail, AWS_PROFILE ignored...). */
  readonly notes: string[];
}

const RESOLVED_ON_USE = '(resolved when used)';

/**
 * What `aws configure list` shows, computed from the files and environment of `system` without calling AWS: the
 * profile, the masked keys and the source boto3 / the AWS CLI would take them from (the resolution area's plan of
 * botocore's chain), the region and the output format.
 */
export async function listConfiguration(
  system: System,
  options: { profile?: string | undefined } = {},
): Promise<ConfigurationList> {
  const env = system.env;
  const set = await loadProfileSet(system, 'boto3');
  const plan = planResolution(system, set, { profile: options.profile, sdk: 'boto3' });
  const profile = plan.profile;
  const notes = [...plan.notes];
  const rows: ConfigurationRow[] = [];
  if (plan.profileFrom === 'flag')
    rows.push({ name: 'profile', value: profile, type: 'manual', location: '--profile' });
  else if (plan.profileFrom === 'default')
    rows.push({ name: 'profile', value: undefined, type: 'not-set', location: undefined });
  else rows.push({ name: 'profile', value: profile, type: 'env', location: plan.profileFrom });

  const keys = (type: SettingType, location: string | undefined, id?: string, secret?: string): void => {
    rows.push({ name: 'access_key', value: id === undefined ? RESOLVED_ON_USE : maskKeyId(id), type, location });
    rows.push({
      name: 'secret_key',
      value: secret === undefined ? RESOLVED_ON_USE : maskSecret(secret),
      type,
      location,
    });
  };
  const step = plan.fatal ? undefined : plan.steps.find((s) => s.status === 'configured');
  if (plan.fatal) notes.push(`${plan.fatal.code}: ${plan.fatal.message}`);
  if (step?.error) notes.push(`${step.source} will fail: ${step.error.code}: ${step.error.message}`);
  const fetch = step?.fetch;
  if (!step || step.source === 'iam-role') {
    rows.push({ name: 'access_key', value: undefined, type: 'not-set', location: undefined });
    rows.push({ name: 'secret_key', value: undefined, type: 'not-set', location: undefined });
  } else if (fetch?.kind === 'env') {
    keys('env', 'AWS_ACCESS_KEY_ID', env.AWS_ACCESS_KEY_ID, env.AWS_SECRET_ACCESS_KEY);
  } else if (fetch?.kind === 'profile-keys') {
    const fromConfig = fetch.file === 'config';
    const section = (fromConfig ? set.configFileProfiles : set.credentialsFileProfiles)[fetch.profile] ?? {};
    const path = fromConfig ? set.config.path : set.credentials.path;
    keys(step.source, path, section.aws_access_key_id, section.aws_secret_access_key);
  } else {
    const location = step.source === 'container-role' ? 'AWS_CONTAINER_CREDENTIALS_*' : set.config.path;
    keys(step.source, location);
  }

  const settings = set.profiles[profile] ?? {};
  if (env.AWS_REGION) rows.push({ name: 'region', value: env.AWS_REGION, type: 'env', location: 'AWS_REGION' });
  else if (env.AWS_DEFAULT_REGION) {
    rows.push({ name: 'region', value: env.AWS_DEFAULT_REGION, type: 'env', location: 'AWS_DEFAULT_REGION' });
  } else if (settings.region) {
    rows.push({ name: 'region', value: settings.region, type: 'config-file', location: set.config.path });
  } else rows.push({ name: 'region', value: undefined, type: 'not-set', location: undefined });

  if (env.AWS_DEFAULT_OUTPUT) {
    rows.push({ name: 'output', value: env.AWS_DEFAULT_OUTPUT, type: 'env', location: 'AWS_DEFAULT_OUTPUT' });
  } else if (settings.output) {
    rows.push({ name: 'output', value: settings.output, type: 'config-file', location: set.config.path });
  } else rows.push({ name: 'output', value: undefined, type: 'not-set', location: undefined });
  return { profile, rows, notes };
}

/** The `aws configure list` style table (a pure function, pinned by a golden test). */
export function formatConfigurationTable(list: ConfigurationList): string {
  const header: [string, string, string, string] = ['Name', 'Value', 'Type', 'Location'];
  const lines: Array<[string, string, string, string]> = [
    header,
    ['----', '-----', '----', '--------'],
    ...list.rows.map((row): [string, string, string, string] => [
      row.name,
      row.value ?? '<not set>',
      row.type === 'not-set' ? 'None' : row.type,
      row.location ?? 'None',
    ]),
  ];
  const widths = [0, 1, 2].map((i) => Math.max(...lines.map((l) => l[i]!.length)));
  return lines
    .map(([name, value, type, location]) =>
      `${name.padStart(widths[0]!)}  ${value.padStart(widths[1]!)}  ${type.padStart(widths[2]!)}    ${location}`.trimEnd(),
    )
    .join('\n')
    .concat('\n');
}
