import { chmod, copyFile, mkdir, readFile, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { createTwoFilesPatch } from 'diff';
import type { System } from '../system.js';

/** Mode for files that hold secrets (credentials, caches): owner read/write only. */
export const SECRET_FILE_MODE = 0o600;

/**
 * Writes a whole file atomically (temp file in the same directory, fsync, rename), so a crash or a concurrent reader
 * never sees half a file. Parent directories are created (0700: they hold secrets too).
 */
export async function writeFileAtomically(
  path: string,
  content: string,
  options: { mode?: number } = {},
): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  await writeFileAtomic(path, content, { mode: options.mode ?? SECRET_FILE_MODE, fsync: true });
  // write-file-atomic applies the umask to `mode`; make the mode exact.
  await chmod(path, options.mode ?? SECRET_FILE_MODE);
}

async function readIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Timestamp for backup names: sortable, no characters a file system dislikes. */
function backupStamp(now: number): string {
  return new Date(now)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
}

/** Copies `path` next to itself as `path.awsdoctor-backup-<UTC stamp>` keeping its mode; returns the backup's path. */
export async function backupFile(path: string, system: System): Promise<string> {
  let backup = `${path}.awsdoctor-backup-${backupStamp(system.now())}`;
  for (let n = 1; await exists(backup); n++) backup = `${path}.awsdoctor-backup-${backupStamp(system.now())}-${n}`;
  const { mode } = await stat(path);
  await copyFile(path, backup);
  await chmod(backup, mode & 0o777);
  return backup;
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

export interface FileEdit {
  readonly path: string;
  /** The text before (undefined when the file did not exist). */
  readonly before: string | undefined;
  readonly after: string;
  readonly changed: boolean;
  /** Unified diff of the change ('' when unchanged). */
  readonly diff: string;
  /** Where the previous content was saved (undefined when nothing was written or the file is new). */
  readonly backupPath: string | undefined;
}

/**
 * Edits a user's file safely: reads it, applies `transform`, and when the text changes, backs the old file up and
 * writes the new one atomically with `mode`. Nothing the user had is ever lost. With `dryRun`, only computes the diff.
 */
export async function editUserFile(
  path: string,
  transform: (before: string | undefined) => string,
  options: { system: System; mode?: number; dryRun?: boolean },
): Promise<FileEdit> {
  const before = await readIfExists(path);
  const after = transform(before);
  const changed = after !== before;
  const diff = changed ? createTwoFilesPatch(path, path, before ?? '', after, '', '', { context: 3 }) : '';
  if (!changed || options.dryRun) return { path, before, after, changed, diff, backupPath: undefined };
  let mode = options.mode;
  if (mode === undefined) mode = before === undefined ? SECRET_FILE_MODE : (await stat(path)).mode & 0o777;
  const backupPath = before === undefined ? undefined : await backupFile(path, options.system);
  await writeFileAtomically(path, after, { mode });
  return { path, before, after, changed, diff, backupPath };
}
