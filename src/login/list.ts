import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { loginCacheDirectory } from '../config/paths.js';
import { loadSharedConfig } from '../config/shared-files.js';
import { AwsDoctorError } from '../errors.js';
import type { System } from '../system.js';
import { loginCacheFilePath, parseExpiresAt, readLoginToken } from './cache-file.js';
import { LOGIN_REFRESH_THRESHOLD_MS } from './credentials.js';

/**
 * - `valid`: usable as is;
 * - `refresh-due`: within 5 minutes of expiry, the next use refreshes;
 * - `expired`: the credentials have expired (the next use tries the refresh token);
 * - `unreadable`: the file cannot be used (see `errorReason`);
 * - `missing`: a profile names a login session whose file does not exist.
 */
export type LoginSessionStatus = 'valid' | 'refresh-due' | 'expired' | 'unreadable' | 'missing';

export interface LoginSessionEntry {
  readonly cacheFile: string;
  /** Profiles whose `login_session` hashes to this file (empty: an orphan). */
  readonly profiles: readonly string[];
  /** The `login_session` value, when a profile names it. */
  readonly loginSession: string | undefined;
  readonly status: LoginSessionStatus;
  readonly accountId: string | undefined;
  readonly expiresAt: string | undefined;
  /** Seconds until expiry (negative: since). */
  readonly expiresInSeconds: number | undefined;
  readonly accessKeyId: string | undefined;
  readonly orphan: boolean;
  readonly errorReason: string | undefined;
  readonly error: string | undefined;
}

export interface LoginSessionList {
  readonly cacheDirectory: string;
  readonly cacheDirectoryExists: boolean;
  readonly sessions: readonly LoginSessionEntry[];
}

const CACHE_FILE_NAME = /^[0-9a-f]{64}\.json$/;

/** Every login cache file and every profile with a `login_session`, matched up; never throws for a bad cache file. */
export async function listLoginSessions(system: System): Promise<LoginSessionList> {
  const cacheDirectory = loginCacheDirectory(system);
  const shared = await loadSharedConfig(system);
  const profilesByFile = new Map<string, { loginSession: string; profiles: string[] }>();
  const sections = { ...shared.credentials.sections, ...shared.config.sections };
  for (const [name, settings] of Object.entries(sections)) {
    const loginSession = settings.login_session;
    // `sso-session.x` and `services.x` sections are not profiles (a profile's own name may contain dots).
    if (!loginSession || name.startsWith('sso-session.') || name.startsWith('services.')) continue;
    const file = loginCacheFilePath(system, loginSession);
    const entry = profilesByFile.get(file) ?? { loginSession, profiles: [] };
    entry.profiles.push(name);
    profilesByFile.set(file, entry);
  }
  let names: string[] = [];
  let cacheDirectoryExists = true;
  try {
    names = (await readdir(cacheDirectory)).filter((n) => CACHE_FILE_NAME.test(n));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    cacheDirectoryExists = false;
  }
  const files = new Set([...names.map((n) => join(cacheDirectory, n)), ...profilesByFile.keys()]);
  const sessions: LoginSessionEntry[] = [];
  for (const cacheFile of [...files].sort()) {
    const named = profilesByFile.get(cacheFile);
    const profiles = named?.profiles.sort() ?? [];
    const common = { cacheFile, profiles, loginSession: named?.loginSession, orphan: profiles.length === 0 };
    try {
      const token = await readLoginToken(cacheFile, profiles[0] ?? 'default');
      const remaining = parseExpiresAt(token.accessToken.expiresAt) - system.now();
      sessions.push({
        ...common,
        status: remaining <= 0 ? 'expired' : remaining <= LOGIN_REFRESH_THRESHOLD_MS ? 'refresh-due' : 'valid',
        accountId: token.accessToken.accountId,
        expiresAt: token.accessToken.expiresAt,
        expiresInSeconds: Math.round(remaining / 1000),
        accessKeyId: token.accessToken.accessKeyId,
        errorReason: undefined,
        error: undefined,
      });
    } catch (error) {
      if (!(error instanceof AwsDoctorError)) throw error;
      const missing = error.reason === 'login.cache-file-missing' || error.reason === 'login.cache-directory-missing';
      sessions.push({
        ...common,
        status: missing ? 'missing' : 'unreadable',
        accountId: undefined,
        expiresAt: undefined,
        expiresInSeconds: undefined,
        accessKeyId: undefined,
        errorReason: error.reason,
        error: error.message,
      });
    }
  }
  return { cacheDirectory, cacheDirectoryExists, sessions };
}
