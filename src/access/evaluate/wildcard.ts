/** A piece of a pattern: literal text, or one of the IAM wildcards. */
export type PatternPart = { literal: string } | { wildcard: '*' | '?' };

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** Compiles pattern parts (`*` any run of characters, `?` exactly one) into an anchored regular expression. */
export function compileParts(parts: readonly PatternPart[], ignoreCase: boolean): RegExp {
  let source = '';
  for (const part of parts) {
    if ('literal' in part) source += escapeRegExp(part.literal);
    else source += part.wildcard === '*' ? '[\\s\\S]*' : '[\\s\\S]';
  }
  return new RegExp(`^${source}$`, ignoreCase ? 'i' : '');
}

/** Splits a plain pattern (no policy variables) into literal text and wildcards. */
export function splitWildcards(pattern: string): PatternPart[] {
  const parts: PatternPart[] = [];
  let literal = '';
  for (const ch of pattern) {
    if (ch === '*' || ch === '?') {
      if (literal) parts.push({ literal });
      literal = '';
      parts.push({ wildcard: ch });
    } else literal += ch;
  }
  if (literal) parts.push({ literal });
  return parts;
}

/** IAM wildcard match: `*` and `?`; `ignoreCase` for action names, case-sensitive for resources and StringLike. */
export function wildcardMatch(pattern: string, value: string, ignoreCase = false): boolean {
  if (pattern === '*') return true;
  if (!pattern.includes('*') && !pattern.includes('?')) {
    return ignoreCase ? pattern.toLowerCase() === value.toLowerCase() : pattern === value;
  }
  return compileParts(splitWildcards(pattern), ignoreCase).test(value);
}

/** Action match: `service:Action` with wildcards, case-insensitive (IAM action names are). */
export function actionMatches(pattern: string, action: string): boolean {
  return wildcardMatch(pattern, action, true);
}

/**
 * ARN match as ArnLike/ArnEquals and the Resource element do it: both are split into their six colon-separated parts
 * (the resource part keeps its own colons) and each part is matched with wildcards, so `*` does not cross a part.
 */
export function arnPartsMatch(pattern: string, arn: string, matchPart = wildcardMatch): boolean {
  if (pattern === '*') return true;
  const want = splitArn(pattern);
  const have = splitArn(arn);
  if (!want || !have) return matchPart(pattern, arn);
  return want.every((part, i) => matchPart(part, have[i] as string));
}

function splitArn(arn: string): string[] | undefined {
  const parts = arn.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return undefined;
  return [...parts.slice(0, 5), parts.slice(5).join(':')];
}
