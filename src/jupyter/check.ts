import {
  capabilitiesOf,
  probePython,
  resolveDetailed,
  type PythonEnvironment,
  type ResolutionDetails,
  type ResolutionResult,
} from '../credentials/index.js';
import { AwsDoctorError } from '../errors.js';
import { loadSharedConfig } from '../config/shared-files.js';
import { maskKeyId, SECRET_ENV_NAMES } from '../redact.js';
import { withEnv, type System } from '../system.js';
import { findKernel, isPythonKernel } from './find-kernel.js';
import { readFixState } from './fix-state.js';
import { kernelInterpreter, type KernelInterpreter } from './interpreter.js';
import { kernelLaunchEnvironment } from './kernel-env.js';
import { discoverKernels, type DiscoveredKernel, type KernelDiscovery } from './kernelspecs.js';

export type KernelStatus =
  /** boto3 in this kernel finds credentials. */
  | 'ok'
  /** boto3 in this kernel raises (see `resolution.error`). */
  | 'fails'
  /** The interpreter cannot be run or has no boto3. */
  | 'no-boto3'
  | 'no-interpreter'
  | 'unreadable'
  | 'out-of-scope';

export interface KernelCheck {
  readonly name: string;
  readonly displayName: string;
  readonly language: string;
  readonly specFile: string | undefined;
  readonly status: KernelStatus;
  readonly interpreter: KernelInterpreter | undefined;
  readonly python:
    | {
        readonly executable: string;
        readonly pythonVersion: string;
        readonly boto3Version: string | null;
        readonly botocoreVersion: string | null;
        readonly hasLoginProvider: boolean;
        readonly awscrtVersion: string | null;
      }
    | undefined;
  /** The kernel.json `env`, secret values masked. */
  readonly env: Readonly<Record<string, string>>;
  /** The profile boto3 will pick in this kernel (or the one asked for). */
  readonly profile: string | undefined;
  /** boto3-mode resolution in the kernel's environment with its interpreter (no secrets: `credentials` is not serialized). */
  readonly resolution: ResolutionResult | undefined;
  /** What the resolution noticed (e.g. AWS_PROFILE ignored because botocore reads AWS_DEFAULT_PROFILE first). */
  readonly notes: readonly string[];
  /** One line: "will use login credentials ASIA…WXYZ" / "will raise NoCredentialsError: ...". */
  readonly verdict: string;
  /** Ranked next steps, as commands or one-line instructions. */
  readonly fixes: readonly string[];
  /** `awsdoctor jupyter fix` changed this kernel (`awsdoctor jupyter unfix` undoes it). */
  readonly fixedByAwsdoctor: boolean;
}

export interface JupyterCheck {
  readonly discovery: Omit<KernelDiscovery, 'kernels'>;
  readonly kernels: readonly KernelCheck[];
}

export interface CheckOptions {
  /** Check only this kernel. */
  readonly kernel?: string | undefined;
  /** Resolve as `boto3.Session(profile_name=profile)` instead of the kernel's default profile. */
  readonly profile?: string | undefined;
  readonly discovery?: KernelDiscovery | undefined;
}

function maskEnv(env: Readonly<Record<string, string>>): Record<string, string> {
  const masked: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    masked[key] = SECRET_ENV_NAMES.has(key)
      ? `****** (${value.length} chars)`
      : key === 'AWS_ACCESS_KEY_ID'
        ? maskKeyId(value)
        : value;
  }
  return masked;
}

/**
 * The profile to suggest for `jupyter fix`: the one asked for, else the terminal's, else the first `aws login`
 * profile in the config file, else a placeholder.
 */
async function suggestedProfile(system: System, options: CheckOptions): Promise<string> {
  const named = options.profile ?? system.env.AWS_PROFILE ?? system.env.AWS_DEFAULT_PROFILE;
  if (named) return named;
  try {
    const { config } = await loadSharedConfig(system);
    const login = Object.entries(config.sections).find(([, settings]) => settings.login_session);
    if (login) return login[0];
  } catch {
    // An unreadable config file is the resolution's finding to report, not this suggestion's.
  }
  return 'PROFILE';
}

function fixesFor(
  kernel: DiscoveredKernel,
  profile: string,
  resolution: ResolutionResult | undefined,
  python: PythonEnvironment | undefined,
): string[] {
  const fixes = [
    `awsdoctor jupyter fix --kernel ${kernel.name} --profile ${profile}   (credential_process profile in kernel.json env; refreshes by itself; restart the kernel after)`,
  ];
  const code = resolution?.error?.code;
  if (code === 'MissingDependencyException' && python) {
    fixes.push(
      `${python.executable} -m pip install "botocore[crt]"   (lets this kernel's botocore read login sessions itself)`,
    );
  }
  if (python && python.botocoreVersion && !python.hasLoginProvider) {
    fixes.push(
      `${python.executable} -m pip install -U "boto3" "botocore[crt]"   (this botocore predates login sessions)`,
    );
  }
  fixes.push(
    `awsdoctor creds exec --profile ${profile} -- jupyter lab   (every kernel of that Jupyter gets fresh credentials)`,
  );
  return fixes;
}

function verdictOf(resolution: ResolutionResult): string {
  if (resolution.ok) {
    const expiry = resolution.expiresAt ? `, expires ${resolution.expiresAt}` : '';
    return `will use ${resolution.source} credentials ${maskKeyId(resolution.accessKeyId)} (profile ${resolution.profile}${expiry})`;
  }
  return `will raise ${resolution.error?.code}: ${resolution.error?.message}`;
}

/** Checks one kernel: its interpreter, that interpreter's boto3, and what boto3 resolves in the kernel's environment. */
export async function checkKernel(
  system: System,
  kernel: DiscoveredKernel,
  discovery: KernelDiscovery,
  options: CheckOptions = {},
): Promise<KernelCheck> {
  const fixedByAwsdoctor = kernel.specFile
    ? (await readFixState(kernel.resourceDir).catch(() => undefined)) !== undefined
    : false;
  const base = {
    name: kernel.name,
    displayName: kernel.spec?.displayName ?? '',
    language: kernel.spec?.language ?? '',
    specFile: kernel.specFile,
    env: maskEnv(kernel.spec?.env ?? {}),
    fixedByAwsdoctor,
  };
  const none = { interpreter: undefined, python: undefined, resolution: undefined, profile: undefined, notes: [] };
  if (!kernel.spec) {
    return {
      ...base,
      ...none,
      status: 'unreadable',
      verdict: `unreadable spec: ${kernel.error}`,
      fixes: [`repair or reinstall ${kernel.resourceDir}`],
    };
  }
  if (!isPythonKernel(kernel.spec)) {
    return {
      ...base,
      ...none,
      status: 'out-of-scope',
      verdict: `not a Python kernel (${kernel.spec.language || kernel.spec.argv[0]}): out of scope`,
      fixes: [],
    };
  }
  const kernelEnv = kernelLaunchEnvironment(system.env, kernel.spec.env);
  const kernelSystem = withEnv(system, kernelEnv);
  const interpreter = await kernelInterpreter(
    kernel.spec.argv[0] as string,
    kernelEnv,
    system,
    discovery.jupyterPython,
  );
  if (!interpreter.path) {
    return {
      ...base,
      ...none,
      interpreter,
      status: 'no-interpreter',
      verdict: `cannot start: ${interpreter.command} is not on the kernel's PATH`,
      fixes: [`fix argv[0] in ${kernel.specFile ?? kernel.resourceDir} to an absolute interpreter path`],
    };
  }
  let python: PythonEnvironment;
  try {
    python = await probePython(interpreter.path, { env: kernelEnv });
  } catch (error) {
    return {
      ...base,
      ...none,
      interpreter,
      status: 'no-interpreter',
      verdict: `cannot run ${interpreter.path}: ${(error as Error).message}`,
      fixes: [],
    };
  }
  const pythonFacts = {
    executable: python.executable,
    pythonVersion: python.pythonVersion,
    boto3Version: python.boto3Version ?? null,
    botocoreVersion: python.botocoreVersion ?? null,
    hasLoginProvider: python.hasLoginProvider,
    awscrtVersion: python.awscrtVersion ?? null,
  };
  if (!python.boto3Version) {
    return {
      ...base,
      ...none,
      interpreter,
      python: pythonFacts,
      status: 'no-boto3',
      verdict: `boto3 is not installed for ${python.executable}: \`import boto3\` raises ModuleNotFoundError`,
      fixes: [`${python.executable} -m pip install boto3`],
    };
  }
  let details: ResolutionDetails;
  try {
    details = await resolveDetailed(kernelSystem, {
      profile: options.profile,
      sdk: 'boto3',
      capabilities: capabilitiesOf(python),
    });
  } catch (error) {
    // One kernel's unusable configuration must not hide the verdicts of the others.
    if (!(error instanceof AwsDoctorError)) throw error;
    return {
      ...base,
      ...none,
      interpreter,
      python: pythonFacts,
      status: 'fails',
      verdict: `cannot resolve credentials: ${error.message}`,
      fixes: error.hint ? [error.hint] : [],
    };
  }
  const resolution = details.result;
  return {
    ...base,
    interpreter,
    python: pythonFacts,
    profile: resolution.profile,
    resolution,
    notes: [...details.plan.notes, ...(!resolution.ok && details.hint ? [`next: ${details.hint}`] : [])],
    status: resolution.ok ? 'ok' : 'fails',
    verdict: verdictOf(resolution),
    fixes: resolution.ok ? [] : fixesFor(kernel, await suggestedProfile(system, options), resolution, python),
  };
}

/** Finds the kernels as Jupyter does and checks each one (or the one named). */
export async function checkJupyter(system: System, options: CheckOptions = {}): Promise<JupyterCheck> {
  const discovery = options.discovery ?? (await discoverKernels(system));
  const wanted = options.kernel?.toLowerCase();
  const kernels = discovery.kernels.filter((k) => wanted === undefined || k.name === wanted);
  if (options.kernel !== undefined && kernels.length === 0) await findKernel(system, options.kernel, discovery);
  // A few at a time: each check starts its kernel's interpreter (and maybe a credential_process).
  const checks: KernelCheck[] = new Array<KernelCheck>(kernels.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < kernels.length; i = next++)
      checks[i] = await checkKernel(system, kernels[i]!, discovery, options);
  };
  await Promise.all(Array.from({ length: Math.min(4, kernels.length) }, worker));
  const { kernels: _all, ...rest } = discovery;
  return { discovery: rest, kernels: checks };
}
