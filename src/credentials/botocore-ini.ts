/**
 * Python `configparser.RawConfigParser` as botocore uses it (`botocore/configloader.py`), so that boto3 mode reads
 * the files exactly as a Python process would: `=` and `:` both separate keys from values, keys are lower-cased,
 * only whole-line `#`/`;` comments exist (an inline `# note` is part of the value), indented lines continue a
 * value, `[DEFAULT]` values are inherited by every section, and duplicate sections or keys are errors.
 */

/** A parse failure as botocore reports it (`ConfigParseError`), with the 1-based line when there is one. */
export interface IniParseError {
  readonly path: string;
  readonly line: number | undefined;
  /** The Python exception inside ConfigParseError, e.g. `DuplicateOptionError`. */
  readonly kind: string;
  readonly message: string;
}

export type IniValue = string | Readonly<Record<string, string>>;
export type IniSections = Record<string, Record<string, IniValue>>;

export type IniParseResult = { ok: true; sections: IniSections } | { ok: false; error: IniParseError };

const SECTION = /^\[(.+)\]/;
const OPTION = /^(.*?)\s*([=:])\s*(.*)$/;

/** Python's `str.isspace()`: JS whitespace plus the separators U+001C..U+001F and U+0085. */
function isPySpace(ch: string): boolean {
  return /\s/.test(ch) || (ch >= '\u001c' && ch <= '\u001f') || ch === '\u0085';
}

/** Python's str.strip(). */
function pyStrip(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && isPySpace(text[start]!)) start++;
  while (end > start && isPySpace(text[end - 1]!)) end--;
  return text.slice(start, end);
}

/** botocore's `_parse_nested`: an indented block after `s3 =` becomes a sub-dictionary. */
function parseNested(value: string): Record<string, string> | undefined {
  const parsed: Record<string, string> = {};
  for (const raw of value.split('\n')) {
    const line = pyStrip(raw);
    if (!line) continue;
    const at = line.indexOf('=');
    if (at < 0) return undefined;
    parsed[pyStrip(line.slice(0, at))] = pyStrip(line.slice(at + 1));
  }
  return parsed;
}

/** Parses text the way `botocore.configloader.raw_config_parse(path)` does. */
export function parseBotocoreIni(text: string, path: string): IniParseResult {
  const fail = (kind: string, line: number | undefined, message: string): IniParseResult => ({
    ok: false,
    error: { path, line, kind, message },
  });
  const sections = new Map<string, Map<string, string[] | null>>();
  const defaults = new Map<string, string[] | null>();
  const added = new Set<string>();
  let current: Map<string, string[] | null> | undefined;
  let sectionName = '';
  let option: string | undefined;
  let indentLevel = 0;
  const badLines: number[] = [];
  const lines = text.split(/\r\n|\r|\n/);
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  for (let index = 0; index < lines.length; index++) {
    const lineNo = index + 1;
    const line = lines[index]!;
    const stripped = pyStrip(line);
    const isComment = stripped.startsWith('#') || stripped.startsWith(';');
    const value = isComment ? '' : stripped;
    if (!value) {
      // Blank lines belong to a multi-line value; comment lines are dropped without ending it.
      if (!isComment && current && option && current.get(option)) current.get(option)!.push('');
      continue;
    }
    const indent = line.search(/\S/);
    const curIndent = indent < 0 ? 0 : indent;
    if (current && option && curIndent > indentLevel) {
      const existing = current.get(option);
      if (existing) existing.push(value);
      continue;
    }
    indentLevel = curIndent;
    const header = SECTION.exec(value);
    if (header) {
      const name = header[1]!;
      if (sections.has(name)) {
        if (added.has(`s:${name}`)) {
          return fail('DuplicateSectionError', lineNo, `section '${name}' already exists (line ${lineNo})`);
        }
        current = sections.get(name);
      } else if (name === 'DEFAULT') {
        current = defaults;
      } else {
        current = new Map();
        sections.set(name, current);
      }
      added.add(`s:${name}`);
      sectionName = name;
      option = undefined;
      continue;
    }
    if (!current) {
      return fail('MissingSectionHeaderError', lineNo, `File contains no section headers (line ${lineNo}: ${value})`);
    }
    const match = OPTION.exec(value);
    if (!match || match[1] === '') {
      badLines.push(lineNo);
      continue;
    }
    const key = match[1]!.trimEnd().toLowerCase();
    if (added.has(`o:${sectionName}\u0000${key}`)) {
      return fail(
        'DuplicateOptionError',
        lineNo,
        `option '${key}' in section '${sectionName}' already exists (line ${lineNo})`,
      );
    }
    added.add(`o:${sectionName}\u0000${key}`);
    current.set(key, [pyStrip(match[3]!)]);
    option = key;
  }
  if (badLines.length > 0) {
    return fail('ParsingError', badLines[0], `Source contains parsing errors: lines ${badLines.join(', ')}`);
  }
  const result: IniSections = {};
  const join = (parts: string[] | null): string => (parts ?? []).join('\n').trimEnd();
  for (const [name, options] of sections) {
    const merged = new Map<string, string[] | null>([...defaults, ...options]);
    const out: Record<string, IniValue> = {};
    for (const [key, parts] of merged) {
      const joined = join(parts);
      if (joined.startsWith('\n')) {
        const nested = parseNested(joined);
        if (!nested) return fail('ValueError', undefined, `Cannot parse the nested block of '${key}' in [${name}]`);
        out[key] = nested;
      } else {
        out[key] = joined;
      }
    }
    result[name] = out;
  }
  return { ok: true, sections: result };
}

/**
 * Python's `shlex.split(s)` (POSIX mode, no comments): how botocore splits `credential_process` into argv, since it
 * runs the command without a shell. Throws on an unclosed quote ("No closing quotation"), like Python.
 */
export function shlexSplit(command: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < command.length; i++) {
    const ch = command[i]!;
    if (quote === "'") {
      if (ch === "'") quote = undefined;
      else word += ch;
      continue;
    }
    if (quote === '"') {
      if (ch === '"') quote = undefined;
      else if (ch === '\\' && i + 1 < command.length && '\\"'.includes(command[i + 1]!)) word += command[++i];
      else word += ch;
      continue;
    }
    if (/\s/.test(ch)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
      continue;
    }
    inWord = true;
    if (ch === "'" || ch === '"') quote = ch;
    else if (ch === '\\') {
      if (i + 1 < command.length) word += command[++i];
      else throw new Error('No escaped character');
    } else word += ch;
  }
  if (quote) throw new Error('No closing quotation');
  if (inWord) words.push(word);
  return words;
}
