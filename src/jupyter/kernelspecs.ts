import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { System } from '../system.js';
import { findExecutable } from './which.js';
import { runProcess } from './run-process.js';
import { jupyterPythonFacts, kernelSpecDirectories, type JupyterPythonFacts } from './data-paths.js';

/** The fields of a kernel.json that matter here (the file may hold more; they are kept when we edit it). */
export interface KernelSpec {
  readonly argv: readonly string[];
  readonly displayName: string;
  readonly language: string;
  readonly env: Readonly<Record<string, string>>;
}

export interface DiscoveredKernel {
  /** The kernel's name (its directory's name, lower-cased as Jupyter does). */
  readonly name: string;
  readonly resourceDir: string;
  /** The kernel.json file; undefined for the built-in `python3` spec Jupyter makes up when none is installed. */
  readonly specFile: string | undefined;
  /** Undefined when the spec could not be read (then `error` says why). */
  readonly spec: KernelSpec | undefined;
  readonly error?: string | undefined;
}

export interface KernelDiscovery {
  /** `jupyter-cli`: `jupyter kernelspec list --json` answered; `data-dirs`: awsdoctor searched Jupyter's directories. */
  readonly method: 'jupyter-cli' | 'data-dirs';
  /** The `jupyter` executable found on PATH, if any. */
  readonly jupyter: string | undefined;
  /** The Python that runs Jupyter (its `python`/`python3` is what kernels with `argv[0] = "python"` get). */
  readonly jupyterPython: JupyterPythonFacts | undefined;
  /** Kernel directories in Jupyter's search order. */
  readonly searched: readonly string[];
  readonly kernels: readonly DiscoveredKernel[];
  /** Things worth knowing about the discovery itself (jupyter failed, a directory unreadable...). */
  readonly notes: readonly string[];
}

/** kernel.json files are small; a bigger one is not a kernel spec. */
const MAX_SPEC_BYTES = 1024 * 1024;

function describeType(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
}

/** Validates a parsed kernel.json the way jupyter_client's KernelSpec traits would; throws a one-line reason. */
export function parseKernelSpec(value: unknown): KernelSpec {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error(`kernel.json must hold a JSON object, not ${describeType(value)}`);
  }
  const raw = value as Record<string, unknown>;
  const argv = raw.argv;
  if (!Array.isArray(argv) || argv.length === 0 || !argv.every((a) => typeof a === 'string')) {
    throw new Error('"argv" must be a non-empty list of strings');
  }
  const env = raw.env ?? {};
  if (typeof env !== 'object' || env === null || Array.isArray(env)) {
    throw new Error(`"env" must be an object, not ${describeType(env)}`);
  }
  for (const [key, v] of Object.entries(env)) {
    if (typeof v !== 'string') throw new Error(`"env.${key}" must be a string, not ${describeType(v)}`);
  }
  return {
    argv: argv as string[],
    displayName: typeof raw.display_name === 'string' ? raw.display_name : '',
    language: typeof raw.language === 'string' ? raw.language : '',
    env: env as Record<string, string>,
  };
}

/** Reads and validates `<resourceDir>/kernel.json`. */
export async function readKernelSpecFile(file: string): Promise<KernelSpec> {
  const info = await stat(file);
  if (info.size > MAX_SPEC_BYTES) throw new Error(`${file} is ${info.size} bytes; a kernel spec is far smaller`);
  const text = await readFile(file, 'utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new Error(`${file} is not valid JSON (${(error as Error).message})`);
  }
  try {
    return parseKernelSpec(parsed);
  } catch (error) {
    throw new Error(`${file}: ${(error as Error).message}`);
  }
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

async function kernelFrom(name: string, resourceDir: string): Promise<DiscoveredKernel> {
  const specFile = join(resourceDir, 'kernel.json');
  try {
    return { name, resourceDir, specFile, spec: await readKernelSpecFile(specFile) };
  } catch (error) {
    return { name, resourceDir, specFile, spec: undefined, error: (error as Error).message };
  }
}

/** jupyter_client's `find_kernel_specs()` over explicit directories: `<dir>/<name>/kernel.json`, first found wins. */
export async function listKernelsInDirectories(dirs: readonly string[]): Promise<DiscoveredKernel[]> {
  const found = new Map<string, string>();
  for (const dir of dirs) {
    let entries: string[];
    try {
      entries = (await readdir(dir)).sort();
    } catch {
      continue;
    }
    for (const entry of entries) {
      const key = entry.toLowerCase();
      if (found.has(key)) continue;
      if (await isFile(join(dir, entry, 'kernel.json'))) found.set(key, join(dir, entry));
    }
  }
  return Promise.all([...found].map(([name, resourceDir]) => kernelFrom(name, resourceDir)));
}

/** The interpreter named on a script's `#!` line (`#!/usr/bin/env python3` resolved on PATH), if it is a Python. */
async function shebangPython(script: string, system: System): Promise<string | undefined> {
  let head: string;
  try {
    head = (await readFile(script)).subarray(0, 512).toString('utf8');
  } catch {
    return undefined;
  }
  const match = /^#!\s*(\S+)(?:[ \t]+(\S+))?/.exec(head);
  if (!match?.[1]) return undefined;
  const [, interpreter, argument] = match;
  if (/(^|\/)env$/.test(interpreter) && argument && /^python/.test(argument)) {
    return findExecutable(argument, system.env, system);
  }
  return /(^|\/)python[\d.]*$/.test(interpreter) ? interpreter : undefined;
}

interface CliListing {
  kernelspecs: Record<string, { resource_dir?: unknown; spec?: unknown }>;
}

async function listWithJupyterCli(jupyter: string, system: System): Promise<DiscoveredKernel[] | string> {
  const result = await runProcess(jupyter, ['kernelspec', 'list', '--json'], {
    env: system.env,
    cwd: system.cwd,
    timeoutMs: 30_000,
  });
  if (result.failure || result.code !== 0) {
    const why = result.failure ?? (result.stderr.trim().split('\n').pop() || `exit code ${result.code}`);
    return `\`jupyter kernelspec list --json\` failed (${why})`;
  }
  let listing: CliListing;
  try {
    listing = JSON.parse(result.stdout) as CliListing;
    if (typeof listing.kernelspecs !== 'object' || listing.kernelspecs === null) throw new Error('no "kernelspecs"');
  } catch (error) {
    return `\`jupyter kernelspec list --json\` printed something else than its JSON (${(error as Error).message})`;
  }
  const kernels: DiscoveredKernel[] = [];
  for (const [name, entry] of Object.entries(listing.kernelspecs)) {
    const resourceDir = typeof entry?.resource_dir === 'string' ? entry.resource_dir : '';
    const specFile =
      resourceDir && (await isFile(join(resourceDir, 'kernel.json'))) ? join(resourceDir, 'kernel.json') : undefined;
    if (specFile) {
      kernels.push(await kernelFrom(name, resourceDir));
      continue;
    }
    // Jupyter's built-in python3 spec (ipykernel's resources, no kernel.json on disk).
    try {
      kernels.push({ name, resourceDir, specFile: undefined, spec: parseKernelSpec(entry?.spec) });
    } catch (error) {
      kernels.push({ name, resourceDir, specFile: undefined, spec: undefined, error: (error as Error).message });
    }
  }
  return kernels;
}

/**
 * Finds the kernel specs the way Jupyter does: `jupyter kernelspec list --json` when `jupyter` is on the System's
 * PATH (it knows its own configuration), otherwise Jupyter's data directories in Jupyter's order, first found wins.
 */
export async function discoverKernels(
  system: System,
  options: { useJupyterCli?: boolean } = {},
): Promise<KernelDiscovery> {
  const notes: string[] = [];
  const jupyter = await findExecutable('jupyter', system.env, system);
  const jupyterPythonPath = jupyter ? await shebangPython(jupyter, system) : undefined;
  const jupyterPython = await jupyterPythonFacts(system, jupyterPythonPath);
  const searched = kernelSpecDirectories(system, jupyterPython);
  if (jupyter && options.useJupyterCli !== false) {
    const listed = await listWithJupyterCli(jupyter, system);
    if (typeof listed !== 'string') {
      return { method: 'jupyter-cli', jupyter, jupyterPython, searched, kernels: sortByName(listed), notes };
    }
    notes.push(`${listed}; searched Jupyter's directories instead`);
  }
  if (!jupyterPython) notes.push('no python3 on PATH: {sys.prefix}/share/jupyter was not searched');
  const kernels = await listKernelsInDirectories(searched);
  return { method: 'data-dirs', jupyter, jupyterPython, searched, kernels: sortByName(kernels), notes };
}

function sortByName(kernels: DiscoveredKernel[]): DiscoveredKernel[] {
  return [...kernels].sort((a, b) => a.name.localeCompare(b.name));
}
