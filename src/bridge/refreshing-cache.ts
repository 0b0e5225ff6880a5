import type { AwsCredentials, CredentialProvider } from '../credentials/types.js';

export interface RefreshingCacheOptions {
  readonly provider: CredentialProvider;
  /** Milliseconds since the epoch. */
  readonly now: () => number;
  /**
   * Ask the provider again once fewer than this many ms remain. 5 minutes: the point where the login engine (and the
   * JS SDK's login provider) refreshes, so asking earlier would only return the same credentials.
   */
  readonly refreshMarginMs?: number;
  /** Credentials obtained less than this long ago are reused even inside the margin (a burst needs one refresh). */
  readonly minAskIntervalMs?: number;
}

export const DEFAULT_REFRESH_MARGIN_MS = 5 * 60 * 1000;

/**
 * Wraps a provider for a long-running server: answers from memory while the credentials are fresh, and asks the
 * provider with single-flight: concurrent callers that need new credentials share one provider call.
 */
export function refreshingCache(options: RefreshingCacheOptions): CredentialProvider {
  const margin = options.refreshMarginMs ?? DEFAULT_REFRESH_MARGIN_MS;
  const minInterval = options.minAskIntervalMs ?? 1000;
  let cached: { credentials: AwsCredentials; obtainedAt: number } | undefined;
  let inFlight: Promise<AwsCredentials> | undefined;

  const usable = (now: number): AwsCredentials | undefined => {
    if (!cached) return undefined;
    const expiry = cached.credentials.expiration?.getTime();
    if (expiry === undefined) return cached.credentials;
    if (expiry - now > margin) return cached.credentials;
    // Reused in a burst only while clearly valid: an SDK raises if handed credentials that are already expired.
    if (now - cached.obtainedAt < minInterval && expiry - now > 10_000) return cached.credentials;
    return undefined;
  };

  return async () => {
    const hit = usable(options.now());
    if (hit) return hit;
    inFlight ??= options
      .provider()
      .then((credentials) => {
        cached = { credentials, obtainedAt: options.now() };
        return credentials;
      })
      .finally(() => {
        inFlight = undefined;
      });
    return inFlight;
  };
}
