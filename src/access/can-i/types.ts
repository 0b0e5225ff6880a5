/** How can-i found its answers, best first. */
export type CanIMethod = 'simulate' | 'local' | 'probe' | 'none';

/** What can-i could not take into account. */
export type BlindSpot = 'scp' | 'rcp' | 'resource-policy' | 'session-policy' | (string & {});

export type CanIDecision = 'allowed' | 'implicitly-denied' | 'explicitly-denied' | 'unknown';

/** A policy statement that decided an answer. */
export interface CanIStatement {
  /** Policy name (or IAM's policy id in simulation results). */
  readonly policy: string;
  readonly policyArn?: string;
  /** e.g. `user-inline`, `group-managed`, `permissions-boundary`, or IAM's `IAM Policy` type in simulation. */
  readonly policyType: string;
  readonly group?: string;
  readonly sid?: string;
  /** Position of the statement in the policy (0-based), when known. */
  readonly statementIndex?: number;
  readonly effect?: 'Allow' | 'Deny';
  /** Where the statement starts in the policy text (simulation results). */
  readonly startLine?: number;
  readonly startColumn?: number;
}

/** A harmless call that shows whether an action is allowed. */
export interface ProbeSuggestion {
  readonly action: string;
  /** The API operation, e.g. `ec2:DescribeInstances (DryRun)`. */
  readonly operation: string;
  /** The same call with the AWS CLI, for a person to run. */
  readonly command: string;
}

export interface CanIAnswer {
  readonly action: string;
  /** Resource ARN, or `*`. */
  readonly resource: string;
  readonly decision: CanIDecision;
  readonly matchedStatements: readonly CanIStatement[];
  readonly reason: string;
  /** How this answer was found (a probe answers only the actions it has a safe call for). */
  readonly method: CanIMethod;
  /** The probe that would (or did) answer it. */
  readonly probe?: ProbeSuggestion;
}

export interface CanIReport {
  /** The IAM principal the answers are about (the role behind an assumed-role session). */
  readonly principal: string;
  /** The ARN the credentials belong to (GetCallerIdentity). */
  readonly caller: string;
  readonly account: string;
  /** The region the requests would go to (`aws:RequestedRegion`). */
  readonly region: string;
  readonly method: CanIMethod;
  readonly blindSpots: readonly BlindSpot[];
  readonly results: readonly CanIAnswer[];
  /** Notes on the way: why simulation was not used, what could not be read. */
  readonly notes: readonly string[];
}
