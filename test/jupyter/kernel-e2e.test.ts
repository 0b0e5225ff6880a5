/**
 * End to end with a real Jupyter kernel (ipykernel started by nbclient through jupyter_client, the way Jupyter
 * starts kernels), real boto3/botocore (no awscrt), moto, and the local sign-in test server. No mocks.
 */
import { execFileSync, spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { makeBinDir, pythonKernelSpec, writeKernelSpec } from '../helpers/jupyter-env.js';
import { writeLoginSession, type WrittenLoginSession } from '../helpers/login-fixture.js';
import { startMoto, type MotoServer } from '../helpers/moto.js';
import { makeTempHome, type TempHome } from '../helpers/temp-home.js';
import { startExpiringCredentialsProxy, type ExpiringCredentialsProxy } from '../servers/expiring-credentials-proxy.js';
import { startSigninTestServer, type SigninTestServer } from '../servers/signin-test-server.js';

const RUN_NOTEBOOK = fileURLToPath(new URL('../fixtures/run_notebook.py', import.meta.url));
/**
 * Lifetime of temporary credentials, seconds: the sign-in server mints them with it, and the proxy refuses a key
 * this long after its first use (lenient: the real key was minted earlier). Cells below sleep past it.
 */
const LIFETIME_S = 6;
/** Kernels, CLI runs and credential_process children are slow on a busy 2-core machine. */
const E2E_TIMEOUT_MS = 240_000;

type CellResult = { ok: true; output: string } | { ok: false; ename: string; evalue: string };

/** Runs cells in a fresh kernel of `kernel` (one kernel process), with exactly `env` as the launching environment. */
function runCells(kernel: string, cells: string[], env: Record<string, string>): Promise<CellResult[]> {
  return new Promise((resolve, reject) => {
    const child = spawn('python3', [RUN_NOTEBOOK], { env });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('error', reject);
    child.on('close', () => {
      try {
        resolve((JSON.parse(out) as { cells: CellResult[] }).cells);
      } catch {
        reject(new Error(`run_notebook.py printed no JSON: ${out}\n${err.slice(-3000)}`));
      }
    });
    child.stdin.end(JSON.stringify({ kernel, cells, timeout: 90 }));
  });
}

/** The guide's Step 1 and Step 2, verbatim: copy the first login-cache file's credentials into os.environ. */
const GUIDE_LOAD = `import boto3
import json
import os
from pathlib import Path


def load_aws_login_credentials():
    login_cache_dir = Path.home() / '.aws' / 'login' / 'cache'
    credential_files = list(login_cache_dir.glob('*.json'))
    if not credential_files:
        return None
    try:
        with open(credential_files[0]) as f:
            creds_data = json.load(f)
            access_token = creds_data.get('accessToken', {})
            return {
                'aws_access_key_id': access_token.get('accessKeyId'),
                'aws_secret_access_key': access_token.get('secretAccessKey'),
                'aws_session_token': access_token.get('sessionToken')
            }
    except Exception:
        return None

_aws_creds = load_aws_login_credentials()
if _aws_creds:
    os.environ.update(_aws_creds)
    print("✓ AWS credentials loaded")
else:
    print("⚠ No credentials found. Run 'aws login' first.")`;

/** The guide's Step 3: a Session from the copied credentials. */
const GUIDE_CALL = `boto3.Session(
    aws_access_key_id=_aws_creds['aws_access_key_id'],
    aws_secret_access_key=_aws_creds['aws_secret_access_key'],
    aws_session_token=_aws_creds['aws_session_token'],
    region_name='us-east-1',
).client('sts').get_caller_identity()['Arn']`;

const PLAIN_CALL = `import boto3\nboto3.client("sts").get_caller_identity()["Arn"]`;

interface CheckJson {
  kernels: {
    name: string;
    status: string;
    python: { botocoreVersion: string; awscrtVersion: string | null };
    resolution: { ok: boolean; source: string | null; error?: { code: string } };
    fixes: string[];
  }[];
}

let moto: MotoServer;
let signin: SigninTestServer;
let proxy: ExpiringCredentialsProxy;
let home: TempHome;
let session: WrittenLoginSession;
let env: Record<string, string>;
let specFile: string;
let originalSpec: Buffer;
const firstSeen = new Map<string, number>();

beforeAll(async () => {
  try {
    execFileSync('python3', ['-c', 'import ipykernel, nbclient'], { stdio: 'ignore' });
  } catch {
    execFileSync('python3', ['-m', 'pip', 'install', '--quiet', 'ipykernel', 'nbclient'], { stdio: 'ignore' });
  }
  moto = await startMoto();
  signin = await startSigninTestServer({ expiresIn: LIFETIME_S });
  // AWS refuses expired credentials; moto does not, so this proxy does it in front of moto.
  proxy = await startExpiringCredentialsProxy(moto.endpoint, (keyId) => {
    if (keyId !== session.accessKeyId && !signin.issued.some((c) => c.accessKeyId === keyId)) return undefined;
    if (!firstSeen.has(keyId)) firstSeen.set(keyId, Date.now());
    return (firstSeen.get(keyId) as number) + LIFETIME_S * 1000;
  });
  home = await makeTempHome();
  const { path } = await makeBinDir(home.path('tools'));
  const dataDir = home.path('jupyter-data');
  specFile = await writeKernelSpec(dataDir, 'aws', pythonKernelSpec('python3', {}, 'Python 3 (AWS)'));
  originalSpec = await readFile(specFile);
  // Inside the 5-minute refresh window: awsdoctor refreshes before using them; the guide's code copies them as they are.
  session = await writeLoginSession(home.home, {
    profile: 'dev',
    region: 'us-east-1',
    expiresAt: Date.now() + 2 * 60 * 1000,
    server: signin,
  });
  env = {
    ...home.env,
    ...session.env,
    PATH: path,
    JUPYTER_DATA_DIR: dataDir,
    JUPYTER_PATH: '',
    AWS_ENDPOINT_URL: proxy.endpoint,
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_REGION: 'us-east-1',
  };
}, 300_000);
afterAll(async () => {
  await proxy?.stop();
  await signin?.stop();
  await moto?.stop();
  await home?.cleanup();
});

async function check(...args: string[]): Promise<CheckJson['kernels'][number]> {
  const result = await runCli(['jupyter', 'check', '--kernel', 'aws', '--json', ...args], { env, timeoutMs: 90_000 });
  expect(result.stderr).not.toMatch(/unexpected error/);
  return (JSON.parse(result.stdout) as CheckJson).kernels[0]!;
}

describe('a real kernel on an aws login profile', () => {
  it(
    'before the fix: the cells fail as the guide says and as `jupyter check` predicted; the guide copy works, then expires',
    async () => {
      const [plain, withProfile] = await Promise.all([check(), check('--profile', 'dev')]);
      expect(plain.python.awscrtVersion).toBeNull();
      expect(plain.status).toBe('fails');
      expect(withProfile.status).toBe('fails');
      expect(withProfile.fixes[0]).toContain('awsdoctor jupyter fix --kernel aws --profile dev');

      const cells = await runCells(
        'aws',
        [
          PLAIN_CALL,
          `boto3.Session(profile_name="dev").client("sts").get_caller_identity()["Arn"]`,
          GUIDE_LOAD,
          GUIDE_CALL,
          `import time\ntime.sleep(${LIFETIME_S + 1})`,
          GUIDE_CALL,
        ],
        env,
      );
      // 1. What the kernel raised is exactly what check predicted.
      expect(cells[0]).toMatchObject({ ok: false, ename: plain.resolution.error?.code });
      expect(plain.resolution.error?.code).toBe('NoCredentialsError');
      expect(cells[1]).toMatchObject({ ok: false, ename: withProfile.resolution.error?.code });
      expect(withProfile.resolution.error?.code).toBe('MissingDependencyException');
      // The guide's copy into os.environ works while the copied credentials live...
      expect(cells[2]).toMatchObject({ ok: true, output: expect.stringContaining('AWS credentials loaded') });
      expect(cells[3]).toMatchObject({ ok: true, output: expect.stringContaining('123456789012') });
      // ...and breaks once they expire: nothing refreshes them.
      expect(cells[5]).toMatchObject({
        ok: false,
        ename: 'ClientError',
        evalue: expect.stringContaining('ExpiredToken'),
      });
      expect(proxy.expiredRejections).toContain(session.accessKeyId);
    },
    E2E_TIMEOUT_MS,
  );

  it(
    'after `jupyter fix`: check says it works, and cells keep succeeding across several refreshes',
    async () => {
      const fixed = await runCli(['jupyter', 'fix', '--kernel', 'aws', '--profile', 'dev'], { env });
      expect(fixed.code).toBe(0);
      const after = await check();
      expect(after.status).toBe('ok');
      expect(after.resolution).toMatchObject({ ok: true, source: 'custom-process' });

      const exchangesBefore = signin.exchanges;
      const acceptedBefore = proxy.accepted.length;
      const rejectedBefore = proxy.expiredRejections.length;
      const pause = `time.sleep(${LIFETIME_S + 0.5})`;
      const call = `sts.get_caller_identity()["Arn"]`;
      const cells = await runCells(
        'aws',
        [
          `import boto3, time\nsts = boto3.client("sts")\n${call}`,
          `${pause}\n${call}`,
          `${pause}\n${call}`,
          `boto3.DEFAULT_SESSION.get_credentials().method`,
        ],
        env,
      );
      for (const cell of cells.slice(0, 3))
        expect(cell).toMatchObject({ ok: true, output: expect.stringContaining('123456789012') });
      expect(cells[3]).toMatchObject({ ok: true, output: "'custom-process'" });
      // Each call was signed with freshly minted credentials, each set outliving the one before it.
      const keys = proxy.accepted.slice(acceptedBefore);
      expect(new Set(keys).size).toBe(3);
      expect(signin.exchanges - exchangesBefore).toBeGreaterThanOrEqual(3);
      expect(proxy.expiredRejections.length).toBe(rejectedBefore);
      expect(signin.rejections).toEqual([]);
    },
    E2E_TIMEOUT_MS,
  );

  it(
    '`jupyter unfix` restores the kernel spec byte for byte',
    async () => {
      expect(await readFile(specFile)).not.toEqual(originalSpec);
      const result = await runCli(['jupyter', 'unfix', '--kernel', 'aws'], { env });
      expect(result.code).toBe(0);
      expect(await readFile(specFile)).toEqual(originalSpec);
    },
    E2E_TIMEOUT_MS,
  );
});
