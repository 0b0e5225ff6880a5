/**
 * Line-preserving edits of AWS INI files (config and credentials): every other line, comment, blank line and the
 * order of sections stay exactly as they were. Parsing for *reading* is the SDK's job (shared-files.ts); this module
 * only locates section headers and `key = value` lines.
 */

export interface IniSectionRef {
  /** The text inside the brackets as the SDKs match it, e.g. `default`, `profile dev` (config) or `dev` (credentials). */
  readonly header: string;
}

interface Line {
  text: string;
}

const HEADER = /^\s*\[([^\]]*)\]\s*(?:[#;].*)?$/;
const KEY_VALUE = /^(\s*)([^=\s#;[][^=]*?)\s*=(.*)$/;

/** Normalises a header for comparison: `[ profile   dev ]` and `[profile dev]` name the same section. */
function normaliseHeader(header: string): string {
  return header.trim().split(/\s+/).join(' ');
}

function splitLines(text: string): { lines: Line[]; eol: string; finalNewline: boolean } {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const finalNewline = text.length === 0 || text.endsWith('\n');
  const body = finalNewline && text.length > 0 ? text.slice(0, text.endsWith('\r\n') ? -2 : -1) : text;
  const lines = text.length === 0 ? [] : body.split(/\r?\n/).map((t) => ({ text: t }));
  return { lines, eol, finalNewline };
}

/** [start, end) line indexes of the first section with this header (start is the header line), or undefined. */
function findSection(lines: Line[], header: string): { start: number; end: number } | undefined {
  const wanted = normaliseHeader(header);
  let start = -1;
  for (let i = 0; i < lines.length; i++) {
    const match = HEADER.exec(lines[i]!.text);
    if (!match) continue;
    if (start >= 0) return { start, end: i };
    if (normaliseHeader(match[1]!) === wanted) start = i;
  }
  return start >= 0 ? { start, end: lines.length } : undefined;
}

/** Reads the top-level keys of a section (not nested sub-section keys), or undefined when the section is absent. */
export function readIniSection(text: string, header: string): Record<string, string> | undefined {
  const { lines } = splitLines(text);
  const section = findSection(lines, header);
  if (!section) return undefined;
  const values: Record<string, string> = {};
  for (let i = section.start + 1; i < section.end; i++) {
    const match = KEY_VALUE.exec(lines[i]!.text);
    if (match && match[1] === '') values[match[2]!.trim()] = match[3]!.trim();
  }
  return values;
}

/**
 * Sets `values` in the section `header`, creating the section at the end of the file when absent. Existing keys are
 * replaced in place (keeping their indentation); new keys go after the section's last non-blank line. Keys whose
 * value is `undefined` are removed. Returns the new text (identical to `text` when nothing changes).
 */
export function upsertIniSection(text: string, header: string, values: Record<string, string | undefined>): string {
  const { lines, eol, finalNewline } = splitLines(text);
  const section = findSection(lines, header);
  const pending = new Map(Object.entries(values));
  if (!section) {
    const additions = [...pending].filter(([, v]) => v !== undefined);
    if (additions.length === 0) return text;
    const out = lines.map((l) => l.text);
    if (out.length > 0 && out[out.length - 1]!.trim() !== '') out.push('');
    out.push(`[${header}]`);
    for (const [key, value] of additions) out.push(`${key} = ${value}`);
    return out.join(eol) + eol;
  }
  const out: string[] = [];
  let lastContent = section.start;
  const kept: string[] = [];
  for (let i = section.start + 1; i < section.end; i++) {
    const line = lines[i]!.text;
    const match = KEY_VALUE.exec(line);
    if (match && match[1] === '' && pending.has(match[2]!.trim())) {
      const key = match[2]!.trim();
      const value = pending.get(key);
      pending.delete(key);
      if (value === undefined) continue;
      kept.push(`${key} = ${value}`);
      lastContent = section.start + kept.length;
      continue;
    }
    kept.push(line);
    // Comments at the end of a section usually introduce the next one: insert before them.
    if (line.trim() !== '' && !/^\s*[#;]/.test(line)) lastContent = section.start + kept.length;
  }
  const additions = [...pending].filter(([, v]) => v !== undefined).map(([k, v]) => `${k} = ${v}`);
  const sectionLines = [lines[section.start]!.text, ...kept];
  const insertAt = lastContent - section.start + 1;
  sectionLines.splice(insertAt, 0, ...additions);
  out.push(...lines.slice(0, section.start).map((l) => l.text), ...sectionLines);
  out.push(...lines.slice(section.end).map((l) => l.text));
  const result = out.join(eol) + (finalNewline || additions.length > 0 ? eol : '');
  return result === text ? text : result;
}

/** Section header for a profile in the config file (`default` or `profile NAME`). */
export function configProfileHeader(profile: string): string {
  return profile === 'default' ? 'default' : `profile ${profile}`;
}
