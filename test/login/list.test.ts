import { writeFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { formatLoginList, listLoginSessions, loginListJson, type LoginSessionList } from '../../src/login/index.js';
import { runCli } from '../helpers/cli.js';
import { writeLoginSession } from '../helpers/login-fixture.js';
import { makeTempHome, type TempHome } from '../helpers/temp-home.js';

let home: TempHome;
afterEach(async () => home?.cleanup());
const minutes = (m: number) => Date.now() + m * 60_000;

describe('listLoginSessions', () => {
  it('matches every cache file to its profiles, with status, and finds orphans and missing files', async () => {
    home = await makeTempHome();
    const valid = await writeLoginSession(home.home, {
      profile: 'dev',
      expiresAt: minutes(30),
      accountId: '111111111111',
    });
    // A second profile on the same login session shares the file.
    await home.write(
      '.aws/config',
      `${await readText(valid.configFile)}[profile dev-admin]\nlogin_session = ${valid.loginSession}\n`,
    );
    const due = await writeLoginSession(home.home, { profile: 'due', expiresAt: minutes(2) });
    const expired = await writeLoginSession(home.home, { profile: 'old', expiresAt: minutes(-90) });
    const broken = await writeLoginSession(home.home, { profile: 'broken', expiresAt: minutes(30) });
    await writeFile(broken.cacheFile, '{"accessToken": {');
    const orphan = await writeLoginSession(home.home, { profile: 'gone', expiresAt: minutes(30), skipConfig: true });
    const missing = await writeLoginSession(home.home, { profile: 'nofile', expiresAt: minutes(30) });
    await rm(missing.cacheFile);
    await writeFile(join(valid.cacheFile, '..', 'not-a-cache-file.txt'), 'x');

    const list = await listLoginSessions(home.system());
    const byFile = new Map(list.sessions.map((s) => [s.cacheFile, s]));
    expect(list.sessions).toHaveLength(6);
    expect(byFile.get(valid.cacheFile)).toMatchObject({
      profiles: ['dev', 'dev-admin'],
      status: 'valid',
      accountId: '111111111111',
      orphan: false,
    });
    expect(byFile.get(due.cacheFile)).toMatchObject({ profiles: ['due'], status: 'refresh-due' });
    expect(byFile.get(expired.cacheFile)).toMatchObject({ profiles: ['old'], status: 'expired' });
    expect(byFile.get(broken.cacheFile)).toMatchObject({
      status: 'unreadable',
      errorReason: 'login.cache-file-truncated',
    });
    expect(byFile.get(orphan.cacheFile)).toMatchObject({ profiles: [], orphan: true, status: 'valid' });
    expect(byFile.get(missing.cacheFile)).toMatchObject({ profiles: ['nofile'], status: 'missing' });

    const cli = await runCli(['login', 'list', '--json'], { env: home.env });
    expect(cli.code).toBe(1); // an unreadable file and a missing one
    const json = JSON.parse(cli.stdout) as { sessions: Array<{ status: string; accessKeyId: string | null }> };
    expect(json.sessions.map((s) => s.status).sort()).toEqual(
      ['expired', 'missing', 'refresh-due', 'unreadable', 'valid', 'valid'].sort(),
    );
    expect(cli.stdout).not.toContain(valid.accessKeyId);
    expect(cli.stdout).not.toContain(valid.refreshToken);
    const human = await runCli(['login', 'list'], { env: home.env });
    expect(human.stdout).toContain('dev, dev-admin');
    expect(human.stdout).toContain('(no profile: orphan)');
    expect(human.stdout).toContain('1 orphan file');
  });

  it('an empty machine: no directory, no profiles, exit 0', async () => {
    home = await makeTempHome();
    const cli = await runCli(['login', 'list'], { env: home.env });
    expect(cli.code).toBe(0);
    expect(cli.stdout).toContain('(does not exist)');
    expect(cli.stdout).toContain('No aws login sessions');
  });
});

async function readText(path: string): Promise<string> {
  const { readFile } = await import('node:fs/promises');
  return readFile(path, 'utf8');
}

const sample: LoginSessionList = {
  cacheDirectory: '/home/u/.aws/login/cache',
  cacheDirectoryExists: true,
  sessions: [
    {
      cacheFile: '/home/u/.aws/login/cache/aaaa.json',
      profiles: ['dev'],
      loginSession: 'arn:aws:iam::111111111111:user/dev',
      status: 'valid',
      accountId: '111111111111',
      expiresAt: '2026-11-27T23:30:00Z',
      expiresInSeconds: 754,
      accessKeyId: 'ASIAEXAMPLEKEYID1234',
      orphan: false,
      errorReason: undefined,
      error: undefined,
    },
    {
      cacheFile: '/home/u/.aws/login/cache/bbbb.json',
      profiles: [],
      loginSession: undefined,
      status: 'expired',
      accountId: '222222222222',
      expiresAt: '2026-11-27T20:00:00Z',
      expiresInSeconds: -3930,
      accessKeyId: 'ASIAOTHERKEYID005678',
      orphan: true,
      errorReason: undefined,
      error: undefined,
    },
  ],
};

describe('login list output (golden)', () => {
  it('human table', () => {
    expect(formatLoginList(sample)).toBe(
      [
        'aws login cache: /home/u/.aws/login/cache',
        'PROFILE               ACCOUNT       EXPIRES (UTC)         STATUS                                  FILE',
        'dev                   111111111111  2026-11-27T23:30:00Z  valid, 12m left                         aaaa.json',
        '(no profile: orphan)  222222222222  2026-11-27T20:00:00Z  expired 1h05m ago (next use refreshes)  bbbb.json',
        '1 orphan file: no profile\'s login_session points there (left by an old aws login; a tool that reads "the first file in the cache" may pick the wrong one).',
        '',
      ].join('\n'),
    );
  });

  it('JSON', () => {
    expect(loginListJson(sample)).toEqual({
      cacheDirectory: '/home/u/.aws/login/cache',
      cacheDirectoryExists: true,
      sessions: [
        {
          cacheFile: '/home/u/.aws/login/cache/aaaa.json',
          profiles: ['dev'],
          loginSession: 'arn:aws:iam::111111111111:user/dev',
          orphan: false,
          status: 'valid',
          accountId: '111111111111',
          expiresAt: '2026-11-27T23:30:00Z',
          expiresInSeconds: 754,
          accessKeyId: 'ASIA…1234',
          errorReason: null,
          error: null,
        },
        {
          cacheFile: '/home/u/.aws/login/cache/bbbb.json',
          profiles: [],
          loginSession: null,
          orphan: true,
          status: 'expired',
          accountId: '222222222222',
          expiresAt: '2026-11-27T20:00:00Z',
          expiresInSeconds: -3930,
          accessKeyId: 'ASIA…5678',
          errorReason: null,
          error: null,
        },
      ],
    });
  });
});
