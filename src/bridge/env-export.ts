import { AwsDoctorError } from '../errors.js';
import type { AwsCredentials } from '../credentials/types.js';
import { describeRemaining, isoUtc } from './iso-time.js';

export const EXPORT_FORMATS = ['sh', 'fish', 'powershell', 'dotenv', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportOptions {
  readonly format: ExportFormat;
  /** Milliseconds since the epoch, for "expires in 14 min". */
  readonly now: number;
  /** The profile the credentials came from, named in the comments and the refreshing alternatives. */
  readonly profile?: string | undefined;
  /** Exported as AWS_REGION and AWS_DEFAULT_REGION when set (boto3 reads only the latter). */
  readonly region?: string | undefined;
}

/** The variables, in the order they are written. `undefined` means "unset it" (a stale session token must not linger). */
export function exportVariables(
  credentials: AwsCredentials,
  region?: string | undefined,
): Array<[string, string | undefined]> {
  const vars: Array<[string, string | undefined]> = [
    ['AWS_ACCESS_KEY_ID', credentials.accessKeyId],
    ['AWS_SECRET_ACCESS_KEY', credentials.secretAccessKey],
    ['AWS_SESSION_TOKEN', credentials.sessionToken || undefined],
    // The AWS CLI v2's `configure export-credentials` name for the expiry; tools can read it.
    ['AWS_CREDENTIAL_EXPIRATION', credentials.expiration ? isoUtc(credentials.expiration) : undefined],
  ];
  if (region) vars.push(['AWS_REGION', region], ['AWS_DEFAULT_REGION', region]);
  return vars;
}

/** Comment lines about the expiry: when, and that a long-running process will break then, with the bridges that refresh. */
export function expiryNotice(credentials: AwsCredentials, options: Pick<ExportOptions, 'now' | 'profile'>): string[] {
  if (!credentials.expiration) return ['Long-lived keys: they do not expire, so treat them like a password.'];
  const profileFlag = options.profile ? ` --profile ${options.profile}` : '';
  return [
    `These credentials expire at ${isoUtc(credentials.expiration)} (in ${describeRemaining(credentials.expiration, options.now)}).`,
    'A long-running process (a notebook kernel, a server) started with them breaks then: boto3 raises',
    '"Credentials were refreshed, but the refreshed credentials are still expired". For credentials that refresh, use',
    `\`awsdoctor creds exec${profileFlag} -- CMD\` or \`awsdoctor creds setup-process${profileFlag}\` (credential_process).`,
  ];
}

// Values must be one line of printable text: a control character in a credential is hostile input, not a key.
function checkValue(name: string, value: string): void {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  if (/[\u0000-\u001f\u007f]/.test(value)) {
    throw new AwsDoctorError('bridge.unsafe-value', `${name} contains a control character; refusing to export it.`, {
      hint: 'Check where these credentials come from: `awsdoctor creds resolve`.',
    });
  }
}

/** POSIX sh single quotes: nothing inside is special; a `'` is closed, escaped and reopened. */
export function quoteSh(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** fish single quotes: only `\\` and `\'` are escapes inside them. */
export function quoteFish(value: string): string {
  return `'${value.replace(/[\\']/g, (c) => `\\${c}`)}'`;
}

/** PowerShell single-quoted (verbatim) strings: `'` is written twice; nothing else is special. */
export function quotePowerShell(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

const DOTENV_PLAIN = /^[A-Za-z0-9_\-+/=.:@]*$/;

/**
 * dotenv has no single standard. Plain values need no quotes in any reader (python-dotenv, Node's dotenv, docker
 * compose); other values go in single quotes, which none of them interpolate. A value that holds `'` or `\` cannot be
 * written the same way for all of them, so it is refused rather than silently changed.
 */
export function quoteDotenv(name: string, value: string): string {
  if (DOTENV_PLAIN.test(value)) return value;
  if (!/['\\]/.test(value)) return `'${value}'`;
  throw new AwsDoctorError('bridge.unsafe-value', `${name} cannot be written safely in dotenv format.`, {
    hint: 'Use --format sh or --format json instead.',
  });
}

/** The text `creds export` prints for `format`. Pure: golden tests pin every format. */
export function formatEnvExport(credentials: AwsCredentials, options: ExportOptions): string {
  const vars = exportVariables(credentials, options.region);
  for (const [name, value] of vars) if (value !== undefined) checkValue(name, value);
  const header = [
    `Credentials${options.profile ? ` of profile ${options.profile}` : ''}, exported by awsdoctor.`,
    ...expiryNotice(credentials, options),
  ];
  const comment = (prefix: string) => header.map((line) => `${prefix}${line}`);
  switch (options.format) {
    case 'sh':
      return lines(
        comment('# '),
        vars.map(([n, v]) => (v === undefined ? `unset ${n}` : `export ${n}=${quoteSh(v)}`)),
      );
    case 'fish':
      return lines(
        comment('# '),
        vars.map(([n, v]) => (v === undefined ? `set -e ${n}` : `set -gx ${n} ${quoteFish(v)}`)),
      );
    case 'powershell':
      return lines(
        comment('# '),
        vars.map(([n, v]) =>
          v === undefined ? `Remove-Item Env:${n} -ErrorAction SilentlyContinue` : `$Env:${n} = ${quotePowerShell(v)}`,
        ),
      );
    case 'dotenv':
      // A .env file cannot unset a variable: absent ones are simply not written.
      return lines(
        comment('# '),
        vars.filter(([, v]) => v !== undefined).map(([n, v]) => `${n}=${quoteDotenv(n, v as string)}`),
      );
    case 'json': {
      // JSON has no comments: the expiry is the AWS_CREDENTIAL_EXPIRATION value, and the CLI says the rest on stderr.
      const object: Record<string, string> = {};
      for (const [n, v] of vars) if (v !== undefined) object[n] = v;
      return `${JSON.stringify(object, null, 2)}\n`;
    }
  }
}

function lines(...groups: string[][]): string {
  return `${groups.flat().join('\n')}\n`;
}

export function isExportFormat(value: string): value is ExportFormat {
  return (EXPORT_FORMATS as readonly string[]).includes(value);
}
