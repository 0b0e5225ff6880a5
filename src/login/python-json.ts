/**
 * Serializes a JSON value exactly as Python's `json.dumps(value)` does with its defaults (separators `", "` and
 * `": "`, `ensure_ascii=True`), which is how botocore's `JSONFileCache` and `aws login` write the login cache. Writing
 * the same bytes keeps `aws login`, the AWS CLI, boto3 and awsdoctor interchangeable on one cache file.
 */
export function pythonJsonDumps(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return pythonNumber(value);
  if (typeof value === 'string') return pythonString(value);
  if (Array.isArray(value)) return `[${value.map((item) => pythonJsonDumps(item)).join(', ')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries.map(([k, v]) => `${pythonString(k)}: ${pythonJsonDumps(v)}`).join(', ')}}`;
  }
  throw new TypeError(`Cannot serialize a ${typeof value} as JSON.`);
}

function pythonNumber(value: number): string {
  if (!Number.isFinite(value)) throw new TypeError('Cannot serialize a non-finite number as JSON.');
  // Integers print alike; Python writes large or tiny floats as 1e+21 / 1e-07 where JS writes 1e+21 / 1e-7.
  const text = String(value);
  return text.replace(/e([+-])(\d)$/, 'e$10$2');
}

const SHORT_ESCAPES: Readonly<Record<string, string>> = {
  '"': '\\"',
  '\\': '\\\\',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\b': '\\b',
  '\f': '\\f',
};

function pythonString(value: string): string {
  // Python's ensure_ascii escapes everything outside printable ASCII (space..~), UTF-16 units in lowercase hex.
  const escaped = value.replace(/[\\"]|[^ -~]/g, (ch) => {
    return SHORT_ESCAPES[ch] ?? `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
  return `"${escaped}"`;
}
