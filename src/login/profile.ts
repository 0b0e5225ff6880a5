import { loadSharedConfig, type ProfileSettings } from '../config/shared-files.js';
import type { System } from '../system.js';
import { loginCacheFilePath } from './cache-file.js';
import { LoginError, LoginErrorReason, reloginHint } from './errors.js';

export interface LoginProfile {
  readonly profile: string;
  readonly settings: ProfileSettings;
  readonly loginSession: string;
  readonly cacheFile: string;
}

/** The profile the SDKs would use: the one asked for, else AWS_PROFILE, else AWS_DEFAULT_PROFILE, else `default`. */
export function selectedProfileName(system: System, profile?: string | undefined): string {
  return profile || system.env.AWS_PROFILE || system.env.AWS_DEFAULT_PROFILE || 'default';
}

/**
 * Finds the profile's `login_session` (config file first, then the credentials file, as the JS SDK merges them) and
 * its cache file. Throws `login.profile-not-found` or `login.no-login-session`: the latter means "not configured".
 */
export async function resolveLoginProfile(system: System, profile?: string | undefined): Promise<LoginProfile> {
  const name = selectedProfileName(system, profile);
  const shared = await loadSharedConfig(system);
  const fromConfig = shared.config.sections[name];
  const fromCredentials = shared.credentials.sections[name];
  if (!fromConfig && !fromCredentials) {
    throw new LoginError(
      LoginErrorReason.profileNotFound,
      `Profile ${name} is not in ${shared.config.path}${shared.config.exists ? '' : ' (the file does not exist)'}.`,
      { hint: `${reloginHint(name)}   (aws login creates the profile)` },
    );
  }
  const settings: ProfileSettings = { ...fromConfig, ...fromCredentials };
  const loginSession = settings.login_session;
  if (!loginSession) {
    throw new LoginError(
      LoginErrorReason.noLoginSession,
      `Profile ${name} has no login_session, so it does not use aws login credentials.`,
      { hint: `${reloginHint(name)}   (to sign in with aws login for this profile)` },
    );
  }
  return { profile: name, settings, loginSession, cacheFile: loginCacheFilePath(system, loginSession) };
}
