/**
 * The fast path of `awsdoctor creds process`, which SDKs run on every refresh of every consumer: when the profile is
 * a plain `login_session` profile whose cached credentials are still fresh, print them using only Node built-ins
 * (no AWS SDK, no commander). In any other case (refresh due, another source, anything unusual) return undefined and
 * the full CLI decides, so the fast path can never give a different answer than the full one.
 *
 * Keep this module's imports to node: built-ins and the small pure modules below (a test checks what it loads).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { configFilePath, credentialsFilePath, loginCacheDirectory } from '../config/paths.js';
import { createSystem, type Env } from '../system.js';
import { formatCredentialProcess } from './process-output.js';

/** The login engine refreshes within 5 minutes of expiry; the fast path leaves those cases to it. */
export const FAST_PATH_MIN_REMAINING_MS = 5 * 60 * 1000;

/** Keys that make a profile resolve through another source than (or before) `login_session`. */
const OTHER_SOURCE_KEYS = [
  'aws_access_key_id',
  'aws_secret_access_key',
  'role_arn',
  'source_profile',
  'credential_source',
  'web_identity_token_file',
  'sso_session',
  'sso_start_url',
  'sso_account_id',
  'sso_role_name',
  'credential_process',
];

/** `--profile P` or `--profile=P`, and nothing else; anything more is the full CLI's job. */
export function fastPathProfile(args: readonly string[]): string | undefined {
  if (args.length === 2 && args[0] === '--profile' && args[1] && !args[1].startsWith('-')) return args[1];
  if (args.length === 1 && args[0]?.startsWith('--profile=') && args[0].length > '--profile='.length) {
    return args[0].slice('--profile='.length);
  }
  return undefined;
}

function readOrUndefined(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * A deliberately strict reading of one INI file: the sections named `wanted`, or undefined when anything is unusual
 * (a malformed header, an inline comment, the section twice) so the SDK's own parser decides in the full path.
 */
export function strictSections(
  text: string,
  wanted: string,
): { found: number; keys: Record<string, string> } | undefined {
  let current: string | undefined;
  let found = 0;
  const keys: Record<string, string> = {};
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    if (line.startsWith('[')) {
      const match = /^\[([^\]]*)\]$/.exec(line);
      if (!match) return undefined;
      current = match[1]!.trim().split(/\s+/).join(' ');
      if (current === wanted) found++;
      continue;
    }
    // Indented lines belong to a nested sub-section (`s3 =` ...): never credential keys.
    if (/^\s/.test(raw)) continue;
    const eq = line.indexOf('=');
    if (eq <= 0) return undefined;
    if (current !== wanted) continue;
    const value = line.slice(eq + 1).trim();
    if (/\s[#;]/.test(value)) return undefined;
    keys[line.slice(0, eq).trim()] = value;
  }
  return { found, keys };
}

interface CachedAccessToken {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  accountId: string;
  expiresAt: string;
}

function isString(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}

/** The credential_process JSON for `args`, or undefined when the full CLI must handle the call. Never throws. */
export function fastCredentialProcess(args: readonly string[], env: Env, now: number): string | undefined {
  try {
    const profile = fastPathProfile(args);
    if (!profile) return undefined;
    // botocore's web-identity source reads these even for an explicit profile, and comes before login.
    if (env.AWS_WEB_IDENTITY_TOKEN_FILE || env.AWS_ROLE_ARN) return undefined;
    const system = createSystem({ env });
    const config = readOrUndefined(configFilePath(system));
    if (config === undefined) return undefined;
    const section = strictSections(config, profile === 'default' ? 'default' : `profile ${profile}`);
    if (!section || section.found !== 1) return undefined;
    if (profile === 'default' && strictSections(config, 'profile default')?.found !== 0) return undefined;
    const loginSession = section.keys.login_session;
    if (!loginSession || OTHER_SOURCE_KEYS.some((key) => key in section.keys)) return undefined;
    // Keys for this profile in the credentials file would win over login_session: let the full chain decide.
    const credentials = readOrUndefined(credentialsFilePath(system));
    if (credentials !== undefined && strictSections(credentials, profile)?.found !== 0) return undefined;
    const file = join(
      loginCacheDirectory(system),
      `${createHash('sha256').update(loginSession, 'utf8').digest('hex')}.json`,
    );
    const text = readOrUndefined(file);
    if (text === undefined) return undefined;
    const cached = JSON.parse(text) as { accessToken?: Partial<CachedAccessToken> } & Record<string, unknown>;
    const token = cached.accessToken;
    if (!token || !isString(cached.refreshToken) || !isString(cached.clientId) || !isString(cached.dpopKey)) {
      return undefined;
    }
    const { accessKeyId, secretAccessKey, sessionToken, accountId, expiresAt } = token;
    if (![accessKeyId, secretAccessKey, sessionToken, accountId, expiresAt].every(isString)) return undefined;
    const expiration = new Date(expiresAt as string);
    if (!(expiration.getTime() - now > FAST_PATH_MIN_REMAINING_MS)) return undefined;
    return formatCredentialProcess({
      accessKeyId: accessKeyId as string,
      secretAccessKey: secretAccessKey as string,
      sessionToken: sessionToken as string,
      expiration,
    });
  } catch {
    return undefined;
  }
}
