import { readFile } from 'node:fs/promises';
import { setupProcessProfile } from '../bridge/index.js';
import { configFilePath } from '../config/paths.js';
import { editUserFile, type FileEdit } from '../config/safe-write.js';
import { AwsDoctorError, UsageError } from '../errors.js';
import { withEnv, type Env, type System } from '../system.js';
import { findKernel, isPythonKernel, requireEditable, type EditableKernel } from './find-kernel.js';
import { fixStatePath, readFixState, removeFixState, sha256, writeFixState } from './fix-state.js';
import { kernelLaunchEnvironment } from './kernel-env.js';
import type { KernelDiscovery } from './kernelspecs.js';

export type FixVia = 'process' | 'endpoint';

export interface FixKernelOptions {
  readonly kernel: string;
  /** The profile whose credentials the kernel should use (e.g. the `aws login` one). */
  readonly profile: string;
  readonly via?: FixVia | undefined;
  readonly dryRun?: boolean | undefined;
  /** Name of the credential_process profile; default `<profile>-process`. */
  readonly processProfile?: string | undefined;
  readonly discovery?: KernelDiscovery | undefined;
}

export interface KernelFixResult {
  readonly kernel: string;
  readonly specFile: string;
  readonly via: FixVia;
  readonly dryRun: boolean;
  /** The profile the kernel uses after the fix (`process`), or undefined (`endpoint`). */
  readonly processProfile: string | undefined;
  /** The config-file edit (the credential_process profile); undefined for `endpoint`. */
  readonly configEdit: FileEdit | undefined;
  /** The kernel.json edit; undefined for `endpoint`. */
  readonly specEdit: FileEdit | undefined;
  /** Where `unfix` finds the original kernel.json. */
  readonly statePath: string | undefined;
  /** kernel.json env variables the fix removed or overrode, and why. */
  readonly envChanges: readonly { name: string; action: 'set' | 'removed'; why: string }[];
  /** What the person should still do or know (restart the kernel, commands for `endpoint`). */
  readonly notes: readonly string[];
}

/** Static keys in a kernel's env shadow every profile (botocore's env provider comes first): the fix removes them. */
const SHADOWING_KEYS = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_SECURITY_TOKEN'];
/** Variables that make an SDK use something else than the container endpoint `creds exec` provides. */
const ENDPOINT_CONFLICTS = [...SHADOWING_KEYS, 'AWS_PROFILE', 'AWS_DEFAULT_PROFILE', 'AWS_WEB_IDENTITY_TOKEN_FILE'];

/** The indentation a JSON text uses (Jupyter writes kernel.json with `indent=1`). */
function detectIndent(text: string): string | number {
  const match = /^\{\s*?\n([ \t]+)"/.exec(text);
  return match?.[1] ?? 1;
}

/** Sets the kernel's profile variables (and drops static keys) in kernel.json, keeping every other field and order. */
export function withProfileInKernelJson(
  text: string,
  processProfile: string,
  launching: Env,
): { text: string; envChanges: KernelFixResult['envChanges'] } {
  const spec = JSON.parse(text) as Record<string, unknown>;
  const env: Record<string, string> = { ...((spec.env as Record<string, string> | undefined) ?? {}) };
  const envChanges: { name: string; action: 'set' | 'removed'; why: string }[] = [];
  for (const key of SHADOWING_KEYS) {
    if (key in env) {
      delete env[key];
      envChanges.push({ name: key, action: 'removed', why: 'static keys in the kernel env shadow every profile' });
    }
  }
  env.AWS_PROFILE = processProfile;
  envChanges.push({ name: 'AWS_PROFILE', action: 'set', why: `the kernel's boto3 uses profile ${processProfile}` });
  if ('AWS_DEFAULT_PROFILE' in env || launching.AWS_DEFAULT_PROFILE !== undefined) {
    env.AWS_DEFAULT_PROFILE = processProfile;
    envChanges.push({ name: 'AWS_DEFAULT_PROFILE', action: 'set', why: 'botocore reads it before AWS_PROFILE' });
  }
  spec.env = env;
  const newline = text.endsWith('\n') ? '\n' : '';
  return { text: JSON.stringify(spec, null, detectIndent(text)) + newline, envChanges };
}

async function readSpecText(kernel: EditableKernel): Promise<string> {
  const raw = await readFile(kernel.specFile);
  const text = raw.toString('utf8');
  if (!Buffer.from(text, 'utf8').equals(raw)) {
    throw new AwsDoctorError(
      'jupyter.spec-not-utf8',
      `${kernel.specFile} is not valid UTF-8; awsdoctor will not edit it.`,
      {
        hint: 'Re-save it as UTF-8 (Jupyter writes kernel.json as UTF-8).',
      },
    );
  }
  return text;
}

function endpointNotes(kernel: EditableKernel, profile: string): string[] {
  const conflicts = ENDPOINT_CONFLICTS.filter((name) => name in kernel.spec.env);
  return [
    `Start Jupyter under the credentials endpoint; every kernel it launches inherits it and gets fresh credentials:`,
    `  awsdoctor creds exec --profile ${profile} -- jupyter lab`,
    ...(conflicts.length > 0
      ? [
          `Kernel ${kernel.name}'s kernel.json env sets ${conflicts.join(', ')}, which boto3 uses before the endpoint: remove ${conflicts.length > 1 ? 'them' : 'it'} from ${kernel.specFile}.`,
        ]
      : []),
    'Do not set AWS_PROFILE/AWS_DEFAULT_PROFILE or keys in the notebook: boto3 then reads the endpoint with no code.',
  ];
}

/**
 * Makes a kernel find credentials with no notebook code. `process`: adds a `credential_process` profile for
 * `profile` to the config file the kernel reads and points the kernel's `AWS_PROFILE` at it in kernel.json (backup,
 * atomic write, idempotent, the original kept for `unfixKernel`). `endpoint`: edits nothing and says how to run
 * Jupyter under `awsdoctor creds exec`.
 */
export async function fixKernel(system: System, options: FixKernelOptions): Promise<KernelFixResult> {
  const via = options.via ?? 'process';
  if (via !== 'process' && via !== 'endpoint')
    throw new UsageError(`--via must be process or endpoint, not ${String(via)}.`);
  if (!options.profile)
    throw new UsageError('A profile is required.', 'Pass --profile NAME (the profile `aws login` used).');
  const { kernel: found } = await findKernel(system, options.kernel, options.discovery);
  const kernel = requireEditable(found);
  if (!isPythonKernel(kernel.spec)) {
    throw new AwsDoctorError(
      'jupyter.kernel-not-python',
      `Kernel ${kernel.name} runs ${kernel.spec.language || kernel.spec.argv[0]}, not Python.`,
      {
        hint: 'awsdoctor fixes Python (boto3) kernels; for others use `awsdoctor creds exec --profile P -- jupyter lab`.',
      },
    );
  }
  const dryRun = options.dryRun ?? false;
  if (via === 'endpoint') {
    return {
      kernel: kernel.name,
      specFile: kernel.specFile,
      via,
      dryRun,
      processProfile: undefined,
      configEdit: undefined,
      specEdit: undefined,
      statePath: undefined,
      envChanges: [],
      notes: endpointNotes(kernel, options.profile),
    };
  }

  const before = await readSpecText(kernel);
  const existingState = await readFixState(kernel.resourceDir);
  const processProfile = options.processProfile ?? `${options.profile}-process`;
  // The kernel reads the config file of its own environment (kernel.json env may set AWS_CONFIG_FILE or HOME).
  const kernelSystem = withEnv(system, kernelLaunchEnvironment(system.env, kernel.spec.env));
  const configEdit = await setupProcessProfile(kernelSystem, {
    profile: options.profile,
    name: processProfile,
    dryRun,
  });
  let envChanges: KernelFixResult['envChanges'] = [];
  const specEdit = await editUserFile(
    kernel.specFile,
    (current) => {
      if (current !== before)
        throw new AwsDoctorError('jupyter.spec-changed', `${kernel.specFile} changed while fixing it; try again.`);
      const updated = withProfileInKernelJson(before, processProfile, system.env);
      envChanges = updated.envChanges;
      return updated.text;
    },
    { system, dryRun },
  );
  let statePath: string | undefined = existingState ? fixStatePath(kernel.resourceDir) : undefined;
  if (!dryRun && (specEdit.changed || !existingState)) {
    statePath = await writeFixState(kernel.resourceDir, {
      version: 1,
      kernel: kernel.name,
      specFile: kernel.specFile,
      // A second fix keeps the first original: unfix always returns to the spec as it was before awsdoctor.
      original: existingState?.original ?? before,
      originalSha256: existingState?.originalSha256 ?? sha256(before),
      fixedSha256: sha256(specEdit.after),
      backupPath: existingState?.backupPath ?? specEdit.backupPath,
      profile: options.profile,
      processProfile,
      configFile: configFilePath(kernelSystem),
      fixedAt: new Date(system.now()).toISOString(),
    });
  }
  const notes: string[] = [];
  if (specEdit.changed && !dryRun)
    notes.push(`Restart kernel ${kernel.name} (Kernel > Restart) so it starts with the new environment.`);
  const launchingKeys = SHADOWING_KEYS.filter((name) => system.env[name]);
  if (launchingKeys.length > 0) {
    notes.push(
      `This environment sets ${launchingKeys.join(', ')}; a Jupyter started from it passes them to every kernel, and boto3 uses them before any profile: unset them before starting Jupyter.`,
    );
  }
  return {
    kernel: kernel.name,
    specFile: kernel.specFile,
    via,
    dryRun,
    processProfile,
    configEdit,
    specEdit,
    statePath,
    envChanges,
    notes,
  };
}

export interface UnfixKernelResult {
  readonly kernel: string;
  readonly specFile: string;
  readonly specEdit: FileEdit;
  readonly dryRun: boolean;
  /** The credential_process profile left in the config file (other kernels may use it). */
  readonly processProfile: string;
  readonly configFile: string;
}

/**
 * Puts back the kernel.json `fixKernel` changed, byte for byte (the current one is backed up first). Refuses when
 * kernel.json was edited since the fix, unless `force`.
 */
export async function unfixKernel(
  system: System,
  options: {
    kernel: string;
    dryRun?: boolean | undefined;
    force?: boolean | undefined;
    discovery?: KernelDiscovery | undefined;
  },
): Promise<UnfixKernelResult> {
  const { kernel: found } = await findKernel(system, options.kernel, options.discovery);
  if (!found.specFile)
    throw new AwsDoctorError('jupyter.not-fixed', `Kernel ${found.name} has no kernel.json awsdoctor changed.`);
  const state = await readFixState(found.resourceDir);
  if (!state) {
    throw new AwsDoctorError(
      'jupyter.not-fixed',
      `awsdoctor has not changed kernel ${found.name} (no ${fixStatePath(found.resourceDir)}).`,
      {
        hint: 'Nothing to undo. Earlier copies, if any, are the kernel.json.awsdoctor-backup-* files next to it.',
      },
    );
  }
  const specFile = found.specFile;
  const dryRun = options.dryRun ?? false;
  const specEdit = await editUserFile(
    specFile,
    (current) => {
      if (
        current !== undefined &&
        sha256(current) !== state.fixedSha256 &&
        sha256(current) !== state.originalSha256 &&
        !options.force
      ) {
        throw new AwsDoctorError(
          'jupyter.spec-changed-since-fix',
          `${specFile} was edited after awsdoctor fixed it; restoring would drop those edits.`,
          {
            hint: `Re-run with --force to restore the original anyway (the current file is backed up first).`,
          },
        );
      }
      return state.original;
    },
    { system, dryRun },
  );
  if (!dryRun) await removeFixState(found.resourceDir);
  return {
    kernel: found.name,
    specFile,
    specEdit,
    dryRun,
    processProfile: state.processProfile,
    configFile: state.configFile,
  };
}
