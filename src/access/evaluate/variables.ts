import type { NormalisedContext } from './context.js';
import { splitWildcards, type PatternPart } from './wildcard.js';

/** Policy variables need this policy language version; older policies treat `${...}` as text. */
export const VARIABLES_VERSION = '2012-10-17';

/** What a value with policy variables needs from the request, and the keys it found missing. */
export interface Substitution {
  /** The pattern with variables replaced; undefined when a variable has no value and no default. */
  readonly parts: PatternPart[] | undefined;
  readonly missingKeys: string[];
}

const VARIABLE = /\$\{([^}]*)\}/g;
const ESCAPES: Record<string, string> = { '*': '*', '?': '?', $: '$' };

/**
 * Replaces policy variables (`${aws:username}`, `${aws:PrincipalTag/team}`, `${s3:prefix, 'default'}`) and the
 * escapes `${*}`, `${?}`, `${$}` (literal characters, not wildcards), keeping `*`/`?` elsewhere as wildcards.
 * A variable whose key is missing or has several values resolves to nothing (the value then does not match),
 * unless it has a default.
 */
export function substitute(pattern: string, context: NormalisedContext, version: string | undefined): Substitution {
  if (version !== VARIABLES_VERSION || !pattern.includes('${')) {
    return { parts: splitWildcards(pattern), missingKeys: [] };
  }
  const parts: PatternPart[] = [];
  const missingKeys: string[] = [];
  let unresolved = false;
  let last = 0;
  for (const match of pattern.matchAll(VARIABLE)) {
    parts.push(...splitWildcards(pattern.slice(last, match.index)));
    last = match.index + match[0].length;
    const body = (match[1] ?? '').trim();
    const escape = ESCAPES[body];
    if (escape !== undefined) {
      parts.push({ literal: escape });
      continue;
    }
    const defaultMatch = /^([^,]+?)\s*,\s*'([^']*)'$/.exec(body);
    const key = (defaultMatch ? (defaultMatch[1] ?? '') : body).toLowerCase();
    const values = context.get(key);
    if (values && values.length === 1) parts.push({ literal: values[0] as string });
    else if (defaultMatch) parts.push({ literal: defaultMatch[2] ?? '' });
    else {
      if (!values) missingKeys.push(key);
      unresolved = true;
    }
  }
  parts.push(...splitWildcards(pattern.slice(last)));
  return { parts: unresolved ? undefined : parts, missingKeys };
}

/** The literal value of a pattern without wildcards (for operators that compare exactly, e.g. StringEquals). */
export function literalOf(parts: readonly PatternPart[]): string {
  return parts.map((p) => ('literal' in p ? p.literal : p.wildcard)).join('');
}
