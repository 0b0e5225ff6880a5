import { AwsDoctorError } from '../../errors.js';
import type { NormalisedPolicy, PolicyStatement } from './types.js';

/** Largest policy text we parse (managed policies are at most 6,144 characters; generous for hand-written ones). */
const MAX_POLICY_CHARS = 1_000_000;

function invalid(name: string, detail: string): AwsDoctorError {
  return new AwsDoctorError('policy.invalid', `Policy ${name} is not a valid IAM policy: ${detail}.`, {
    hint: 'Check the policy JSON (Version, Statement, Effect, Action/NotAction, Resource/NotResource, Condition).',
  });
}

/** IAM returns policy documents URL-encoded (RFC 3986); a document that is plain JSON is used as is. */
export function decodePolicyText(text: string): string {
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) return trimmed;
  try {
    return decodeURIComponent(trimmed.replace(/\+/g, ' '));
  } catch {
    return trimmed;
  }
}

function stringList(value: unknown, field: string, name: string): string[] | undefined {
  if (value === undefined) return undefined;
  const list = Array.isArray(value) ? value : [value];
  if (list.some((v) => typeof v !== 'string')) throw invalid(name, `${field} must be a string or a list of strings`);
  return list as string[];
}

function conditionBlock(value: unknown, name: string): PolicyStatement['condition'] {
  if (value === undefined) return {};
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw invalid(name, 'Condition must be an object');
  const out: Record<string, Record<string, string[]>> = {};
  for (const [operator, keys] of Object.entries(value)) {
    if (!keys || typeof keys !== 'object' || Array.isArray(keys)) {
      throw invalid(name, `Condition operator ${operator} must map context keys to values`);
    }
    const block: Record<string, string[]> = {};
    for (const [key, raw] of Object.entries(keys as Record<string, unknown>)) {
      const list = Array.isArray(raw) ? raw : [raw];
      if (list.some((v) => !['string', 'number', 'boolean'].includes(typeof v))) {
        throw invalid(name, `condition ${operator} ${key} must have string, number or boolean values`);
      }
      block[key] = list.map((v) => String(v));
    }
    out[operator] = block;
  }
  return out;
}

/** Parses and checks a policy document (object, JSON text or IAM's URL-encoded JSON) into statements. */
export function normalisePolicy(document: unknown, name = 'document'): NormalisedPolicy {
  let parsed = document;
  if (typeof document === 'string') {
    if (document.length > MAX_POLICY_CHARS) throw invalid(name, 'it is too large');
    try {
      parsed = JSON.parse(decodePolicyText(document));
    } catch (error) {
      throw invalid(name, `it is not JSON (${error instanceof Error ? error.message : String(error)})`);
    }
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw invalid(name, 'it must be a JSON object');
  const record = parsed as Record<string, unknown>;
  const version = record.Version;
  if (version !== undefined && typeof version !== 'string') throw invalid(name, 'Version must be a string');
  const rawStatements = record.Statement;
  if (rawStatements === undefined) throw invalid(name, 'it has no Statement');
  const list = Array.isArray(rawStatements) ? rawStatements : [rawStatements];
  const statements = list.map((raw, index): PolicyStatement => {
    if (!raw || typeof raw !== 'object' || Array.isArray(raw))
      throw invalid(name, `statement ${index} is not an object`);
    const s = raw as Record<string, unknown>;
    if (s.Effect !== 'Allow' && s.Effect !== 'Deny')
      throw invalid(name, `statement ${index} Effect must be Allow or Deny`);
    if (s.Sid !== undefined && typeof s.Sid !== 'string')
      throw invalid(name, `statement ${index} Sid must be a string`);
    const action = stringList(s.Action, 'Action', name);
    const notAction = stringList(s.NotAction, 'NotAction', name);
    if ((action === undefined) === (notAction === undefined)) {
      throw invalid(name, `statement ${index} needs exactly one of Action and NotAction`);
    }
    const resource = stringList(s.Resource, 'Resource', name);
    const notResource = stringList(s.NotResource, 'NotResource', name);
    if (resource !== undefined && notResource !== undefined) {
      throw invalid(name, `statement ${index} has both Resource and NotResource`);
    }
    return {
      sid: s.Sid as string | undefined,
      index,
      effect: s.Effect,
      action,
      notAction,
      resource,
      notResource,
      condition: conditionBlock(s.Condition, name),
    };
  });
  return { version: version as string | undefined, statements };
}
