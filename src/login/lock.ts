import lockfile from 'proper-lockfile';

export interface RefreshLockOptions {
  /**
   * A lock whose holder stopped refreshing its heartbeat for this long is taken over (a crashed or killed holder).
   * The holder touches the lock every `staleMs / 2`. Minimum 2000 (proper-lockfile's floor).
   */
  staleMs?: number;
  /** How long to wait for another process's refresh before giving up, ms. */
  waitMs?: number;
}

export const DEFAULT_LOCK_STALE_MS = 10_000;
export const DEFAULT_LOCK_WAIT_MS = 30_000;

/** Thrown when the lock could not be acquired within `waitMs`, or not at all (`cause`: e.g. a read-only directory). */
export class LockTimeout extends Error {}

/**
 * Runs `work` holding the inter-process lock of `cacheFile` (`<cacheFile>.lock`, a directory: atomic to create on
 * every file system proper-lockfile supports). Waiters poll with a short jittered backoff.
 */
export async function withRefreshLock<T>(
  cacheFile: string,
  options: RefreshLockOptions,
  work: () => Promise<T>,
): Promise<T> {
  const stale = Math.max(2000, options.staleMs ?? DEFAULT_LOCK_STALE_MS);
  const waitMs = options.waitMs ?? DEFAULT_LOCK_WAIT_MS;
  const deadline = Date.now() + waitMs;
  let release: (() => Promise<void>) | undefined;
  let compromised: Error | undefined;
  for (let attempt = 0; !release; attempt++) {
    try {
      release = await lockfile.lock(cacheFile, {
        stale,
        update: Math.floor(stale / 2),
        realpath: false,
        retries: 0,
        onCompromised: (error) => {
          // Another process judged us stale and took over; finishing our write is still atomic, so only note it.
          compromised = error;
        },
      });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') {
        throw new LockTimeout(`cannot create the lock ${cacheFile}.lock: ${(error as Error).message}`, {
          cause: error,
        });
      }
      if (Date.now() >= deadline) throw new LockTimeout(`lock on ${cacheFile} held for more than ${waitMs} ms`);
      const delay = Math.min(250, 25 * 1.5 ** Math.min(attempt, 8)) * (0.5 + Math.random());
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
  try {
    return await work();
  } finally {
    if (!compromised) await release().catch(() => {});
  }
}
