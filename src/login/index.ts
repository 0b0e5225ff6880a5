// Public exports of this area, re-exported by src/index.ts.
export {
  getLoginCredentials,
  fromLoginCache,
  LOGIN_REFRESH_THRESHOLD_MS,
  type GetLoginCredentialsOptions,
  type LoginCredentialsResult,
  type FromLoginCacheOptions,
} from './credentials.js';
export {
  loginCacheFilePath,
  readLoginToken,
  parseLoginToken,
  MAX_LOGIN_CACHE_FILE_BYTES,
  type LoginToken,
} from './cache-file.js';
export { listLoginSessions, type LoginSessionEntry, type LoginSessionList, type LoginSessionStatus } from './list.js';
export { resolveLoginProfile, selectedProfileName, type LoginProfile } from './profile.js';
export { LoginErrorReason, LoginError, isLoginNotConfigured, type LoginErrorReasonKey } from './errors.js';
export { DEFAULT_LOCK_STALE_MS, type RefreshLockOptions } from './lock.js';
export { formatLoginList, loginListJson, formatLoginRefresh, loginRefreshJson } from './format.js';
