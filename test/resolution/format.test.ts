import { describe, expect, it } from 'vitest';
import { renderResolution } from '../../src/cli/creds-resolve.js';
import { describeExpiry } from '../../src/credentials/doctor.js';
import { parsePrincipal } from '../../src/credentials/whoami.js';

describe('pure formats', () => {
  it('describeExpiry says when, and whether the SDK refreshes', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(describeExpiry('2026-01-01T00:09:00Z', now, 'login')).toBe('expires in 9 min, refreshes automatically');
    expect(describeExpiry('2026-01-01T03:00:00Z', now, 'env')).toBe(
      'expires in 3 h, does not refresh: re-export them before then',
    );
    expect(describeExpiry('2025-12-31T23:00:00Z', now, 'env')).toBe('expired 60 min ago, every call fails now');
    expect(describeExpiry(null, now, 'shared-credentials-file')).toBe('does not expire (long-lived keys)');
  });

  it('parsePrincipal tells users, roles with sessions, root and federated users apart', () => {
    expect(parsePrincipal('arn:aws:iam::123456789012:user/team/alice')).toEqual({ kind: 'user', name: 'alice' });
    expect(parsePrincipal('arn:aws:sts::123456789012:assumed-role/Admin/alice@example.com')).toEqual({
      kind: 'assumed-role',
      name: 'Admin',
      session: 'alice@example.com',
    });
    expect(parsePrincipal('arn:aws:iam::123456789012:root')).toEqual({ kind: 'root', name: 'root' });
    expect(parsePrincipal('arn:aws:sts::123456789012:federated-user/bob')).toEqual({
      kind: 'federated-user',
      name: 'bob',
    });
  });

  it('renderResolution is pinned', async () => {
    const text = renderResolution({
      ok: false,
      sdk: 'boto3',
      profile: 'dev',
      source: null,
      error: { code: 'MissingDependencyException', message: 'Missing Dependency: awscrt' },
      trace: [
        { source: 'env', status: 'skipped', reason: 'an explicit profile turns off environment keys in botocore' },
        {
          source: 'login',
          status: 'failed',
          reason: 'login_session x in profile dev, but awscrt is not installed',
          errorCode: 'MissingDependencyException',
        },
      ],
    });
    await expect(text).toMatchFileSnapshot('golden/resolve-missing-dependency.txt');
  });
});
