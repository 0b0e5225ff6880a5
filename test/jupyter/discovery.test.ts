import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { discoverKernels, kernelLaunchEnvironment, substituteTemplate } from '../../src/jupyter/index.js';
import { makeTempHome, type TempHome } from '../helpers/temp-home.js';
import { makeBinDir, pythonKernelSpec, writeKernelSpec } from '../helpers/jupyter-env.js';

let home: TempHome;
let first: string;
let second: string;
let dataDir: string;
let withJupyter: { path: string; python: string };
let withoutJupyter: { path: string; python: string };

beforeAll(async () => {
  home = await makeTempHome();
  first = home.path('jp1');
  second = home.path('jp2');
  dataDir = home.path('data');
  withJupyter = await makeBinDir(home.path('with'), { jupyter: true });
  withoutJupyter = await makeBinDir(home.path('without'));
  // Same name in two JUPYTER_PATH entries: the first wins. Upper-case directory names are lower-cased.
  await writeKernelSpec(first, 'aws', pythonKernelSpec('python3', { WHO: 'first' }, 'First'));
  await writeKernelSpec(second, 'aws', pythonKernelSpec('python3', { WHO: 'second' }, 'Second'));
  await writeKernelSpec(second, 'Mixed-Case', pythonKernelSpec('/usr/bin/python3'));
  await writeKernelSpec(dataDir, 'datadir', pythonKernelSpec('python3'));
  await writeKernelSpec(dataDir, 'ir', {
    argv: ['R', '--slave', '-f', '{connection_file}'],
    language: 'R',
    display_name: 'R',
  });
  await writeKernelSpec(dataDir, 'broken', { raw: '{"argv": ["python3", ' });
  await writeKernelSpec(dataDir, 'wrongtype', { raw: '{"argv": "python3", "env": []}' });
});
afterAll(async () => {
  await home?.cleanup();
});

function env(path: string): Record<string, string> {
  return { ...home.env, PATH: path, JUPYTER_PATH: `${first}:${second}/`, JUPYTER_DATA_DIR: dataDir };
}

describe('kernel discovery', () => {
  it("searches Jupyter's directories in Jupyter's order when no jupyter is on PATH", async () => {
    const found = await discoverKernels(home.system(env(withoutJupyter.path)));
    expect(found.method).toBe('data-dirs');
    expect(found.searched.slice(0, 3)).toEqual([
      join(first, 'kernels'),
      join(second, 'kernels'),
      join(dataDir, 'kernels'),
    ]);
    expect(found.searched).toContain('/usr/local/share/jupyter/kernels');
    const byName = Object.fromEntries(found.kernels.map((k) => [k.name, k]));
    expect(byName.aws?.spec?.env).toEqual({ WHO: 'first' });
    expect(byName['mixed-case']?.resourceDir).toBe(join(second, 'kernels', 'Mixed-Case'));
    expect(byName.ir?.spec?.language).toBe('R');
    expect(byName.broken?.spec).toBeUndefined();
    expect(byName.broken?.error).toMatch(/not valid JSON/);
    expect(byName.wrongtype?.error).toMatch(/"argv" must be a non-empty list of strings/);
  });

  it('finds the same kernels in the same directories as `jupyter kernelspec list` itself', async () => {
    const testEnv = env(withJupyter.path);
    const ours = await discoverKernels(home.system(testEnv), { useJupyterCli: false });
    const listing = JSON.parse(
      execFileSync('jupyter', ['kernelspec', 'list', '--json'], {
        env: testEnv,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      }),
    ) as { kernelspecs: Record<string, { resource_dir: string }> };
    const theirs = Object.fromEntries(Object.entries(listing.kernelspecs).map(([n, k]) => [n, k.resource_dir]));
    // Jupyter skips specs it cannot load; awsdoctor lists them as unreadable.
    const readable = Object.fromEntries(ours.kernels.filter((k) => k.spec).map((k) => [k.name, k.resourceDir]));
    expect(readable).toEqual(theirs);
  });

  it('asks `jupyter kernelspec list --json` when jupyter is on PATH, and knows the Python it runs kernels with', async () => {
    const found = await discoverKernels(home.system(env(withJupyter.path)));
    expect(found.method).toBe('jupyter-cli');
    expect(found.jupyter).toBe(join(home.path('with'), 'bin', 'jupyter'));
    expect(found.jupyterPython?.executable).toBeTruthy();
    expect(found.kernels.find((k) => k.name === 'aws')?.spec?.displayName).toBe('First');
  });
});

describe('kernel environment', () => {
  const cases: [string, Record<string, string>][] = [
    ['${HOME}/x', { HOME: '/h' }],
    ['$HOME/x and $UNSET and ${UNSET}', { HOME: '/h' }],
    ['$$HOME costs $$5 and $', { HOME: '/h' }],
    ['${A}${B}$A_B', { A: '1', B: '2', A_B: '3' }],
    ['${not closed and $1 and ${9x}', { HOME: '/h' }],
    ['plain', {}],
  ];
  it("substitutes like Python's string.Template.safe_substitute (compared with real Python)", () => {
    const script =
      'import json,sys,string\nfor v,m in json.load(sys.stdin): print(json.dumps(string.Template(v).safe_substitute(m)))';
    const python = execFileSync('python3', ['-c', script], { input: JSON.stringify(cases), encoding: 'utf8' })
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as string);
    expect(cases.map(([value, mapping]) => substituteTemplate(value, mapping))).toEqual(python);
  });

  it('merges kernel.json env over the launching environment', () => {
    const merged = kernelLaunchEnvironment(
      { HOME: '/h', AWS_PROFILE: 'dev' },
      { AWS_PROFILE: 'other', CFG: '${HOME}/.aws/config' },
    );
    expect(merged).toEqual({ HOME: '/h', AWS_PROFILE: 'other', CFG: '/h/.aws/config' });
  });
});
