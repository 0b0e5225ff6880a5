import { createHash } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomically } from '../config/safe-write.js';
import { AwsDoctorError } from '../errors.js';

/** What `jupyter fix` changed, kept next to kernel.json so `jupyter unfix` can put the original back exactly. */
export interface KernelFixState {
  readonly version: 1;
  readonly kernel: string;
  readonly specFile: string;
  /** kernel.json exactly as it was before the first fix (it may hold secrets: the state file is 0600). */
  readonly original: string;
  readonly originalSha256: string;
  /** The hash of kernel.json as awsdoctor last wrote it: a different file means someone edited it since. */
  readonly fixedSha256: string;
  /** The backup editUserFile made before the first fix. */
  readonly backupPath: string | undefined;
  readonly profile: string;
  readonly processProfile: string;
  readonly configFile: string;
  readonly fixedAt: string;
}

export const FIX_STATE_FILE = 'awsdoctor-fix.json';

export function fixStatePath(resourceDir: string): string {
  return join(resourceDir, FIX_STATE_FILE);
}

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export async function readFixState(resourceDir: string): Promise<KernelFixState | undefined> {
  const path = fixStatePath(resourceDir);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    const state = JSON.parse(text) as KernelFixState;
    if (state.version !== 1 || typeof state.original !== 'string' || sha256(state.original) !== state.originalSha256) {
      throw new Error('unexpected content');
    }
    return state;
  } catch (error) {
    throw new AwsDoctorError('jupyter.fix-state-corrupt', `${path} is damaged (${(error as Error).message}).`, {
      hint: 'Restore kernel.json from its .awsdoctor-backup-* copy next to it, then delete this file.',
    });
  }
}

export async function writeFixState(resourceDir: string, state: KernelFixState): Promise<string> {
  const path = fixStatePath(resourceDir);
  await writeFileAtomically(path, `${JSON.stringify(state, null, 2)}\n`);
  return path;
}

export async function removeFixState(resourceDir: string): Promise<void> {
  await rm(fixStatePath(resourceDir), { force: true });
}
