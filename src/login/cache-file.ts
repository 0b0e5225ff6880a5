import { createHash } from 'node:crypto';
import { open, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { loginCacheDirectory } from '../config/paths.js';
import type { System } from '../system.js';
import { LoginError, LoginErrorReason, reloginHint } from './errors.js';
import { pythonJsonDumps } from './python-json.js';

/** A cached login token after validation: the fields botocore and the JS SDK require, plus everything else kept as-is. */
export interface LoginToken {
  readonly accessToken: {
    readonly accessKeyId: string;
    readonly secretAccessKey: string;
    readonly sessionToken: string;
    readonly accountId: string;
    readonly expiresAt: string;
  };
  readonly refreshToken: string;
  readonly dpopKey: string;
  readonly clientId: string;
  readonly signInRegion?: string | undefined;
  /** The whole parsed document, unknown fields included, for a faithful write-back. */
  readonly raw: Record<string, unknown>;
}

/** No real login cache file comes near this; refusing bigger ones keeps a wrong file from eating memory. */
export const MAX_LOGIN_CACHE_FILE_BYTES = 256 * 1024;

/** `<cache dir>/<sha256_hex(login_session)>.json`, as botocore and the JS SDK name it. */
export function loginCacheFilePath(system: System, loginSession: string): string {
  const digest = createHash('sha256').update(loginSession, 'utf8').digest('hex');
  return join(loginCacheDirectory(system), `${digest}.json`);
}

/** `expiresAt` as a time; accepts botocore's `%Y-%m-%dT%H:%M:%SZ` and the JS SDK's ISO form with milliseconds. */
export function parseExpiresAt(value: string): number {
  return Date.parse(value);
}

/** `%Y-%m-%dT%H:%M:%SZ` (whole seconds, UTC), the expiry format botocore and `aws login` write. */
export function formatExpiresAt(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return 'an empty string';
  return `a ${typeof value}`;
}

/** Checks a parsed document; returns the problems, naming fields, never values. */
export function tokenProblems(document: unknown): string[] {
  if (!document || typeof document !== 'object' || Array.isArray(document)) {
    return [`the top level is ${describeType(document)}, expected an object`];
  }
  const doc = document as Record<string, unknown>;
  const problems: string[] = [];
  const checkString = (value: unknown, name: string) => {
    if (value === undefined) problems.push(`${name} is missing`);
    else if (typeof value !== 'string' || value.length === 0) {
      problems.push(`${name} is ${describeType(value)}, expected a non-empty string`);
    }
  };
  const access = doc.accessToken;
  if (access === undefined) problems.push('accessToken is missing');
  else if (!access || typeof access !== 'object' || Array.isArray(access)) {
    problems.push(`accessToken is ${describeType(access)}, expected an object`);
  } else {
    const a = access as Record<string, unknown>;
    for (const field of ['accessKeyId', 'secretAccessKey', 'sessionToken', 'accountId', 'expiresAt']) {
      checkString(a[field], `accessToken.${field}`);
    }
    if (typeof a.expiresAt === 'string' && a.expiresAt && Number.isNaN(parseExpiresAt(a.expiresAt))) {
      problems.push('accessToken.expiresAt is not a date');
    }
  }
  checkString(doc.refreshToken, 'refreshToken');
  checkString(doc.dpopKey, 'dpopKey');
  checkString(doc.clientId, 'clientId');
  if (doc.signInRegion !== undefined && typeof doc.signInRegion !== 'string') {
    problems.push(`signInRegion is ${describeType(doc.signInRegion)}, expected a string`);
  }
  return problems;
}

/** Reads the file's text with a size limit, mapping every failure to its own reason. */
async function readCacheText(path: string, profile: string): Promise<string> {
  const hint = reloginHint(profile);
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      const dir = join(path, '..');
      const dirExists = await stat(dir).then(
        () => true,
        () => false,
      );
      if (!dirExists) {
        throw new LoginError(
          LoginErrorReason.cacheDirectoryMissing,
          `The aws login cache directory ${dir} does not exist, so profile ${profile} has no login session.`,
          { hint, cacheFile: path, cause: error },
        );
      }
      throw new LoginError(
        LoginErrorReason.cacheFileMissing,
        `No aws login session is cached for profile ${profile} (expected ${path}).`,
        { hint, cacheFile: path, cause: error },
      );
    }
    throw new LoginError(LoginErrorReason.cacheFileUnreadable, `Cannot read ${path}: ${code ?? String(error)}.`, {
      hint: `Check the file's permissions, or run: ${hint}`,
      cacheFile: path,
      cause: error,
    });
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) {
      throw new LoginError(LoginErrorReason.cacheFileUnreadable, `${path} is not a regular file.`, {
        hint: `Remove it, then run: ${hint}`,
        cacheFile: path,
      });
    }
    if (info.size > MAX_LOGIN_CACHE_FILE_BYTES) {
      throw new LoginError(
        LoginErrorReason.cacheFileTooLarge,
        `The aws login cache file ${path} is ${info.size} bytes, far larger than a login token (limit ${MAX_LOGIN_CACHE_FILE_BYTES}).`,
        { hint: `Remove it, then run: ${hint}`, cacheFile: path },
      );
    }
    const buffer = Buffer.alloc(MAX_LOGIN_CACHE_FILE_BYTES + 1);
    let length = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length > MAX_LOGIN_CACHE_FILE_BYTES) {
        throw new LoginError(
          LoginErrorReason.cacheFileTooLarge,
          `The aws login cache file ${path} is larger than a login token (limit ${MAX_LOGIN_CACHE_FILE_BYTES} bytes).`,
          { hint: `Remove it, then run: ${hint}`, cacheFile: path },
        );
      }
    }
    return buffer.subarray(0, length).toString('utf8');
  } finally {
    await handle.close();
  }
}

/** Whether a JSON.parse error means the text stops early (a partial write) rather than being wrong somewhere. */
function endsEarly(message: string, text: string): boolean {
  if (/end of JSON input|Unterminated/i.test(message)) return true;
  const position = /position (\d+)/.exec(message);
  return position !== null && Number(position[1]) >= text.trimEnd().length;
}

/** Parses and validates cache-file text; `path` and `profile` only shape the messages. */
export function parseLoginToken(text: string, path: string, profile: string): LoginToken {
  const hint = reloginHint(profile);
  if (text.trim().length === 0) {
    throw new LoginError(LoginErrorReason.cacheFileEmpty, `The aws login cache file ${path} is empty.`, {
      hint,
      cacheFile: path,
    });
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    const truncated = endsEarly((error as Error).message, text);
    throw new LoginError(
      truncated ? LoginErrorReason.cacheFileTruncated : LoginErrorReason.cacheFileCorrupt,
      truncated
        ? `The aws login cache file ${path} is truncated (its JSON ends early).`
        : `The aws login cache file ${path} is not valid JSON.`,
      { hint, cacheFile: path },
    );
  }
  const problems = tokenProblems(document);
  if (problems.length > 0) {
    throw new LoginError(
      LoginErrorReason.cacheFileInvalid,
      `The aws login cache file ${path} is not a usable login token: ${problems.join('; ')}.`,
      { hint, cacheFile: path },
    );
  }
  const raw = document as Record<string, unknown>;
  const access = raw.accessToken as LoginToken['accessToken'];
  return {
    accessToken: access,
    refreshToken: raw.refreshToken as string,
    dpopKey: raw.dpopKey as string,
    clientId: raw.clientId as string,
    signInRegion: typeof raw.signInRegion === 'string' && raw.signInRegion ? raw.signInRegion : undefined,
    raw,
  };
}

/** Reads and validates the cache file; every failure is a `LoginError` naming the file and its own reason. */
export async function readLoginToken(path: string, profile: string): Promise<LoginToken> {
  return parseLoginToken(await readCacheText(path, profile), path, profile);
}

/**
 * The file text after a refresh, as botocore writes it: the old document with `accessToken` rebuilt in botocore's key
 * order and `refreshToken` replaced in place, unknown fields kept (botocore drops unknown `accessToken` fields; we
 * keep them after its five), serialized like Python's `json.dumps`.
 */
export function refreshedTokenText(
  token: LoginToken,
  fresh: {
    accessKeyId: string;
    secretAccessKey: string;
    sessionToken: string;
    refreshToken: string;
    expiresAt: string;
  },
): string {
  const oldAccess = token.raw.accessToken as Record<string, unknown>;
  const accessToken: Record<string, unknown> = {
    accessKeyId: fresh.accessKeyId,
    secretAccessKey: fresh.secretAccessKey,
    sessionToken: fresh.sessionToken,
    accountId: token.accessToken.accountId,
    expiresAt: fresh.expiresAt,
  };
  for (const [key, value] of Object.entries(oldAccess)) if (!(key in accessToken)) accessToken[key] = value;
  const document: Record<string, unknown> = { ...token.raw, accessToken, refreshToken: fresh.refreshToken };
  return pythonJsonDumps(document);
}
