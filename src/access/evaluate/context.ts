import type { ContextValue, RequestContext } from './types.js';

/** Request context with lower-cased keys and every value as a list of strings. */
export type NormalisedContext = ReadonlyMap<string, readonly string[]>;

function toStrings(value: ContextValue): string[] {
  const list = Array.isArray(value) ? value : [value as string | number | boolean];
  return list.map((v) => String(v));
}

/** Context keys are case-insensitive in IAM; values keep their case. */
export function normaliseContext(context: RequestContext | undefined): NormalisedContext {
  const map = new Map<string, string[]>();
  for (const [key, value] of Object.entries(context ?? {})) {
    if (value === undefined) continue;
    map.set(key.toLowerCase(), toStrings(value));
  }
  return map;
}
