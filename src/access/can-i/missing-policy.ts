import { buildPolicy, type PolicyDocument, type PolicyStatement } from '../policy.js';
import type { CanIReport } from './types.js';

/** What is not `allowed`, as the least-privilege policy to ask for (the explain command's policy builder). */
export interface MissingPolicy {
  readonly document: PolicyDocument | null;
  readonly notes: string[];
}

/**
 * Builds the policy that would grant every answer that is not `allowed`, scoped to the resources asked about.
 * Answers denied explicitly still appear: an Allow does not beat a Deny, and the notes say so.
 */
export async function missingPolicyFor(report: CanIReport): Promise<MissingPolicy> {
  const missing = report.results.filter((r) => r.decision !== 'allowed');
  if (!missing.length) return { document: null, notes: [] };
  const byResource = new Map<string, string[]>();
  for (const r of missing) byResource.set(r.resource, [...(byResource.get(r.resource) ?? []), r.action]);
  const statements: PolicyStatement[] = [];
  const notes: string[] = [];
  const sids = new Set<string>();
  for (const [resource, actions] of byResource) {
    const built = await buildPolicy(actions, { resource: resource === '*' ? null : resource });
    for (const statement of built.document.Statement) {
      let sid = statement.Sid;
      for (let n = 2; sids.has(sid); n++) sid = `${statement.Sid}${n}`;
      sids.add(sid);
      statements.push({ ...statement, Sid: sid });
    }
    notes.push(...built.notes);
    for (const unknown of built.unknown) {
      notes.push(
        `${unknown.input}: ${unknown.problem}${unknown.suggestions.length ? ` (did you mean ${unknown.suggestions.join(', ')}?)` : ''}`,
      );
    }
  }
  const denied = missing.filter((r) => r.decision === 'explicitly-denied').map((r) => r.action);
  if (denied.length) {
    notes.push(
      `Explicitly denied (${[...new Set(denied)].join(', ')}): an Allow does not help until the Deny is removed.`,
    );
  }
  return {
    document: statements.length ? { Version: '2012-10-17', Statement: statements } : null,
    notes: [...new Set(notes)],
  };
}
