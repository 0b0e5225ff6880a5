import { execFileSync } from 'node:child_process';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/** The real interpreter behind `python3` (pyenv shims and the like resolved). */
export function realPython(): string {
  return execFileSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' }).trim();
}

/**
 * A bin directory holding only `python3` (and `jupyter` when asked), so a test's PATH decides exactly which Python
 * and whether a `jupyter` command exist. PATH = that directory, then /usr/bin:/bin.
 */
export async function makeBinDir(
  root: string,
  options: { jupyter?: boolean } = {},
): Promise<{ bin: string; path: string; python: string }> {
  const bin = join(root, 'bin');
  await mkdir(bin, { recursive: true });
  const python = realPython();
  await symlink(python, join(bin, 'python3'));
  if (options.jupyter) await symlink(join(dirname(python), 'jupyter'), join(bin, 'jupyter'));
  return { bin, path: `${bin}:/usr/bin:/bin`, python };
}

/** Writes `<dataDir>/kernels/<name>/kernel.json` with Jupyter's own layout (`indent=1`) unless `raw` text is given. */
export async function writeKernelSpec(
  dataDir: string,
  name: string,
  spec: Record<string, unknown> | { raw: string },
): Promise<string> {
  const file = join(dataDir, 'kernels', name, 'kernel.json');
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, 'raw' in spec && typeof spec.raw === 'string' ? spec.raw : JSON.stringify(spec, null, 1));
  return file;
}

export function pythonKernelSpec(
  argv0: string,
  env: Record<string, string> = {},
  displayName = 'Python (test)',
): Record<string, unknown> {
  return {
    argv: [argv0, '-m', 'ipykernel_launcher', '-f', '{connection_file}'],
    display_name: displayName,
    language: 'python',
    env,
    metadata: { debugger: true },
  };
}
