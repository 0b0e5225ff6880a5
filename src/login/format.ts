import { maskKeyId } from '../redact.js';
import type { LoginCredentialsResult } from './credentials.js';
import type { LoginSessionEntry, LoginSessionList } from './list.js';

/** `2026-11-27T23:45:00Z`: whole seconds, as the cache file writes it. */
const utc = (date: Date | undefined) => (date ? date.toISOString().replace(/\.\d{3}Z$/, 'Z') : undefined);

/** `1h05m`, `4m`, `-12m` (ago): short durations for tables. */
export function shortDuration(seconds: number): string {
  const sign = seconds < 0 ? '-' : '';
  const total = Math.abs(Math.round(seconds));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  if (hours > 0) return `${sign}${hours}h${String(minutes).padStart(2, '0')}m`;
  if (minutes > 0) return `${sign}${minutes}m`;
  return `${sign}${total % 60}s`;
}

function statusText(entry: LoginSessionEntry): string {
  switch (entry.status) {
    case 'valid':
      return `valid, ${shortDuration(entry.expiresInSeconds ?? 0)} left`;
    case 'refresh-due':
      return `refresh due (${shortDuration(entry.expiresInSeconds ?? 0)} left)`;
    case 'expired':
      return `expired ${shortDuration(-(entry.expiresInSeconds ?? 0))} ago (next use refreshes)`;
    case 'missing':
      return 'missing (no cache file)';
    case 'unreadable':
      return `unreadable (${entry.errorReason ?? 'error'})`;
  }
}

/** The JSON document of `awsdoctor login list --json` (key ids masked, no secrets). */
export function loginListJson(list: LoginSessionList): unknown {
  return {
    cacheDirectory: list.cacheDirectory,
    cacheDirectoryExists: list.cacheDirectoryExists,
    sessions: list.sessions.map((s) => ({
      cacheFile: s.cacheFile,
      profiles: s.profiles,
      loginSession: s.loginSession ?? null,
      orphan: s.orphan,
      status: s.status,
      accountId: s.accountId ?? null,
      expiresAt: s.expiresAt ?? null,
      expiresInSeconds: s.expiresInSeconds ?? null,
      accessKeyId: s.accessKeyId ? maskKeyId(s.accessKeyId) : null,
      errorReason: s.errorReason ?? null,
      error: s.error ?? null,
    })),
  };
}

/** The human table of `awsdoctor login list`. */
export function formatLoginList(list: LoginSessionList): string {
  const lines: string[] = [];
  lines.push(`aws login cache: ${list.cacheDirectory}${list.cacheDirectoryExists ? '' : ' (does not exist)'}`);
  if (list.sessions.length === 0) {
    lines.push('No aws login sessions: no cache files, and no profile has a login_session.');
    lines.push('  next: aws login --profile <name>');
    return `${lines.join('\n')}\n`;
  }
  const rows = list.sessions.map((s) => [
    s.orphan ? '(no profile: orphan)' : s.profiles.join(', '),
    s.accountId ?? '-',
    s.expiresAt ?? '-',
    statusText(s),
    s.cacheFile.split(/[\\/]/).pop() ?? s.cacheFile,
  ]);
  const header = ['PROFILE', 'ACCOUNT', 'EXPIRES (UTC)', 'STATUS', 'FILE'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const render = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  lines.push(render(header), ...rows.map(render));
  const orphans = list.sessions.filter((s) => s.orphan).length;
  if (orphans > 0) {
    lines.push(
      `${orphans} orphan file${orphans === 1 ? '' : 's'}: no profile's login_session points there (left by an old aws login; a tool that reads "the first file in the cache" may pick the wrong one).`,
    );
  }
  for (const s of list.sessions.filter((x) => x.status === 'unreadable' || x.status === 'missing')) {
    lines.push(`${s.profiles.join(', ') || s.cacheFile}: ${s.error ?? s.status}`);
  }
  return `${lines.join('\n')}\n`;
}

/** The JSON document of `awsdoctor login refresh --json` (no secrets). */
export function loginRefreshJson(result: LoginCredentialsResult): unknown {
  return {
    profile: result.profile,
    cacheFile: result.cacheFile,
    refreshed: result.refreshed,
    source: result.source,
    accountId: result.credentials.accountId ?? null,
    accessKeyId: maskKeyId(result.credentials.accessKeyId),
    expiresAt: utc(result.credentials.expiration) ?? null,
  };
}

export function formatLoginRefresh(result: LoginCredentialsResult, nowMs: number): string {
  const expires = result.credentials.expiration;
  const left = expires ? ` (in ${shortDuration((expires.getTime() - nowMs) / 1000)})` : '';
  const what = {
    refresh: `Refreshed the aws login session of profile ${result.profile}`,
    'other-process': `Another process had just refreshed the aws login session of profile ${result.profile}`,
    cache: `The aws login session of profile ${result.profile} is still fresh, not refreshed`,
    fallback: `Could not refresh the aws login session of profile ${result.profile}; the cached credentials still work`,
  }[result.source];
  return `${what}: ${maskKeyId(result.credentials.accessKeyId)}, account ${result.credentials.accountId ?? '?'}, expires ${utc(expires) ?? '?'}${left}.\n`;
}
