import { endpointOverride } from '../config/region.js';
import { writeFileAtomically, SECRET_FILE_MODE } from '../config/safe-write.js';
import { describeError } from '../errors.js';
import type { AwsCredentials, CredentialProvider } from '../credentials/types.js';
import type { System } from '../system.js';
import { formatExpiresAt, parseExpiresAt, readLoginToken, refreshedTokenText, type LoginToken } from './cache-file.js';
import { loadDpopPrivateKey } from './dpop.js';
import { LoginError, LoginErrorReason, reloginHint } from './errors.js';
import { LockTimeout, withRefreshLock, type RefreshLockOptions } from './lock.js';
import { resolveLoginProfile, type LoginProfile } from './profile.js';
import { exchangeRefreshToken, SigninRefusal } from './signin-exchange.js';

/** Credentials this close to `expiresAt` are refreshed before use (botocore and the JS SDK: 5 minutes). */
export const LOGIN_REFRESH_THRESHOLD_MS = 5 * 60 * 1000;

export interface GetLoginCredentialsOptions {
  /** Default: AWS_PROFILE, AWS_DEFAULT_PROFILE, then `default`. */
  profile?: string | undefined;
  /** Sign-in endpoint override; default AWS_ENDPOINT_URL_SIGNIN (then AWS_ENDPOINT_URL, the profile's endpoint_url). */
  signinEndpoint?: string | undefined;
  /** Refresh even when the cached credentials are still fresh (unless another process just did). */
  forceRefresh?: boolean | undefined;
  /** Inter-process lock tuning (tests shorten `staleMs`). */
  lock?: RefreshLockOptions | undefined;
}

export interface LoginCredentialsResult {
  readonly credentials: AwsCredentials;
  /** True when this call exchanged the refresh token (and rewrote the cache file). */
  readonly refreshed: boolean;
  /**
   * Where the credentials came from: `cache` (fresh enough), `refresh` (this call refreshed), `other-process` (another
   * process refreshed while this one waited for the lock), `fallback` (a refresh was due but failed or the lock was
   * held too long; the cached, still-valid credentials were returned with a warning).
   */
  readonly source: 'cache' | 'refresh' | 'other-process' | 'fallback';
  readonly cacheFile: string;
  readonly profile: string;
  readonly loginSession: string;
}

function toCredentials(token: LoginToken): AwsCredentials {
  const a = token.accessToken;
  return {
    accessKeyId: a.accessKeyId,
    secretAccessKey: a.secretAccessKey,
    sessionToken: a.sessionToken,
    accountId: a.accountId,
    expiration: new Date(parseExpiresAt(a.expiresAt)),
  };
}

const remainingMs = (token: LoginToken, system: System) => parseExpiresAt(token.accessToken.expiresAt) - system.now();

/** Refreshes in flight in this process, per cache file: concurrent callers share one. */
const inFlight = new Map<string, Promise<LoginCredentialsResult>>();

/**
 * Credentials of an `aws login` session, as botocore and the JS SDK produce them: read from the cache file of the
 * profile's `login_session`, refreshed first when within 5 minutes of expiry. A refresh takes the cache file's
 * inter-process lock, re-reads the file (another process may have refreshed it: then its result is used and no
 * refresh token is presented twice), exchanges the refresh token with a DPoP proof, and writes the file back
 * atomically in the AWS CLI's format. If the sign-in service cannot be reached while the cached credentials are still
 * valid, they are returned with a warning.
 */
export async function getLoginCredentials(
  system: System,
  options: GetLoginCredentialsOptions = {},
): Promise<LoginCredentialsResult> {
  const profile = await resolveLoginProfile(system, options.profile);
  const token = await readLoginToken(profile.cacheFile, profile.profile);
  const base = { cacheFile: profile.cacheFile, profile: profile.profile, loginSession: profile.loginSession };
  if (!options.forceRefresh && remainingMs(token, system) > LOGIN_REFRESH_THRESHOLD_MS) {
    return { ...base, credentials: toCredentials(token), refreshed: false, source: 'cache' };
  }
  const running = inFlight.get(profile.cacheFile);
  if (running) return running;
  const refresh = refreshUnderLock(system, profile, token, options).finally(() => inFlight.delete(profile.cacheFile));
  inFlight.set(profile.cacheFile, refresh);
  return refresh;
}

async function refreshUnderLock(
  system: System,
  profile: LoginProfile,
  seen: LoginToken,
  options: GetLoginCredentialsOptions,
): Promise<LoginCredentialsResult> {
  const base = { cacheFile: profile.cacheFile, profile: profile.profile, loginSession: profile.loginSession };
  try {
    return await withRefreshLock(profile.cacheFile, options.lock ?? {}, async () => {
      // Under the lock the file is the truth: another process may have refreshed while we waited.
      const current = await readLoginToken(profile.cacheFile, profile.profile);
      const someoneRefreshed = current.refreshToken !== seen.refreshToken;
      const fresh = remainingMs(current, system) > LOGIN_REFRESH_THRESHOLD_MS;
      if ((fresh && !options.forceRefresh) || (options.forceRefresh && someoneRefreshed)) {
        return {
          ...base,
          credentials: toCredentials(current),
          refreshed: false,
          source: someoneRefreshed ? 'other-process' : 'cache',
        };
      }
      return await refreshNow(system, profile, current, options);
    });
  } catch (error) {
    if (!(error instanceof LockTimeout)) throw error;
    if (remainingMs(seen, system) > 0) {
      system.warn(`could not take the aws login refresh lock (${error.message}); using the cached credentials.`);
      return { ...base, credentials: toCredentials(seen), refreshed: false, source: 'fallback' };
    }
    throw new LoginError(
      LoginErrorReason.lockTimeout,
      `Could not take the refresh lock of the aws login session of profile ${profile.profile}: ${error.message}.`,
      {
        hint: `Retry; if another process is stuck, stop it or remove ${profile.cacheFile}.lock`,
        cacheFile: profile.cacheFile,
        cause: error,
      },
    );
  }
}

function signinRegion(system: System, profile: LoginProfile, token: LoginToken): string {
  // The JS SDK's order; botocore's client would also take AWS_DEFAULT_REGION, so it comes last.
  const region =
    token.signInRegion ?? profile.settings.region ?? system.env.AWS_REGION ?? system.env.AWS_DEFAULT_REGION;
  if (!region) {
    throw new LoginError(
      LoginErrorReason.regionMissing,
      `No region is known for refreshing the aws login session of profile ${profile.profile}.`,
      {
        hint: `aws configure set region us-east-1 --profile ${profile.profile}   (or set AWS_REGION)`,
        cacheFile: profile.cacheFile,
      },
    );
  }
  return region;
}

function refusalError(refusal: SigninRefusal, profile: LoginProfile): LoginError {
  const hint = reloginHint(profile.profile);
  const cacheFile = profile.cacheFile;
  switch (refusal.errorCode) {
    case 'TOKEN_EXPIRED':
      return new LoginError(
        LoginErrorReason.tokenExpired,
        `The aws login session of profile ${profile.profile} has expired; sign in again.`,
        { hint, cacheFile, cause: refusal },
      );
    case 'USER_CREDENTIALS_CHANGED':
      return new LoginError(
        LoginErrorReason.userCredentialsChanged,
        `The password of the user behind profile ${profile.profile} changed since aws login; sign in again with the new password.`,
        { hint, cacheFile, cause: refusal },
      );
    case 'INSUFFICIENT_PERMISSIONS':
      return new LoginError(
        LoginErrorReason.insufficientPermissions,
        `The identity behind profile ${profile.profile} may not refresh its aws login session (signin:CreateOAuth2Token is denied).`,
        {
          hint: `Ask your administrator to allow signin:CreateOAuth2Token, then: ${hint}`,
          cacheFile,
          cause: refusal,
        },
      );
    default:
      return new LoginError(
        LoginErrorReason.refreshRejected,
        `The sign-in service refused to refresh the aws login session of profile ${profile.profile} (${refusal.errorName}${refusal.errorCode ? ` ${refusal.errorCode}` : ''}).`,
        { hint, cacheFile, cause: refusal },
      );
  }
}

async function refreshNow(
  system: System,
  profile: LoginProfile,
  token: LoginToken,
  options: GetLoginCredentialsOptions,
): Promise<LoginCredentialsResult> {
  const base = { cacheFile: profile.cacheFile, profile: profile.profile, loginSession: profile.loginSession };
  let dpopKey;
  try {
    dpopKey = loadDpopPrivateKey(token.dpopKey);
  } catch (error) {
    throw new LoginError(
      LoginErrorReason.dpopKeyInvalid,
      `The dpopKey in ${profile.cacheFile} is not a usable EC P-256 private key.`,
      { hint: reloginHint(profile.profile), cacheFile: profile.cacheFile, cause: error },
    );
  }
  const region = signinRegion(system, profile, token);
  const endpoint = options.signinEndpoint ?? endpointOverride(system, 'Signin', profile.settings);
  let result;
  try {
    result = await exchangeRefreshToken({
      clientId: token.clientId,
      refreshToken: token.refreshToken,
      dpopKey,
      region,
      endpoint,
      now: () => system.now(),
    });
  } catch (error) {
    if (error instanceof SigninRefusal) throw refusalError(error, profile);
    if (remainingMs(token, system) > 0) {
      system.warn(
        `could not refresh the aws login session of profile ${profile.profile} (${describeError(error)}); using the cached credentials until they expire at ${token.accessToken.expiresAt}.`,
      );
      return { ...base, credentials: toCredentials(token), refreshed: false, source: 'fallback' };
    }
    throw new LoginError(
      LoginErrorReason.refreshFailed,
      `Could not reach the sign-in service to refresh the expired aws login session of profile ${profile.profile}: ${describeError(error)}`,
      {
        hint: `Check the network (and AWS_ENDPOINT_URL_SIGNIN), then retry or run: ${reloginHint(profile.profile)}`,
        cacheFile: profile.cacheFile,
        cause: error,
      },
    );
  }
  const expiresAt = formatExpiresAt(system.now() + result.expiresIn * 1000);
  const text = refreshedTokenText(token, { ...result, expiresAt });
  const credentials: AwsCredentials = {
    accessKeyId: result.accessKeyId,
    secretAccessKey: result.secretAccessKey,
    sessionToken: result.sessionToken,
    accountId: token.accessToken.accountId,
    expiration: new Date(parseExpiresAt(expiresAt)),
  };
  try {
    await writeFileAtomically(profile.cacheFile, text, { mode: SECRET_FILE_MODE });
  } catch (error) {
    // The old refresh token is spent; the credentials in hand are still good for this process.
    system.warn(
      `refreshed the aws login session of profile ${profile.profile} but could not save ${profile.cacheFile} (${describeError(error)}); other processes will need: ${reloginHint(profile.profile)}`,
    );
  }
  return { ...base, credentials, refreshed: true, source: 'refresh' };
}

export interface FromLoginCacheOptions extends GetLoginCredentialsOptions {
  system: System;
}

/**
 * An AWS SDK v3 credential provider over an `aws login` session that refreshes transparently:
 * `new STSClient({ region, credentials: fromLoginCache({ profile: 'dev', system }) })`.
 */
export function fromLoginCache(options: FromLoginCacheOptions): CredentialProvider {
  const { system, ...rest } = options;
  return async () => (await getLoginCredentials(system, rest)).credentials;
}
