import { AwsDoctorError } from '../errors.js';

/** Stable reason keys of every `aws login` cache failure (used by `--json`, the doctor and the credential chain). */
export const LoginErrorReason = {
  /** The profile named does not exist in the config file. */
  profileNotFound: 'login.profile-not-found',
  /** The profile exists but has no `login_session`: the login source is simply not configured for it. */
  noLoginSession: 'login.no-login-session',
  cacheDirectoryMissing: 'login.cache-directory-missing',
  cacheFileMissing: 'login.cache-file-missing',
  cacheFileEmpty: 'login.cache-file-empty',
  cacheFileTruncated: 'login.cache-file-truncated',
  cacheFileCorrupt: 'login.cache-file-corrupt',
  cacheFileTooLarge: 'login.cache-file-too-large',
  /** Valid JSON, but fields missing or of the wrong type. */
  cacheFileInvalid: 'login.cache-file-invalid',
  cacheFileUnreadable: 'login.cache-file-unreadable',
  dpopKeyInvalid: 'login.dpop-key-invalid',
  regionMissing: 'login.region-missing',
  /** The sign-in service: the session (refresh token) expired or was revoked. */
  tokenExpired: 'login.token-expired',
  /** The sign-in service: the user's password changed since `aws login`. */
  userCredentialsChanged: 'login.user-credentials-changed',
  /** The sign-in service: the principal may not call `signin:CreateOAuth2Token`. */
  insufficientPermissions: 'login.insufficient-permissions',
  /** The sign-in service refused the request for another reason. */
  refreshRejected: 'login.refresh-rejected',
  /** The sign-in service could not be reached (or failed) and the cached credentials have expired. */
  refreshFailed: 'login.refresh-failed',
  /** The refresh lock was held too long by another process (or cannot be created) and the credentials have expired. */
  lockTimeout: 'login.lock-timeout',
} as const;

export type LoginErrorReasonKey = (typeof LoginErrorReason)[keyof typeof LoginErrorReason];

/** The next step for nearly every login failure. */
export function reloginHint(profile: string): string {
  return profile === 'default' ? 'aws login' : `aws login --profile ${profile}`;
}

export class LoginError extends AwsDoctorError {
  override readonly name = 'LoginError';
  /** The cache file concerned, when there is one. */
  readonly cacheFile: string | undefined;
  constructor(
    reason: LoginErrorReasonKey,
    message: string,
    options: { cause?: unknown; hint?: string; cacheFile?: string | undefined } = {},
  ) {
    super(reason, message, options);
    this.cacheFile = options.cacheFile;
  }
}

/** True when the failure only means "this profile does not use aws login" (the credential chain moves on). */
export function isLoginNotConfigured(error: unknown): boolean {
  return (
    error instanceof AwsDoctorError &&
    (error.reason === LoginErrorReason.noLoginSession || error.reason === LoginErrorReason.profileNotFound)
  );
}
