import { mkdir, writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkJupyter, kernelLaunchEnvironment, type JupyterCheck } from '../../src/jupyter/index.js';
import { runCli } from '../helpers/cli.js';
import { makeBinDir, pythonKernelSpec, writeKernelSpec } from '../helpers/jupyter-env.js';
import { botocoreVerdicts } from '../helpers/oracles.js';
import { makeTempHome, type TempHome } from '../helpers/temp-home.js';

const SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYzz9EXAMPLE';
const KERNEL_ENVS: Record<string, Record<string, string>> = {
  // botocore reads AWS_DEFAULT_PROFILE before AWS_PROFILE: this kernel asks for a profile that does not exist.
  shadowed: { AWS_DEFAULT_PROFILE: 'ghost', AWS_PROFILE: 'static' },
  // ${HOME} substituted by Jupyter from the launching environment.
  templated: { AWS_CONFIG_FILE: '${HOME}/other/config', AWS_PROFILE: 'other' },
  static: { AWS_PROFILE: 'static' },
  plain: {},
};

let home: TempHome;
let env: Record<string, string>;
let result: JupyterCheck;

beforeAll(async () => {
  home = await makeTempHome();
  const { path } = await makeBinDir(home.path('tools'));
  const dataDir = home.path('jupyter-data');
  env = { ...home.env, PATH: path, JUPYTER_DATA_DIR: dataDir, JUPYTER_PATH: '' };
  await home.write(
    '.aws/credentials',
    `[static]\naws_access_key_id = AKIAQWERTYUIOPASDF34\naws_secret_access_key = ${SECRET}\n`,
  );
  await home.write(
    '.aws/config',
    `[profile dev]\nlogin_session = arn:aws:iam::123456789012:user/dev\nregion = us-east-1\n`,
  );
  await home.write(
    'other/config',
    `[profile other]\naws_access_key_id = AKIAOTHERKEY00000001\naws_secret_access_key = ${SECRET}\n`,
  );
  for (const [name, kernelEnv] of Object.entries(KERNEL_ENVS))
    await writeKernelSpec(dataDir, name, pythonKernelSpec('python3', kernelEnv));
  await writeKernelSpec(dataDir, 'nowhere', pythonKernelSpec('python-that-does-not-exist'));
  await writeKernelSpec(dataDir, 'ir', { argv: ['R', '-f', '{connection_file}'], language: 'R', display_name: 'R' });
  result = await checkJupyter(home.system(env));
});
afterAll(async () => {
  await home?.cleanup();
});

describe('jupyter check', () => {
  it("predicts what real botocore does in each kernel's environment", async () => {
    const names = Object.keys(KERNEL_ENVS);
    const verdicts = await botocoreVerdicts(
      names.map((name) => ({ env: kernelLaunchEnvironment(env, KERNEL_ENVS[name]!) as Record<string, string> })),
    );
    names.forEach((name, i) => {
      const kernel = result.kernels.find((k) => k.name === name)!;
      const truth = verdicts[i]!;
      expect({
        name,
        error: kernel.resolution?.error?.code ?? null,
        source: kernel.resolution?.source ?? null,
      }).toEqual({
        name,
        error: truth.error,
        source: truth.method,
      });
    });
    expect(result.kernels.find((k) => k.name === 'shadowed')?.resolution?.error?.code).toBe('ProfileNotFound');
    expect(result.kernels.find((k) => k.name === 'templated')?.resolution?.source).toBe('config-file');
    expect(result.kernels.find((k) => k.name === 'static')?.status).toBe('ok');
  });

  it('reports the interpreter, its botocore and awscrt, and the fix for a failing kernel', () => {
    const plain = result.kernels.find((k) => k.name === 'plain')!;
    expect(plain.interpreter?.how).toBe('jupyter-python');
    expect(plain.python?.botocoreVersion).toMatch(/^\d+\.\d+\.\d+$/);
    expect(plain.status).toBe('fails');
    // The only login profile in the config is the one to suggest.
    expect(plain.fixes[0]).toMatch(/^awsdoctor jupyter fix --kernel plain --profile dev /);
  });

  it('lists non-Python kernels as out of scope and says when an interpreter is missing', () => {
    expect(result.kernels.find((k) => k.name === 'ir')?.status).toBe('out-of-scope');
    expect(result.kernels.find((k) => k.name === 'nowhere')).toMatchObject({ status: 'no-interpreter' });
  });

  it('masks secrets of a kernel env', async () => {
    const dataDir = env.JUPYTER_DATA_DIR!;
    await writeKernelSpec(
      dataDir,
      'leaky',
      pythonKernelSpec('python3', { AWS_ACCESS_KEY_ID: 'AKIAQWERTYUIOPASDF34', AWS_SECRET_ACCESS_KEY: SECRET }),
    );
    const leaky = (await checkJupyter(home.system(env), { kernel: 'leaky' })).kernels[0]!;
    expect(leaky.env).toEqual({ AWS_ACCESS_KEY_ID: 'AKIA…DF34', AWS_SECRET_ACCESS_KEY: '****** (40 chars)' });
    expect(JSON.stringify(leaky)).not.toContain(SECRET);
  });

  it('CLI: human report, --scan-notebooks findings masked, exit codes', async () => {
    const notebooks = home.path('notebooks');
    await mkdir(notebooks, { recursive: true });
    const printed = `environ({'AWS_ACCESS_KEY_ID': 'ASIAZXCVBNMQWERTYU12', 'AWS_SECRET_ACCESS_KEY': '${SECRET}'})`;
    await writeFile(
      `${notebooks}/n.ipynb`,
      JSON.stringify({
        cells: [
          {
            cell_type: 'code',
            source: 'os.environ',
            outputs: [{ output_type: 'execute_result', data: { 'text/plain': printed } }],
          },
        ],
      }),
    );
    const run = await runCli(['jupyter', 'check', '--kernel', 'static', '--scan-notebooks', notebooks], { env });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^static {2}\[ok\]/m);
    expect(run.stdout).toMatch(/n\.ipynb {2}cell 0 output {2}access-key-id: .*ASIA…YU12/);
    expect(run.stdout).not.toContain(SECRET);
    expect(run.stdout).not.toContain('ASIAZXCVBNMQWERTYU12');
    const ok = await runCli(['jupyter', 'check', '--kernel', 'static', '--json'], { env });
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout).kernels[0].resolution.source).toBe('shared-credentials-file');
    const unknown = await runCli(['jupyter', 'check', '--kernel', 'nope'], { env });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/No Jupyter kernel named "nope"/);
  });
});
