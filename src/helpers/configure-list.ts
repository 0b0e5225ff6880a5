import { loadSharedConfig } from '../config/shared-files.js';
import { maskKeyId, maskSecret } from '../redact.js';
import type { System } from '../system.js';

/** Where a setting comes from, named as `aws configure list` and botocore name it. */
export type SettingType =
  | 'manual'
  | 'env'
  | 'shared-credentials-file'
  | 'config-file'
  | 'assume-role'
  | 'assume-role-with-web-identity'
  | 'sso'
  | 'login'
  | 'custom-process'
  | 'container-role'
  | 'default'
  | 'not-set';

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
}

const RESOLVED_ON_USE = '(resolved when used)';

/**
 * What `aws configure list` shows, computed from the files and environment of `system` without calling AWS: the
 * profile, the masked keys and the source the SDKs would take them from (botocore's order: environment, assume-role,
 * web identity, SSO, credentials file, login session, credential_process, config file, container), region and output.
 */
export async function listConfiguration(
  system: System,
  options: { profile?: string | undefined } = {},
): Promise<ConfigurationList> {
  const env = system.env;
  const shared = await loadSharedConfig(system);
  const profile = options.profile ?? env.AWS_PROFILE ?? 'default';
  const rows: ConfigurationRow[] = [];
  if (options.profile) rows.push({ name: 'profile', value: options.profile, type: 'manual', location: '--profile' });
  else if (env.AWS_PROFILE)
    rows.push({ name: 'profile', value: env.AWS_PROFILE, type: 'env', location: 'AWS_PROFILE' });
  else rows.push({ name: 'profile', value: undefined, type: 'not-set', location: undefined });

  const config = shared.config.sections[profile] ?? {};
  const creds = shared.credentials.sections[profile] ?? {};
  const keys = (type: SettingType, location: string | undefined, id?: string, secret?: string): void => {
    rows.push({ name: 'access_key', value: id === undefined ? RESOLVED_ON_USE : maskKeyId(id), type, location });
    rows.push({
      name: 'secret_key',
      value: secret === undefined ? RESOLVED_ON_USE : maskSecret(secret),
      type,
      location,
    });
  };
  // An explicitly named profile disables the environment keys (botocore's rule, and the JS SDK's).
  if (!options.profile && env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) {
    keys('env', 'AWS_ACCESS_KEY_ID', env.AWS_ACCESS_KEY_ID, env.AWS_SECRET_ACCESS_KEY);
  } else if (config.role_arn) {
    keys('assume-role', shared.config.path);
  } else if (config.web_identity_token_file || (env.AWS_WEB_IDENTITY_TOKEN_FILE && env.AWS_ROLE_ARN)) {
    keys(
      'assume-role-with-web-identity',
      config.web_identity_token_file ? shared.config.path : 'AWS_WEB_IDENTITY_TOKEN_FILE',
    );
  } else if (config.sso_session || config.sso_start_url) {
    keys('sso', shared.config.path);
  } else if (creds.aws_access_key_id && creds.aws_secret_access_key) {
    keys('shared-credentials-file', shared.credentials.path, creds.aws_access_key_id, creds.aws_secret_access_key);
  } else if (config.login_session) {
    keys('login', shared.config.path);
  } else if (config.credential_process) {
    keys('custom-process', shared.config.path);
  } else if (config.aws_access_key_id && config.aws_secret_access_key) {
    keys('config-file', shared.config.path, config.aws_access_key_id, config.aws_secret_access_key);
  } else if (env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI || env.AWS_CONTAINER_CREDENTIALS_FULL_URI) {
    keys('container-role', 'AWS_CONTAINER_CREDENTIALS_*');
  } else {
    rows.push({ name: 'access_key', value: undefined, type: 'not-set', location: undefined });
    rows.push({ name: 'secret_key', value: undefined, type: 'not-set', location: undefined });
  }

  if (env.AWS_REGION) rows.push({ name: 'region', value: env.AWS_REGION, type: 'env', location: 'AWS_REGION' });
  else if (env.AWS_DEFAULT_REGION)
    rows.push({ name: 'region', value: env.AWS_DEFAULT_REGION, type: 'env', location: 'AWS_DEFAULT_REGION' });
  else if (config.region)
    rows.push({ name: 'region', value: config.region, type: 'config-file', location: shared.config.path });
  else rows.push({ name: 'region', value: undefined, type: 'not-set', location: undefined });

  if (env.AWS_DEFAULT_OUTPUT)
    rows.push({ name: 'output', value: env.AWS_DEFAULT_OUTPUT, type: 'env', location: 'AWS_DEFAULT_OUTPUT' });
  else if (config.output)
    rows.push({ name: 'output', value: config.output, type: 'config-file', location: shared.config.path });
  else rows.push({ name: 'output', value: undefined, type: 'not-set', location: undefined });
  return { profile, rows };
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
