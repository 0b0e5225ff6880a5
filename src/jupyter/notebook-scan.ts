import { open, readdir, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { AwsDoctorError } from '../errors.js';
import { maskKeyId } from '../redact.js';

export type SecretKind = 'access-key-id' | 'secret-access-key' | 'session-token' | 'credential-copy-code';

export interface NotebookFinding {
  /** The notebook, relative to the scanned directory. */
  readonly file: string;
  /** The cell's index in the notebook (0-based); null when the notebook is not valid JSON and was scanned as text. */
  readonly cell: number | null;
  readonly where: 'source' | 'output' | 'raw';
  readonly kind: SecretKind;
  /** A short excerpt around the match with every secret in it masked. */
  readonly excerpt: string;
}

export interface NotebookScan {
  readonly directory: string;
  readonly notebooksScanned: number;
  readonly findings: readonly NotebookFinding[];
  /** Notebooks only partly scanned, and why (corrupt JSON, too big, unreadable). */
  readonly problems: readonly { file: string; problem: string }[];
}

export interface ScanOptions {
  /** Bytes read per notebook; the rest of a bigger one is skipped and said so (default 64 MiB). */
  readonly maxNotebookBytes?: number;
  /** Notebooks scanned at most (default 10,000). */
  readonly maxNotebooks?: number;
}

interface Match {
  readonly start: number;
  readonly end: number;
  readonly kind: SecretKind;
  readonly mask: string;
}

const KEY_ID = /(?<![A-Z0-9])(?:AKIA|ASIA|ABIA|ACCA|AIDA|AROA)[A-Z0-9]{16}(?![A-Z0-9])/g;
const SECRET_WORD = /secret|aws_secret_access_key|secretaccesskey/i;
const TOKEN_WORD = /session_?token|security_?token|sessiontoken|x-amz-security-token/i;
/** STS session tokens start with these (base64 of their binary header). */
const TOKEN_PREFIXES = ['IQoJb3JpZ2luX2Vj', 'FwoGZXIvYXdz', 'FQoGZXIvYXdz'];
/** The guide's own pattern: loading the login cache into os.environ / a Session by hand. */
const COPY_CODE =
  /os\.environ\.update\(\s*_?aws_creds\s*\)|load_aws_login_credentials\s*\(|login[/'"\s,]+cache['"]?\s*\)?\s*\.glob/g;
/** How far before a 40-character value a word like "secret" may be for the value to count as a secret. */
const NEARBY = 120;

function maskedSecret(value: string): string {
  return `[secret: ${value.length} chars]`;
}

function isBase64Char(code: number): boolean {
  return (
    (code >= 65 && code <= 90) ||
    (code >= 97 && code <= 122) ||
    (code >= 48 && code <= 57) ||
    code === 43 ||
    code === 47
  );
}

/**
 * Maximal runs of base64 characters (`A-Za-z0-9+/`) with their `=` padding, found by a linear walk: regular
 * expressions over multi-megabyte runs (images in outputs) overflow the regexp engine's stack.
 */
function* base64Runs(text: string): Generator<{ start: number; end: number; length: number; padding: number }> {
  let i = 0;
  while (i < text.length) {
    if (!isBase64Char(text.charCodeAt(i))) {
      i++;
      continue;
    }
    const start = i;
    while (i < text.length && isBase64Char(text.charCodeAt(i))) i++;
    const length = i - start;
    let padding = 0;
    while (i < text.length && text.charCodeAt(i) === 61 && padding < 2) {
      i++;
      padding++;
    }
    // A run glued to more `=` or base64 after its padding is not one value.
    if (start > 0 && text.charCodeAt(start - 1) === 61) continue;
    yield { start, end: i, length, padding };
  }
}

/** Every secret-looking span in `text` (no overlaps), each with what to show instead. */
export function findSecrets(text: string): Match[] {
  const matches: Match[] = [];
  for (const m of text.matchAll(KEY_ID)) {
    matches.push({ start: m.index, end: m.index + m[0].length, kind: 'access-key-id', mask: maskKeyId(m[0]) });
  }
  for (const run of base64Runs(text)) {
    const value = text.slice(run.start, run.end);
    const before = text.slice(Math.max(0, run.start - NEARBY), run.start);
    if (run.length === 40 && run.padding === 0) {
      // Hex digests and all-letter words are not secrets; AWS secrets mix cases and digits.
      if (SECRET_WORD.test(before) && /[a-z]/.test(value) && /[A-Z]/.test(value) && /[0-9/+]/.test(value)) {
        matches.push({ start: run.start, end: run.end, kind: 'secret-access-key', mask: maskedSecret(value) });
      }
    } else if (run.length >= 100 && (TOKEN_WORD.test(before) || TOKEN_PREFIXES.some((p) => value.startsWith(p)))) {
      matches.push({
        start: run.start,
        end: run.end,
        kind: 'session-token',
        mask: `[session token: ${value.length} chars]`,
      });
    } else if (run.length >= 40 && TOKEN_PREFIXES.some((p) => value.startsWith(p))) {
      matches.push({
        start: run.start,
        end: run.end,
        kind: 'session-token',
        mask: `[session token: ${value.length} chars]`,
      });
    }
  }
  for (const m of text.matchAll(COPY_CODE)) {
    matches.push({ start: m.index, end: m.index + m[0].length, kind: 'credential-copy-code', mask: m[0] });
  }
  matches.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: Match[] = [];
  for (const match of matches) {
    const last = kept[kept.length - 1];
    if (last && match.start < last.end) continue;
    kept.push(match);
  }
  return kept;
}

/** Values of these keys are secrets wherever they appear as `"KEY": "value"` or `KEY=value`. */
const SECRET_ASSIGNMENT =
  /((?:AWS_SECRET_ACCESS_KEY|AWS_SESSION_TOKEN|AWS_SECURITY_TOKEN|AWS_CONTAINER_AUTHORIZATION_TOKEN|AWS_BEARER_TOKEN_BEDROCK|aws_secret_access_key|aws_session_token)["']?\s*[:=]\s*["']?)([^"'\s,}]+)/g;

/**
 * `text` with every secret masked: values assigned to secret variable names, and anything `findSecrets` recognises
 * (key ids become `ASIA…WXYZ`). For printing diffs of files that may hold keys (a kernel.json env).
 */
export function redactSecrets(text: string): string {
  const assigned = text.replace(
    SECRET_ASSIGNMENT,
    (_whole, prefix: string, value: string) => `${prefix}${maskedSecret(value)}`,
  );
  let out = '';
  let at = 0;
  for (const m of findSecrets(assigned)) {
    if (m.kind === 'credential-copy-code') continue;
    out += assigned.slice(at, m.start) + m.mask;
    at = m.end;
  }
  return out + assigned.slice(at);
}

/** `text[from, to)` with every secret span in it replaced by its mask, on one line. */
function maskedExcerpt(text: string, matches: readonly Match[], focus: Match): string {
  const from = Math.max(0, focus.start - 40);
  const to = Math.min(text.length, focus.end + 40);
  let out = '';
  let at = from;
  for (const m of matches) {
    if (m.end <= from || m.start >= to) continue;
    // A secret straddling the window edge is masked whole, never cut into a visible piece.
    out += text.slice(at, Math.max(at, m.start));
    out += m.mask;
    at = Math.max(at, m.end);
  }
  if (at < to) out += text.slice(at, to);
  const oneLine = out.replace(/\s+/g, ' ').trim();
  return `${from > 0 ? '…' : ''}${oneLine}${to < text.length ? '…' : ''}`;
}

function scanText(text: string, base: Omit<NotebookFinding, 'kind' | 'excerpt'>): NotebookFinding[] {
  const matches = findSecrets(text);
  return matches.map((m) => ({ ...base, kind: m.kind, excerpt: maskedExcerpt(text, matches, m) }));
}

/** A notebook field that is a string or a list of strings (nbformat's "multiline string"). */
function joinText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.filter((v) => typeof v === 'string').join('');
  return '';
}

/** Text of every saved output of a cell: streams, results, errors (tracebacks too). */
function outputTexts(outputs: unknown): string[] {
  if (!Array.isArray(outputs)) return [];
  const texts: string[] = [];
  for (const output of outputs) {
    if (typeof output !== 'object' || output === null) continue;
    const o = output as Record<string, unknown>;
    texts.push(joinText(o.text));
    if (typeof o.data === 'object' && o.data !== null) {
      for (const value of Object.values(o.data as Record<string, unknown>)) {
        texts.push(
          typeof value === 'object' && value !== null && !Array.isArray(value)
            ? JSON.stringify(value)
            : joinText(value),
        );
      }
    }
    texts.push(joinText(o.evalue), joinText(o.traceback));
  }
  return texts.filter(Boolean);
}

/** Findings of one notebook's text; cell-level when it parses as nbformat JSON, whole-text otherwise. */
export function scanNotebookText(file: string, text: string): { findings: NotebookFinding[]; problem?: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return {
      findings: scanText(text, { file, cell: null, where: 'raw' }),
      problem: `not valid JSON (${(error as Error).message.split('\n')[0]}); scanned as text`,
    };
  }
  const cells = (parsed as { cells?: unknown } | null)?.cells;
  if (!Array.isArray(cells)) {
    return {
      findings: scanText(text, { file, cell: null, where: 'raw' }),
      problem: 'no "cells" list; scanned as text',
    };
  }
  const findings: NotebookFinding[] = [];
  cells.forEach((cell: unknown, index) => {
    if (typeof cell !== 'object' || cell === null) return;
    const c = cell as Record<string, unknown>;
    findings.push(...scanText(joinText(c.source), { file, cell: index, where: 'source' }));
    for (const output of outputTexts(c.outputs))
      findings.push(...scanText(output, { file, cell: index, where: 'output' }));
  });
  return { findings };
}

async function readPrefix(path: string, maxBytes: number): Promise<{ text: string; truncated: boolean }> {
  const handle = await open(path, 'r');
  try {
    const size = (await handle.stat()).size;
    const length = Math.min(size, maxBytes);
    const buffer = Buffer.alloc(length);
    let read = 0;
    while (read < length) {
      const { bytesRead } = await handle.read(buffer, read, length - read, read);
      if (bytesRead === 0) break;
      read += bytesRead;
    }
    return { text: buffer.subarray(0, read).toString('utf8'), truncated: size > maxBytes };
  } finally {
    await handle.close();
  }
}

/** `.ipynb` files under `dir` (checkpoints included: they keep old outputs), skipping node_modules and .git. */
async function findNotebooks(dir: string, limit: number): Promise<string[]> {
  const found: string[] = [];
  const queue = [dir];
  while (queue.length > 0 && found.length < limit) {
    const current = queue.shift() as string;
    let entries;
    try {
      entries = await readdir(current, { withFileTypes: true });
    } catch {
      continue;
    }
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      const path = join(current, entry.name);
      if (entry.isDirectory() && entry.name !== 'node_modules' && entry.name !== '.git') queue.push(path);
      else if (entry.isFile() && entry.name.endsWith('.ipynb') && found.length < limit) found.push(path);
    }
  }
  return found.sort();
}

/**
 * Looks for the guide's anti-pattern's traces in notebooks: access key ids, secret keys and session tokens in cells
 * or saved outputs (a printed `os.environ`, say), and the copy-into-environment code itself. Findings carry the file,
 * the cell and an excerpt in which every secret is masked; the secrets themselves never leave this function.
 */
export async function scanNotebooks(dir: string, options: ScanOptions = {}): Promise<NotebookScan> {
  let info;
  try {
    info = await stat(dir);
  } catch {
    throw new AwsDoctorError('jupyter.scan-dir-missing', `Cannot read ${dir}.`, {
      hint: 'Pass the folder that holds your notebooks.',
    });
  }
  const maxBytes = options.maxNotebookBytes ?? 64 * 1024 * 1024;
  const files = info.isDirectory() ? await findNotebooks(dir, options.maxNotebooks ?? 10_000) : [dir];
  const findings: NotebookFinding[] = [];
  const problems: { file: string; problem: string }[] = [];
  for (const path of files) {
    const file = info.isDirectory() ? relative(dir, path) : path;
    let content;
    try {
      content = await readPrefix(path, maxBytes);
    } catch (error) {
      problems.push({ file, problem: `unreadable (${(error as NodeJS.ErrnoException).code ?? 'error'})` });
      continue;
    }
    const result = scanNotebookText(file, content.text);
    findings.push(...result.findings);
    if (content.truncated)
      problems.push({ file, problem: `larger than ${maxBytes} bytes; only the start was scanned, as text` });
    else if (result.problem) problems.push({ file, problem: result.problem });
  }
  return { directory: dir, notebooksScanned: files.length, findings, problems };
}
