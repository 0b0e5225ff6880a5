import { BlockList, isIP } from 'node:net';
import type { NormalisedContext } from './context.js';
import { literalOf, substitute } from './variables.js';
import { arnPartsMatch, compileParts, wildcardMatch, type PatternPart } from './wildcard.js';

/** Compares one request value with one (variable-substituted) policy value. */
type Matcher = (requestValue: string, policyValue: readonly PatternPart[]) => boolean;

interface OperatorSpec {
  /** The positive test; negated operators use it and invert. */
  readonly match: Matcher;
  readonly negated: boolean;
}

const eq: Matcher = (v, p) => v === literalOf(p);
const eqIgnoreCase: Matcher = (v, p) => v.toLowerCase() === literalOf(p).toLowerCase();
const like: Matcher = (v, p) => compileParts(p, false).test(v);
const arnLike: Matcher = (v, p) => arnPartsMatch(literalOf(p), v, (a, b) => wildcardMatch(a, b, false));

function numeric(compare: (a: number, b: number) => boolean): Matcher {
  return (v, p) => {
    const a = Number(v);
    const b = Number(literalOf(p));
    return v.trim() !== '' && Number.isFinite(a) && Number.isFinite(b) && compare(a, b);
  };
}

/** Dates: ISO 8601 text or seconds since the epoch, both accepted by IAM. */
function parseDate(text: string): number {
  const t = text.trim();
  if (/^-?\d+(\.\d+)?$/.test(t)) return Number(t) * 1000;
  return Date.parse(t);
}

function date(compare: (a: number, b: number) => boolean): Matcher {
  return (v, p) => {
    const a = parseDate(v);
    const b = parseDate(literalOf(p));
    return Number.isFinite(a) && Number.isFinite(b) && compare(a, b);
  };
}

const bool: Matcher = (v, p) => v.toLowerCase() === literalOf(p).toLowerCase();

const ipAddress: Matcher = (v, p) => {
  const ip = v.trim();
  const family = isIP(ip);
  if (!family) return false;
  const [network, prefixText] = literalOf(p).trim().split('/');
  const netFamily = isIP(network ?? '');
  if (!netFamily || netFamily !== family) return false;
  const type = family === 4 ? 'ipv4' : 'ipv6';
  const prefix = prefixText === undefined ? (family === 4 ? 32 : 128) : Number(prefixText);
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > (family === 4 ? 32 : 128)) return false;
  const list = new BlockList();
  list.addSubnet(network as string, prefix, type);
  return list.check(ip, type);
};

const lt = (a: number, b: number) => a < b;
const le = (a: number, b: number) => a <= b;
const gt = (a: number, b: number) => a > b;
const ge = (a: number, b: number) => a >= b;
const same = (a: number, b: number) => a === b;

const OPERATORS: Record<string, OperatorSpec> = {
  stringequals: { match: eq, negated: false },
  stringnotequals: { match: eq, negated: true },
  stringequalsignorecase: { match: eqIgnoreCase, negated: false },
  stringnotequalsignorecase: { match: eqIgnoreCase, negated: true },
  stringlike: { match: like, negated: false },
  stringnotlike: { match: like, negated: true },
  numericequals: { match: numeric(same), negated: false },
  numericnotequals: { match: numeric(same), negated: true },
  numericlessthan: { match: numeric(lt), negated: false },
  numericlessthanequals: { match: numeric(le), negated: false },
  numericgreaterthan: { match: numeric(gt), negated: false },
  numericgreaterthanequals: { match: numeric(ge), negated: false },
  dateequals: { match: date(same), negated: false },
  datenotequals: { match: date(same), negated: true },
  datelessthan: { match: date(lt), negated: false },
  datelessthanequals: { match: date(le), negated: false },
  dategreaterthan: { match: date(gt), negated: false },
  dategreaterthanequals: { match: date(ge), negated: false },
  bool: { match: bool, negated: false },
  binaryequals: { match: eq, negated: false },
  ipaddress: { match: ipAddress, negated: false },
  notipaddress: { match: ipAddress, negated: true },
  arnequals: { match: arnLike, negated: false },
  arnlike: { match: arnLike, negated: false },
  arnnotequals: { match: arnLike, negated: true },
  arnnotlike: { match: arnLike, negated: true },
};

export interface ConditionOutcome {
  readonly ok: boolean;
  /** Context keys the condition needed but the request did not have (lower case). */
  readonly missingKeys: string[];
  /** Operators awsdoctor does not know (the condition then counts as not met). */
  readonly unsupported: string[];
}

interface ParsedOperator {
  readonly set: 'any' | 'all' | undefined;
  readonly ifExists: boolean;
  readonly base: string;
}

function parseOperator(operator: string): ParsedOperator {
  let rest = operator;
  let set: ParsedOperator['set'];
  const lower = rest.toLowerCase();
  if (lower.startsWith('foranyvalue:')) {
    set = 'any';
    rest = rest.slice('foranyvalue:'.length);
  } else if (lower.startsWith('forallvalues:')) {
    set = 'all';
    rest = rest.slice('forallvalues:'.length);
  }
  const ifExists = /ifexists$/i.test(rest);
  if (ifExists) rest = rest.slice(0, -'IfExists'.length);
  return { set, ifExists, base: rest.toLowerCase() };
}

/** One key of one operator: does the request satisfy it? */
function evaluateKey(
  op: ParsedOperator,
  spec: OperatorSpec,
  requestValues: readonly string[] | undefined,
  policyValues: readonly (readonly PatternPart[])[],
): boolean {
  if (requestValues === undefined) {
    // Missing key: IfExists and ForAllValues pass; negated operators pass; everything else fails.
    if (op.ifExists || op.set === 'all') return true;
    if (op.set === 'any') return false;
    return spec.negated;
  }
  const matchesSome = (value: string) => policyValues.some((p) => spec.match(value, p));
  if (op.set === 'all') {
    return requestValues.every((value) => (spec.negated ? !matchesSome(value) : matchesSome(value)));
  }
  if (op.set === 'any') {
    return requestValues.some((value) => (spec.negated ? !matchesSome(value) : matchesSome(value)));
  }
  const any = requestValues.some(matchesSome);
  return spec.negated ? !any : any;
}

/**
 * Evaluates a statement's Condition block: every operator and every key must hold (AND); the values listed for one
 * key are alternatives (OR), inverted for the negated operators. Keys are case-insensitive.
 */
export function evaluateConditions(
  condition: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>,
  context: NormalisedContext,
  version: string | undefined,
): ConditionOutcome {
  const missingKeys: string[] = [];
  const unsupported: string[] = [];
  let ok = true;
  for (const [operator, keys] of Object.entries(condition)) {
    const op = parseOperator(operator);
    for (const [rawKey, values] of Object.entries(keys)) {
      const key = rawKey.toLowerCase();
      const requestValues = context.get(key);
      if (requestValues === undefined) missingKeys.push(key);
      if (op.base === 'null') {
        const present = requestValues !== undefined && requestValues.length > 0;
        if (!values.some((v) => (v.toLowerCase() === 'true' ? !present : present))) ok = false;
        continue;
      }
      const spec = OPERATORS[op.base];
      if (!spec) {
        unsupported.push(operator);
        ok = false;
        continue;
      }
      const policyValues: PatternPart[][] = [];
      for (const value of values) {
        const substituted = substitute(value, context, version);
        missingKeys.push(...substituted.missingKeys);
        if (substituted.parts) policyValues.push(substituted.parts);
      }
      if (!evaluateKey(op, spec, requestValues, policyValues)) ok = false;
    }
  }
  return { ok, missingKeys, unsupported };
}
