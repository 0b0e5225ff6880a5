#!/usr/bin/env node
// Benchmarks of the credential bridges (see README.md, "Benchmarks"). Usage: npm run bench [-- --runs 30 --calls 60]
//
// 1. Process start: `awsdoctor creds process` vs `node -e 0` vs `aws configure export-credentials --format process`,
//    on the same aws login profile: median wall time and peak RSS over interleaved runs.
// 2. boto3 per-call time (STS GetCallerIdentity on a local moto server) with credentials from static environment
//    variables, from credential_process, and from the `creds serve` endpoint; once with 60-minute credentials and
//    once with aws login's 15-minute credentials, where boto3 asks its source again before every call.
/* global fetch */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'bin', 'awsdoctor.cjs');
if (!existsSync(join(root, 'dist', 'bridge', 'process-fast-path.js'))) {
  console.error('bench: run `npm run build` first');
  process.exit(1);
}
const { setupProcessProfile } = await import(join(root, 'dist', 'bridge', 'setup-process.js'));
const { createSystem } = await import(join(root, 'dist', 'system.js'));

const flag = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const RUNS = flag('runs', 30);
const CALLS = flag('calls', 60);

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

// ---- a temporary HOME with an aws login session (fresh), the -process profile, and static keys ----
const home = mkdtempSync(join(tmpdir(), 'awsdoctor-bench-'));
const loginSession = 'arn:aws:iam::123456789012:user/bench';
const cacheDir = join(home, '.aws', 'login', 'cache');
mkdirSync(cacheDir, { recursive: true });
writeFileSync(
  join(home, '.aws', 'credentials'),
  '[keys]\naws_access_key_id = AKIABENCHBENCHBENCH2\naws_secret_access_key = benchSecretKeyBenchSecretKeyBenchSecret2\n',
  { mode: 0o600 },
);
writeFileSync(join(home, '.aws', 'config'), `[profile dev]\nlogin_session = ${loginSession}\nregion = us-east-1\n`);
const cacheFile = join(cacheDir, `${createHash('sha256').update(loginSession).digest('hex')}.json`);
function writeCache(lifetimeMs) {
  const expiresAt = new Date(Date.now() + lifetimeMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
  writeFileSync(
    cacheFile,
    JSON.stringify({
      accessToken: {
        accessKeyId: 'ASIABENCHBENCHBENCH1',
        secretAccessKey: 'benchSecretKeyBenchSecretKeyBenchSecret1',
        sessionToken: 'IQoJb3JpZ2luX2VjEBenchSessionToken',
        accountId: '123456789012',
        expiresAt,
      },
      tokenType: 'aws_sigv4',
      clientId: 'arn:aws:signin:::devtools/same-device',
      refreshToken: 'bench-refresh-token',
      idToken: 'x.y.z',
      // Never used: the credentials stay fresh, so nothing is refreshed during the benchmark.
      dpopKey: '-----BEGIN EC PRIVATE KEY-----\nunused\n-----END EC PRIVATE KEY-----\n',
    }),
    { mode: 0o600 },
  );
}
writeCache(60 * 60 * 1000);
const system = createSystem({ env: { HOME: home } });
await setupProcessProfile(system, { profile: 'dev' });
const baseEnv = { HOME: home, PATH: process.env.PATH, AWS_EC2_METADATA_DISABLED: 'true' };

// ---- part 1: process start ----
function measure(argv, env) {
  const out = join(home, 'time.txt');
  const start = process.hrtime.bigint();
  const r = spawnSync('/usr/bin/time', ['-f', '%M %U %S', '-o', out, ...argv], { env, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) return { error: (r.stderr || r.stdout).trim().split('\n').pop() };
  const [kb, user, sys] = readFileSync(out, 'utf8').trim().split('\n').pop().split(' ').map(Number);
  // CPU time (user + system) is what the process itself costs; wall time also counts waiting on a busy machine.
  return { ms, kb, cpu: (user + sys) * 1000 };
}

function awsCli() {
  // Prefer an AWS CLI v2 (export-credentials is v2-only); the first `aws` on PATH may be v1.
  for (const candidate of ['/usr/local/bin/aws', '/usr/bin/aws', 'aws']) {
    const v = spawnSync(candidate, ['--version'], { encoding: 'utf8' });
    const text = `${v.stdout}${v.stderr}`.trim();
    if (v.status === 0 && /aws-cli\/2\./.test(text)) return { path: candidate, version: text.split(' ')[0] };
  }
  const v = spawnSync('aws', ['--version'], { encoding: 'utf8' });
  return { path: 'aws', version: `${v.stdout}${v.stderr}`.trim().split(' ')[0] || 'not installed' };
}

const aws = awsCli();
const candidates = [
  { name: 'awsdoctor creds process', argv: [process.execPath, cli, 'creds', 'process', '--profile', 'dev'] },
  { name: 'node -e 0', argv: [process.execPath, '-e', '0'] },
  {
    name: `aws configure export-credentials --format process (${aws.version})`,
    argv: [aws.path, 'configure', 'export-credentials', '--profile', 'dev', '--format', 'process'],
  },
  {
    // An AWS CLI older than `aws login` cannot read login_session; this row is its start-up cost on static keys.
    name: `aws configure export-credentials --format process, static-keys profile (${aws.version})`,
    argv: [aws.path, 'configure', 'export-credentials', '--profile', 'keys', '--format', 'process'],
  },
];
const samples = new Map(candidates.map((c) => [c.name, []]));
const errors = new Map();
for (const c of candidates) {
  const r = measure(c.argv, baseEnv); // warm-up (file cache), also tells whether the command works at all
  if (r.error) errors.set(c.name, r.error);
}
for (let i = 0; i < RUNS; i++) {
  for (const c of candidates) {
    if (errors.has(c.name)) continue;
    samples.get(c.name).push(measure(c.argv, baseEnv));
  }
}
const nodeMedian = median(samples.get('node -e 0').map((s) => s.ms));
const nodeCpu = median(samples.get('node -e 0').map((s) => s.cpu));
console.log(`\n## Process start, ${RUNS} interleaved runs each (profile dev: aws login session, cache fresh)\n`);
console.log('| command | median wall | vs node -e 0 | median CPU (user+sys) | vs node -e 0 | median peak RSS |');
console.log('| --- | --- | --- | --- | --- | --- |');
for (const c of candidates) {
  if (errors.has(c.name)) {
    console.log(`| ${c.name} | fails: ${errors.get(c.name)} | | | | |`);
    continue;
  }
  const s = samples.get(c.name);
  const ms = median(s.map((x) => x.ms));
  const kb = median(s.map((x) => x.kb));
  const cpu = median(s.map((x) => x.cpu));
  console.log(
    `| ${c.name} | ${ms.toFixed(1)} ms | ${(ms / nodeMedian).toFixed(2)}x | ${cpu.toFixed(0)} ms | ${(cpu / nodeCpu).toFixed(2)}x | ${(kb / 1024).toFixed(1)} MB |`,
  );
}

// ---- part 2: boto3 per call ----
async function freePort() {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}
function startChild(cmd, args, env, ready) {
  const child = spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (c) => (out += c));
  child.stderr.on('data', (c) => (out += c));
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + 30_000;
    const poll = async () => {
      if (await ready(out)) return resolve({ child, out: () => out });
      if (Date.now() > deadline || child.exitCode !== null) return reject(new Error(`${cmd} did not start: ${out}`));
      setTimeout(poll, 50);
    };
    poll();
  });
}
function runPython(env, calls) {
  return new Promise((resolve, reject) => {
    const child = spawn('python3', [join(root, 'bench', 'boto3_per_call.py'), String(calls)], { env });
    let out = '';
    let err = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (err += c));
    child.on('close', () => {
      try {
        resolve(JSON.parse(out));
      } catch {
        reject(new Error(`boto3 run failed: ${err.trim().split('\n').pop()}`));
      }
    });
  });
}

const motoPort = await freePort();
const motoUrl = `http://127.0.0.1:${motoPort}`;
const moto = await startChild(
  'python3',
  ['-m', 'moto.server', '-H', '127.0.0.1', '-p', String(motoPort)],
  baseEnv,
  async () => {
    try {
      return (await fetch(`${motoUrl}/moto-api/data.json`)).ok;
    } catch {
      return false;
    }
  },
);
const motoEnv = { ...baseEnv, AWS_ENDPOINT_URL: motoUrl, AWS_DEFAULT_REGION: 'us-east-1' };
try {
  for (const [label, lifetime] of [
    ['60-minute credentials', 60 * 60 * 1000],
    ["aws login's 15-minute credentials: boto3 re-asks its source before every call", 14 * 60 * 1000],
  ]) {
    writeCache(lifetime);
    const serve = await startChild(
      process.execPath,
      [cli, 'creds', 'serve', '--profile', 'dev'],
      baseEnv,
      async (out) => /AWS_CONTAINER_AUTHORIZATION_TOKEN=\S+\n/.test(out),
    );
    const url = /AWS_CONTAINER_CREDENTIALS_FULL_URI=(\S+)/.exec(serve.out())[1];
    const token = /AWS_CONTAINER_AUTHORIZATION_TOKEN=(\S+)/.exec(serve.out())[1];
    const expiration = new Date(Date.now() + lifetime).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const modes = [
      [
        'static env vars',
        {
          ...motoEnv,
          AWS_ACCESS_KEY_ID: 'ASIABENCHBENCHBENCH1',
          AWS_SECRET_ACCESS_KEY: 'benchSecretKeyBenchSecretKeyBenchSecret1',
          AWS_SESSION_TOKEN: 'IQoJb3JpZ2luX2VjEBenchSessionToken',
          AWS_CREDENTIAL_EXPIRATION: expiration,
        },
      ],
      [
        'creds serve endpoint',
        { ...motoEnv, AWS_CONTAINER_CREDENTIALS_FULL_URI: url, AWS_CONTAINER_AUTHORIZATION_TOKEN: token },
      ],
      ['credential_process (dev-process)', { ...motoEnv, AWS_PROFILE: 'dev-process' }],
    ];
    // Modes take turns, round by round, so a busy machine slows them alike.
    const ROUNDS = 3;
    const runs = new Map(modes.map(([name]) => [name, { method: '', call: [], cred: [] }]));
    for (let round = 0; round < ROUNDS; round++) {
      for (const [name, env] of modes) {
        const r = await runPython(env, Math.ceil(CALLS / ROUNDS));
        const acc = runs.get(name);
        acc.method = r.method;
        acc.call.push(...r.call_ms);
        acc.cred.push(...r.credentials_ms);
      }
    }
    const roundtrip = await new Promise((resolve) => {
      const child = spawn('python3', [join(root, 'bench', 'endpoint_roundtrip.py'), '500'], { env: modes[1][1] });
      let out = '';
      child.stdout.on('data', (c) => (out += c));
      child.on('close', () => resolve(JSON.parse(out)));
    });
    serve.child.kill('SIGTERM');
    const base = runs.get('static env vars');
    const baseCall = median(base.call);
    const baseCred = median(base.cred);
    console.log(`\n## boto3 STS GetCallerIdentity on moto, ${base.call.length} calls each: ${label}\n`);
    console.log(
      '| credentials from | boto3 method | median per call | over static | credential step per call | over static |',
    );
    console.log('| --- | --- | --- | --- | --- | --- |');
    const signed = (x) => `${x >= 0 ? '+' : ''}${x.toFixed(2)} ms`;
    for (const [name, r] of runs) {
      const call = median(r.call);
      const cred = median(r.cred);
      const isBase = name === 'static env vars';
      console.log(
        `| ${name} | ${r.method} | ${call.toFixed(2)} ms | ${isBase ? '-' : signed(call - baseCall)} | ${cred.toFixed(3)} ms | ${isBase ? '-' : signed(cred - baseCred)} |`,
      );
    }
    console.log(
      `\nEndpoint round trip alone (botocore's ContainerMetadataFetcher, 500 requests): median ${roundtrip.median_ms} ms, p10 ${roundtrip.p10_ms} ms, p90 ${roundtrip.p90_ms} ms`,
    );
  }
} finally {
  moto.child.kill('SIGTERM');
  rmSync(home, { recursive: true, force: true });
}
