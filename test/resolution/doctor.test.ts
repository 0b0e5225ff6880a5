import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildDoctorReport, renderDoctorReport } from '../../src/credentials/doctor.js';
import { writeLoginSession } from '../helpers/login-fixture.js';
import { makeTempHome, type TempHome } from '../helpers/temp-home.js';

let home: TempHome;
beforeEach(async () => {
  home = await makeTempHome();
});
afterEach(async () => {
  await home.cleanup();
});

const check = (report: Awaited<ReturnType<typeof buildDoctorReport>>, id: string) =>
  report.checks.find((c) => c.id === id)!;

describe('doctor report', () => {
  it('a fresh aws login session: login wins, expiry in human terms, cache state, nothing shadows it', async () => {
    const session = await writeLoginSession(home.home, {
      profile: 'default',
      region: 'us-east-1',
      expiresAt: Date.now() + 3_600_000,
    });
    const report = await buildDoctorReport(home.system());
    expect(report.healthy).toBe(true);
    expect(report.winner).toMatchObject({ source: 'login' });
    expect(report.winner?.expiry).toMatch(/^expires in (59|60) min, refreshes automatically$/);
    expect(report.loginCache.sessions[0]).toMatchObject({ profile: 'default', exists: true, path: session.cacheFile });
    expect(check(report, 'shadowed-login').status).toBe('ok');
    expect(check(report, 'region').status).toBe('ok');
    expect(report.fixes).toEqual([]);
    const text = renderDoctorReport(report);
    expect(text).toContain('HEALTHY: credentials from login');
    expect(text).not.toContain(session.accessKeyId);
  });

  it('environment keys shadowing login_session are a problem with the exact fix', async () => {
    await writeLoginSession(home.home, { profile: 'default', region: 'us-east-1', expiresAt: Date.now() + 3_600_000 });
    const report = await buildDoctorReport(
      home.system({ AWS_ACCESS_KEY_ID: 'ASIAOLDCOPIEDKEY0001', AWS_SECRET_ACCESS_KEY: 's', AWS_SESSION_TOKEN: 't' }),
    );
    expect(report.winner?.source).toBe('env');
    expect(check(report, 'shadowed-login').status).toBe('problem');
    expect(report.fixes.map((f) => f.command)).toContain(
      'unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN',
    );
  });

  it('a login session older than 12 hours is flagged, and aws login is the fix', async () => {
    await writeLoginSession(home.home, { profile: 'dev', region: 'us-east-1', expiresAt: Date.now() - 60_000 });
    const later = Date.now() + 13 * 3_600_000;
    const report = await buildDoctorReport(
      home.system({ AWS_ENDPOINT_URL_SIGNIN: 'http://127.0.0.1:9' }, () => later),
      { profile: 'dev' },
    );
    expect(check(report, 'login-session-age').status).toBe('problem');
    expect(report.fixes.map((f) => f.command)).toContain('aws login --profile dev');
  });

  it('only AWS_REGION set: boto3 has no region, the JS SDK has one', async () => {
    await home.write('.aws/credentials', '[default]\naws_access_key_id = AKIAX\naws_secret_access_key = s\n');
    const boto = await buildDoctorReport(home.system({ AWS_REGION: 'eu-west-1' }));
    expect(check(boto, 'region')).toMatchObject({ status: 'problem' });
    expect(check(boto, 'region').detail).toContain('boto3 ignores');
    const node = await buildDoctorReport(home.system({ AWS_REGION: 'eu-west-1' }), { sdk: 'node' });
    expect(check(node, 'region').status).toBe('ok');
  });

  it('AWS_DEFAULT_PROFILE and AWS_PROFILE disagreeing is reported with the profile each tool uses', async () => {
    await home.write(
      '.aws/credentials',
      '[a]\naws_access_key_id = AKIAA\naws_secret_access_key = s\n[b]\naws_access_key_id = AKIAB\naws_secret_access_key = s\n',
    );
    const report = await buildDoctorReport(home.system({ AWS_DEFAULT_PROFILE: 'a', AWS_PROFILE: 'b' }));
    expect(report.profile).toBe('a');
    expect(check(report, 'process-view').status).toBe('problem');
    expect(report.notes.join()).toContain('AWS_PROFILE=b is ignored');
  });
});
