/** One statement of an IAM policy, as normalised by `normalisePolicy` (single values become arrays). */
export interface PolicyStatement {
  readonly sid: string | undefined;
  /** Position in the policy's Statement list (0-based), used to name the statement when it has no Sid. */
  readonly index: number;
  readonly effect: 'Allow' | 'Deny';
  readonly action: readonly string[] | undefined;
  readonly notAction: readonly string[] | undefined;
  readonly resource: readonly string[] | undefined;
  readonly notResource: readonly string[] | undefined;
  /** operator → context key → values. */
  readonly condition: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;
}

export interface NormalisedPolicy {
  /** `2012-10-17` enables policy variables; `2008-10-17` (or none) treats `${...}` literally. */
  readonly version: string | undefined;
  readonly statements: readonly PolicyStatement[];
}

/** Where a policy came from: the evaluator names it in matched statements. */
export type PolicySourceKind =
  | 'user-inline'
  | 'user-managed'
  | 'group-inline'
  | 'group-managed'
  | 'role-inline'
  | 'role-managed'
  | 'permissions-boundary'
  | 'given';

export interface NamedPolicy {
  /** Policy name (managed policy name, inline policy name, or a label). */
  readonly name: string;
  /** Managed policy ARN, when it has one. */
  readonly arn?: string | undefined;
  readonly kind: PolicySourceKind;
  /** Group name for group policies. */
  readonly group?: string | undefined;
  /** The policy document: a JSON string (URL-encoded like IAM returns it, or not) or an object. */
  readonly document: unknown;
}

/** Request context values; keys are matched case-insensitively, as AWS does. */
export type ContextValue = string | number | boolean | readonly (string | number | boolean)[];
export type RequestContext = Readonly<Record<string, ContextValue | undefined>>;

export interface EvaluationRequest {
  /** `service:Action`, e.g. `s3:GetObject`. */
  readonly action: string;
  /** Resource ARN, or `*`. */
  readonly resource: string;
  readonly context?: RequestContext;
}

export interface EvaluationPolicies {
  /** Identity-based policies of the principal: user/role inline and managed, group policies. */
  readonly identity: readonly NamedPolicy[];
  /** The principal's permissions boundary, if it has one. */
  readonly permissionsBoundary?: NamedPolicy | undefined;
}

export type EvaluationDecision = 'allowed' | 'implicitly-denied' | 'explicitly-denied';

export interface MatchedStatement {
  readonly policyName: string;
  readonly policyArn?: string | undefined;
  readonly policyKind: PolicySourceKind;
  readonly group?: string | undefined;
  readonly sid?: string | undefined;
  /** Position of the statement in its policy (0-based). */
  readonly statementIndex: number;
  readonly effect: 'Allow' | 'Deny';
}

export interface EvaluationResult {
  readonly decision: EvaluationDecision;
  /** The statements that decided: the Deny statements for an explicit deny, otherwise the Allow statements. */
  readonly matchedStatements: readonly MatchedStatement[];
  readonly reason: string;
  /** Context keys a condition asked for that the request context did not have (lower case). */
  readonly missingContextKeys: readonly string[];
}
