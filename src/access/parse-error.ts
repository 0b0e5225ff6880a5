import { normalizeErrorText } from './normalize.js';
import { parseArn, principalAccount, principalTypeOf } from './principal.js';
import type { DenialReason, ErrorKind, ParsedError } from './types.js';

/** At most this many errors are reported from one input (a log of thousands of identical failures says no more). */
export const MAX_ERRORS = 100;
/** How far around an anchor the grammar reads: a bounded window keeps every local match linear and small. */
const LOOK_BEHIND = 600;
const LOOK_AHEAD = 1500;

export interface ParseResult {
  errors: ParsedError[];
  truncated: boolean;
}

type AnchorType =
  | 'php-header'
  | 'cli-header'
  | 'go-header'
  | 'code-tag'
  | 'denial'
  | 'generic-denial'
  | 'encoded'
  | 'bare-denied'
  | 'credential'
  | 'bpa'
  | 'sqs-denied';

interface Anchor {
  type: AnchorType;
  at: number;
  /** Text consumed by the anchor phrase itself. */
  end: number;
  code?: string;
}

/** Error codes (any SDK) that mean the request was refused for lack of permission. */
const AUTHORIZATION_CODES = new Set(
  [
    'AccessDenied',
    'AccessDeniedException',
    'UnauthorizedOperation',
    'AuthorizationError',
    'AuthorizationErrorException',
    'AuthorizationFailure',
    'Forbidden',
    'ForbiddenException',
    '403',
    'UnauthorizedAccess',
    'NotAuthorized',
    'NotAuthorizedException',
    'AccessDeniedFault',
    'KMS.AccessDeniedException',
    'InsufficientPermissionsException',
  ].map((c) => c.toLowerCase()),
);

/** Error codes that mean the credentials themselves are missing, expired, wrong or unsigned: `doctor` territory. */
const CREDENTIAL_CODES = new Set(
  [
    'NoCredentialsError',
    'NoCredentialProviders',
    'CredentialsProviderError',
    'CredentialsError',
    'PartialCredentialsError',
    'CredentialRetrievalError',
    'ExpiredToken',
    'ExpiredTokenException',
    'TokenRefreshRequired',
    'InvalidClientTokenId',
    'InvalidToken',
    'SignatureDoesNotMatch',
    'UnrecognizedClientException',
    'InvalidAccessKeyId',
    'InvalidSignatureException',
    'IncompleteSignature',
    'MissingAuthenticationToken',
    'MissingAuthenticationTokenException',
    'AuthFailure',
    'RequestExpired',
    'UnauthorizedSSOTokenError',
    'SSOTokenProviderFailure',
    'TokenProviderError',
    'InvalidGrantException',
    'ProfileNotFound',
  ].map((c) => c.toLowerCase()),
);

/** Phrases the SDKs and services print for credential failures, with the error class or code that prints them. */
const CREDENTIAL_PHRASES: readonly [string, string][] = [
  ['Unable to locate credentials', 'NoCredentialsError'],
  ['NoCredentialsError', 'NoCredentialsError'],
  ['Could not load credentials from any providers', 'CredentialsProviderError'],
  ['CredentialsProviderError', 'CredentialsProviderError'],
  ['NoCredentialProviders', 'NoCredentialProviders'],
  ['Partial credentials found', 'PartialCredentialsError'],
  ['The security token included in the request is expired', 'ExpiredToken'],
  ['The provided token has expired', 'ExpiredToken'],
  ['ExpiredTokenException', 'ExpiredTokenException'],
  ['ExpiredToken', 'ExpiredToken'],
  ['The security token included in the request is invalid', 'InvalidClientTokenId'],
  ['InvalidClientTokenId', 'InvalidClientTokenId'],
  ['The request signature we calculated does not match the signature you provided', 'SignatureDoesNotMatch'],
  ['SignatureDoesNotMatch', 'SignatureDoesNotMatch'],
  ['UnrecognizedClientException', 'UnrecognizedClientException'],
  ['The AWS Access Key Id you provided does not exist in our records', 'InvalidAccessKeyId'],
  ['InvalidAccessKeyId', 'InvalidAccessKeyId'],
  ['AWS was not able to validate the provided access credentials', 'AuthFailure'],
  ['Token has expired and refresh failed', 'TokenRefreshRequired'],
  ['The SSO session associated with this profile has expired', 'UnauthorizedSSOTokenError'],
  ['UnauthorizedSSOTokenError', 'UnauthorizedSSOTokenError'],
  ['Error loading SSO Token', 'SSOTokenProviderFailure'],
  ['The config profile (', 'ProfileNotFound'],
  ['Missing Authentication Token', 'MissingAuthenticationToken'],
  ['Signature expired:', 'InvalidSignatureException'],
];

const CREDENTIAL_PHRASE_SET = new Map(CREDENTIAL_PHRASES.map(([phrase, code]) => [phrase.toLowerCase(), code]));

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// One alternation of literals, found with a single left-to-right scan.
const ANCHOR_SCAN = new RegExp(
  [
    'An error occurred \\(',
    'operation error ',
    '<Code>',
    '"__type"',
    '__type:',
    '"code"\\s?:',
    "Code: '",
    "name: '",
    '\\(code=',
    'Error Code: ',
    'HandlerErrorCode: ',
    'Error executing "',
    '"errorType"',
    "doesn't have permission to call ",
    'does not have permission to call ',
    'not authorized to perform',
    'not authorized to access',
    'Encoded authorization failure message',
    'Access Denied',
    'Access to the resource ',
    'public access setting',
    'by the BlockPublic',
    ...CREDENTIAL_PHRASES.map(([phrase]) => escapeRegExp(phrase)),
  ].join('|'),
  'gi',
);

const CODE_TOKEN = /^[A-Za-z][A-Za-z0-9_.#-]{0,99}/;

function codeAfterKeyword(text: string, from: number): string | null {
  const window = text.slice(from, from + 140);
  const match = /^\s*:?\s*["']?([A-Za-z0-9_.#-]{1,120})["']?/.exec(window);
  if (!match?.[1]) return null;
  const raw = match[1];
  // coral-style "com.amazon.coral.service#AccessDeniedException" and "...:http://internal.amazon.com/coral/...".
  const code = raw.includes('#') ? raw.slice(raw.lastIndexOf('#') + 1) : raw;
  return CODE_TOKEN.test(code) ? code : null;
}

function isKnownCode(code: string): boolean {
  const lower = code.toLowerCase();
  return AUTHORIZATION_CODES.has(lower) || CREDENTIAL_CODES.has(lower) || /(?:Exception|Error|Fault)$/.test(code);
}

/** Finds every anchor phrase in one pass. */
function findAnchors(text: string): Anchor[] {
  const anchors: Anchor[] = [];
  ANCHOR_SCAN.lastIndex = 0;
  for (let match = ANCHOR_SCAN.exec(text); match; match = ANCHOR_SCAN.exec(text)) {
    const phrase = match[0];
    const at = match.index;
    const end = at + phrase.length;
    const lower = phrase.toLowerCase();
    if (anchors.length > MAX_ERRORS * 20) break;
    if (lower === 'an error occurred (') {
      anchors.push({ type: 'cli-header', at, end });
    } else if (lower === 'operation error ') {
      anchors.push({ type: 'go-header', at, end });
    } else if (lower === '<code>' || lower.includes('__type') || lower.startsWith('"code"') || lower === "code: '") {
      const code = codeAfterKeyword(text, lower === "code: '" ? end - 1 : end);
      if (code && isKnownCode(code)) anchors.push({ type: 'code-tag', at, end, code });
    } else if (lower === 'error executing "') {
      // PHP SDK: Error executing "AssumeRole" on "https://sts.eu-west-1.amazonaws.com"
      anchors.push({ type: 'php-header', at, end });
    } else if (
      lower === '(code=' ||
      lower === 'error code: ' ||
      lower === 'handlererrorcode: ' ||
      lower === '"errortype"'
    ) {
      // CDK "(code=AccessDeniedException)", Java SDK and CloudFormation "Error Code: AccessDenied;", Lambda errorType.
      const code = codeAfterKeyword(text, end);
      if (code && isKnownCode(code)) anchors.push({ type: 'code-tag', at, end, code });
    } else if (lower.endsWith('have permission to call ')) {
      // CloudFormation: "AccessDenied. User doesn't have permission to call ssm:GetParameters".
      anchors.push({ type: 'generic-denial', at, end });
    } else if (lower === "name: '") {
      // A printed JavaScript error's `name: 'AccessDenied'`; only an error-looking name counts.
      const code = codeAfterKeyword(text, end - 1);
      if (code && isKnownCode(code)) anchors.push({ type: 'code-tag', at, end, code });
    } else if (lower === 'not authorized to perform' || lower === 'not authorized to access') {
      const after = text.slice(end, end + 40);
      const generic =
        /^\s+(this|the requested) (operation|action)/i.test(after) || lower === 'not authorized to access';
      anchors.push({ type: generic ? 'generic-denial' : 'denial', at, end });
    } else if (lower === 'encoded authorization failure message') {
      anchors.push({ type: 'encoded', at, end });
    } else if (phrase === 'Access Denied') {
      anchors.push({ type: 'bare-denied', at, end });
    } else if (lower === 'access to the resource ') {
      if (/^\S{1,300} is denied/.test(text.slice(end, end + 320))) anchors.push({ type: 'sqs-denied', at, end });
    } else if (lower === 'public access setting' || lower === 'by the blockpublic') {
      anchors.push({ type: 'bpa', at, end });
    } else {
      const code = CREDENTIAL_PHRASE_SET.get(lower);
      if (code === 'ProfileNotFound' && !/^[^)]{0,200}\) could not be found/.test(text.slice(end, end + 240))) continue;
      if (code) anchors.push({ type: 'credential', at, end, code });
    }
  }
  return anchors;
}

interface Group {
  anchors: Anchor[];
  start: number;
  end: number;
}

const MESSAGE_TYPES = new Set<AnchorType>([
  'denial',
  'generic-denial',
  'bare-denied',
  'credential',
  'bpa',
  'sqs-denied',
  'encoded',
]);

function has(group: Group, ...types: AnchorType[]): boolean {
  return group.anchors.some((a) => types.includes(a.type));
}

/** Whether a new anchor continues the error being read or starts the next one. */
function continues(group: Group, anchor: Anchor): boolean {
  const last = group.anchors[group.anchors.length - 1];
  if (!last) return true;
  const gap = anchor.at - last.end;
  if (gap > 2000) return false;
  const hasMessage = group.anchors.some((a) => MESSAGE_TYPES.has(a.type));
  switch (anchor.type) {
    case 'cli-header':
    case 'go-header':
    case 'php-header':
      return false;
    case 'code-tag':
      // XML/JSON bodies and printed objects name the code before or just after the message.
      return !has(group, 'code-tag') && gap < 400;
    case 'denial':
      if (has(group, 'denial')) return false;
      if (has(group, 'credential', 'sqs-denied', 'bare-denied')) return false;
      // "You are not authorized to perform this operation. User: ... is not authorized to perform: ec2:X".
      return true;
    case 'generic-denial':
      return !has(group, 'denial', 'generic-denial', 'credential');
    case 'encoded':
      return has(group, 'denial', 'generic-denial') || !hasMessage;
    case 'bpa':
      return has(group, 'denial') ? true : !hasMessage;
    case 'bare-denied':
      // "AccessDenied: Access Denied" printed again in a stack or object belongs to the same error.
      if (has(group, 'denial', 'generic-denial', 'credential', 'sqs-denied')) return false;
      return !has(group, 'bare-denied') || gap < 400;
    case 'sqs-denied':
      return !hasMessage;
    case 'credential': {
      const credential = group.anchors.find((a) => a.type === 'credential');
      if (credential) return gap < 400 || credential.code === anchor.code;
      if (has(group, 'denial', 'generic-denial', 'bare-denied', 'sqs-denied')) return false;
      // "An error occurred (ExpiredToken) when calling ...: The security token ... is expired".
      return true;
    }
  }
}

function groupAnchors(anchors: Anchor[]): Group[] {
  const groups: Group[] = [];
  let current: Group | null = null;
  for (const anchor of anchors) {
    if (current && continues(current, anchor)) {
      current.anchors.push(anchor);
      current.end = anchor.end;
      continue;
    }
    current = { anchors: [anchor], start: anchor.at, end: anchor.end };
    groups.push(current);
  }
  return groups;
}

const ACTION = /^[A-Za-z0-9-]{1,64}:[A-Za-z0-9*]{1,128}/;

/** Strips the punctuation that ends a sentence or closes a quote from a token. */
function trimToken(token: string): string {
  let end = token.length;
  while (end > 0 && '.,;)]}\'"`'.includes(token[end - 1] ?? '')) end -= 1;
  let start = 0;
  while (start < end && '(["\'`'.includes(token[start] ?? '')) start += 1;
  return token.slice(start, end);
}

/** The principal named just before "is not authorized": `User: arn:...`, `arn:...`, `events.amazonaws.com`. */
function principalBefore(
  text: string,
  at: number,
): { principal: string | null; codePrefix: string | null; start: number } {
  const from = Math.max(0, at - LOOK_BEHIND);
  const before = text.slice(from, at).trimEnd();
  if (!/\bis$/i.test(before)) return { principal: null, codePrefix: null, start: at };
  const withoutIs = before.slice(0, -2).trimEnd();
  const space = withoutIs.lastIndexOf(' ');
  const token = trimToken(withoutIs.slice(space + 1));
  // Where the sentence starts: the "User:" label, else the principal itself.
  const label = /(?:User|Principal|Service|Identity):?\s?$/.exec(withoutIs.slice(0, space + 1));
  const start = from + (label ? label.index : space + 1);
  if (!token || /^(you|it|this|that|caller|user|role|principal)$/i.test(token)) {
    return { principal: null, codePrefix: null, start: /^user$/i.test(token) ? from + space + 1 : at };
  }
  const principal =
    token.startsWith('arn:') || /\.amazonaws\.com(\.cn)?$/.test(token) || token === 'anonymous' ? token : null;
  // "AccessDeniedException: User: arn..." and "api error AccessDenied: User: arn...".
  const head = withoutIs.slice(0, space + 1);
  const prefix = /([A-Za-z][A-Za-z0-9.]{2,80})(?: \(client\))?:\s(?:User|Principal|Service|Identity):?\s?$/.exec(
    head.slice(-200),
  );
  return { principal, codePrefix: prefix?.[1] ?? null, start };
}

interface ReasonClause {
  reason: DenialReason | null;
  explicitDeny: boolean;
  denyingPolicy: string | null;
  transitiveThrough: string | null;
}

const POLICY_TYPES: readonly [RegExp, string][] = [
  [/^identity-based polic(y|ies)/i, 'identity'],
  [/^resource-based polic(y|ies)/i, 'resource'],
  [/^service control polic(y|ies)/i, 'scp'],
  [/^resource control polic(y|ies)/i, 'rcp'],
  [/^VPC endpoint polic(y|ies)/i, 'vpce'],
  [/^permissions? boundar(y|ies)/i, 'boundary'],
  [/^sessions? polic(y|ies)/i, 'session'],
  [/^(role )?trust polic(y|ies)/i, 'trust'],
];

function policyTypeAt(text: string): { type: string; length: number } | null {
  for (const [pattern, type] of POLICY_TYPES) {
    const match = pattern.exec(text);
    if (match) return { type, length: match[0].length };
  }
  return null;
}

const IMPLICIT: Record<string, DenialReason | null> = {
  identity: 'no-identity-policy',
  resource: 'no-resource-policy',
  scp: 'no-scp',
  rcp: null,
  vpce: 'no-vpce-policy',
  boundary: 'no-permissions-boundary',
  session: 'no-session-policy',
  trust: 'no-trust-policy',
};
const EXPLICIT: Record<string, DenialReason> = {
  identity: 'explicit-deny-identity',
  resource: 'explicit-deny-resource',
  scp: 'explicit-deny-scp',
  rcp: 'explicit-deny-rcp',
  vpce: 'explicit-deny-vpce-policy',
  boundary: 'explicit-deny-permissions-boundary',
  session: 'explicit-deny-session-policy',
  trust: 'explicit-deny-trust-policy',
};

/** Reads "because no X allows ..." / "with an explicit deny in a X[: arn]" / "... transitively through a Y". */
function reasonClause(tail: string, action: string | null): ReasonClause {
  const clause: ReasonClause = { reason: null, explicitDeny: false, denyingPolicy: null, transitiveThrough: null };
  const isAssumeRole = action !== null && /^sts:AssumeRole/i.test(action);
  const trustFor = (type: string) => (isAssumeRole && type === 'resource' ? 'trust' : type);
  if (
    /(?:blocked|prevented) by the BlockPublic\w{0,20}|block public access settings? (?:is|are) (?:enabled|on)/i.test(
      tail,
    )
  ) {
    clause.reason = 's3-block-public-access';
    return clause;
  }
  const implicit = /because (?:no|the) /i.exec(tail);
  const explicit = /with an explicit deny/i.exec(tail);
  if (explicit && (!implicit || explicit.index < implicit.index)) {
    clause.explicitDeny = true;
    const rest = tail.slice(explicit.index + explicit[0].length);
    const where = /^ in (?:an? |the )?/i.exec(rest);
    if (where) {
      const afterIn = rest.slice(where[0].length);
      const type = policyTypeAt(afterIn);
      if (type) {
        const kind = trustFor(type.type);
        clause.reason = EXPLICIT[kind] ?? null;
        const afterType = afterIn.slice(type.length);
        const arn = /^:?\s?(arn:[^\s"',<>]{3,400})/.exec(afterType);
        if (arn?.[1]) clause.denyingPolicy = trimToken(arn[1]);
        const transitive = /^[^.]{0,200}?transitively through (?:an? |the )?/i.exec(afterType);
        if (transitive) {
          const through = policyTypeAt(afterType.slice(transitive[0].length));
          if (through) {
            clause.transitiveThrough = through.type;
            // The denial came from the policy it passed through (the IAM guide: check the SCP).
            clause.reason = EXPLICIT[through.type] ?? clause.reason;
          }
        }
      }
    }
    return clause;
  }
  if (implicit) {
    const afterBecause = tail.slice(implicit.index + implicit[0].length);
    const type = policyTypeAt(afterBecause);
    if (type) clause.reason = IMPLICIT[trustFor(type.type)] ?? null;
  }
  return clause;
}

/** The first region named by an AWS endpoint host in the text, e.g. `sqs.eu-west-1.amazonaws.com`. */
function regionFromEndpoint(text: string): string | null {
  const match = /\b[a-z0-9-]{1,63}[.-]((?:[a-z]{2}(?:-gov|-iso[a-z]?)?)-[a-z]{3,12}-\d{1,2})\.amazonaws\.com/.exec(
    text,
  );
  return match?.[1] ?? null;
}

function regionFromArn(resource: string | null): string | null {
  if (!resource) return null;
  const arn = parseArn(resource);
  return arn && /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d{1,2}$/.test(arn.region) ? arn.region : null;
}

function emptyError(): ParsedError {
  return {
    kind: 'other',
    errorCode: null,
    operation: null,
    principal: null,
    principalType: null,
    account: null,
    action: null,
    resource: null,
    region: null,
    reason: null,
    denyingPolicy: null,
    explicitDeny: false,
    encodedMessage: null,
    transitiveThrough: null,
    message: '',
  };
}

/** Reads one group of anchors into an error. */
function readGroup(text: string, group: Group, nextStart: number): ParsedError {
  const error = emptyError();
  const span = text.slice(group.start, Math.min(nextStart, group.end + LOOK_AHEAD));
  let codePrefix: string | null = null;
  let messageStart = -1;

  for (const anchor of group.anchors) {
    const ahead = text.slice(anchor.end, Math.min(nextStart, anchor.end + LOOK_AHEAD));
    switch (anchor.type) {
      case 'cli-header': {
        const match = /^([^)\s]{1,120})\)/.exec(ahead);
        if (match?.[1]) error.errorCode = match[1];
        // "(Code) when calling the Op operation", or pynamodb's "(Code) on request (...) ... when calling the Op operation".
        const operation = / when calling the (\w{1,120}) operation/.exec(ahead.slice(0, 400));
        if (operation?.[1]) error.operation = operation[1];
        break;
      }
      case 'php-header': {
        const match = /^(\w{1,120})" on "(https?:\/\/[^"\s]{1,300})"/.exec(ahead);
        if (match?.[1]) error.operation = match[1];
        break;
      }
      case 'go-header': {
        const match = /^([A-Za-z0-9 ]{1,60}?): (\w{1,120}),/.exec(ahead);
        if (match?.[2]) error.operation = match[2];
        const api = /api error ([A-Za-z0-9_.]{1,120}):/.exec(ahead.slice(0, 600));
        if (api?.[1]) error.errorCode = api[1];
        break;
      }
      case 'code-tag':
        // botocore shows "(403)" when it could not parse the body; the body's <Code> is the real one.
        if (!error.errorCode || /^\d+$/.test(error.errorCode)) error.errorCode = anchor.code ?? error.errorCode;
        break;
      case 'denial': {
        const who = principalBefore(text, anchor.at);
        messageStart = messageStart < 0 ? who.start : messageStart;
        if (who.principal) error.principal = who.principal;
        codePrefix ??= who.codePrefix;
        const action = ACTION.exec(ahead.replace(/^:?\s?/, ''));
        if (action) error.action = action[0];
        const afterAction = action ? ahead.replace(/^:?\s?/, '').slice(action[0].length) : ahead;
        // Placeholders such as <ACCOUNT_ID> or <> are kept; a closing XML tag ends the ARN.
        const resource = /^\s?on (?:the )?resources?(?::|\s)\s?"?((?:[^\s"',<>]|<[A-Za-z0-9_-]{0,60}>){1,2048})/i.exec(
          afterAction,
        );
        if (resource?.[1]) error.resource = trimToken(resource[1]);
        // IAM names some resources by kind and name: "on resource: policy my-policy", "on resource: role X".
        const named = /^\s?on resource:?\s?(policy|role|user|group|instance-profile) ([^\s"',<>]{1,512})/i.exec(
          afterAction,
        );
        if (named?.[1] && named[2] && !/^(because|with)$/i.test(named[2]))
          error.resource = `${named[1]} ${trimToken(named[2])}`;
        const clause = reasonClause(afterAction.slice(0, 1000), error.action);
        error.reason = clause.reason ?? error.reason;
        error.explicitDeny ||= clause.explicitDeny;
        error.denyingPolicy = clause.denyingPolicy ?? error.denyingPolicy;
        error.transitiveThrough = clause.transitiveThrough ?? error.transitiveThrough;
        break;
      }
      case 'generic-denial': {
        messageStart = messageStart < 0 ? anchor.at : messageStart;
        // CloudFormation: "API: ec2:CreateVpc You are not authorized to perform this operation."
        const api = /API: ([A-Za-z0-9-]{1,64}:[A-Za-z0-9]{1,128})\s*$/.exec(
          text.slice(Math.max(0, anchor.at - 120), anchor.at).replace(/\s?You are\s?$/i, ''),
        );
        if (api?.[1]) error.action ??= api[1];
        const call = /^([A-Za-z0-9-]{1,64}:[A-Za-z0-9]{1,128})/.exec(ahead);
        if (call?.[1] && /permission to call $/i.test(text.slice(anchor.at, anchor.end))) error.action ??= call[1];
        const who = principalBefore(text, anchor.at);
        if (who.principal) error.principal ??= who.principal;
        codePrefix ??= who.codePrefix;
        // "UnauthorizedOperation: You are not authorized to perform this operation."
        const youAre = /([A-Za-z][A-Za-z0-9.]{2,80}):\s?You are\s?$/.exec(
          text.slice(Math.max(0, anchor.at - 120), anchor.at),
        );
        codePrefix ??= youAre?.[1] ?? null;
        break;
      }
      case 'encoded': {
        const match = /^:?\s?([A-Za-z0-9_-]{16,20000})/.exec(ahead);
        if (match?.[1]) error.encodedMessage = match[1];
        break;
      }
      case 'bare-denied': {
        messageStart = messageStart < 0 ? anchor.at : messageStart;
        // CloudFormation: "API: s3:PutBucketPolicy Access Denied".
        const api = /API: ([A-Za-z0-9-]{1,64}:[A-Za-z0-9]{1,128})\s?$/.exec(
          text.slice(Math.max(0, anchor.at - 120), anchor.at),
        );
        if (api?.[1]) error.action ??= api[1];
        break;
      }
      case 'sqs-denied':
        messageStart = messageStart < 0 ? anchor.at : messageStart;
        break;
      case 'bpa':
        error.reason = 's3-block-public-access';
        messageStart = messageStart < 0 ? anchor.at : messageStart;
        break;
      case 'credential':
        messageStart = messageStart < 0 ? anchor.at : messageStart;
        break;
    }
  }

  if (!error.errorCode && codePrefix) {
    // Java and Python print the class path: software.amazon...model.ForbiddenException, botocore.errorfactory.X.
    const lastSegment = codePrefix.slice(codePrefix.lastIndexOf('.') + 1);
    if (isKnownCode(lastSegment)) error.errorCode = lastSegment;
  }
  if (!error.errorCode) {
    const bare = group.anchors.find((a) => a.type === 'bare-denied');
    if (bare) {
      // "AccessDenied: Access Denied" (JS SDK, Go SDK v1) names its code just before the message.
      const prefix = /([A-Za-z][A-Za-z0-9.]{2,80}):\s?$/.exec(text.slice(Math.max(0, bare.at - 100), bare.at));
      const lastSegment = prefix?.[1]?.slice(prefix[1].lastIndexOf('.') + 1);
      if (lastSegment && isKnownCode(lastSegment)) error.errorCode = lastSegment;
    }
  }
  const credential = group.anchors.find((a) => a.type === 'credential');
  if (!error.errorCode && credential?.code) error.errorCode = credential.code;

  const code = error.errorCode?.toLowerCase() ?? '';
  const authorizationAnchor = has(group, 'denial', 'generic-denial', 'encoded', 'bare-denied', 'bpa', 'sqs-denied');
  let kind: ErrorKind = 'other';
  if (CREDENTIAL_CODES.has(code) || (credential && !AUTHORIZATION_CODES.has(code))) kind = 'credentials';
  else if (authorizationAnchor || AUTHORIZATION_CODES.has(code)) kind = 'authorization';
  error.kind = kind;

  if (kind === 'authorization') {
    if (!error.reason && has(group, 'encoded')) error.reason = 'encoded-message';
    error.reason ??= 'unspecified';
  } else {
    error.reason = null;
  }
  if (error.principal) {
    error.principalType = principalTypeOf(error.principal);
    error.account = principalAccount(error.principal);
  }
  const lookBack = text.slice(Math.max(0, group.start - 400), group.start);
  error.region = regionFromArn(error.resource) ?? regionFromEndpoint(span) ?? regionFromEndpoint(lookBack);
  const from = messageStart >= 0 ? messageStart : group.start;
  error.message = text.slice(from, Math.min(nextStart, from + 600)).trim();
  return error;
}

function sameError(a: ParsedError, b: ParsedError): boolean {
  const keys: (keyof ParsedError)[] = ['kind', 'principal', 'action', 'resource', 'reason', 'denyingPolicy'];
  if (!keys.every((k) => a[k] === b[k])) return false;
  if (a.errorCode && b.errorCode && a.errorCode !== b.errorCode) return false;
  if (a.operation && b.operation && a.operation !== b.operation) return false;
  return true;
}

/** Merges `b` (a repeat of the same error) into `a`: fields only one of them knows are kept. */
function merge(a: ParsedError, b: ParsedError): void {
  for (const key of Object.keys(a) as (keyof ParsedError)[]) {
    if (a[key] === null && b[key] !== null) (a as unknown as Record<string, unknown>)[key] = b[key];
  }
}

/**
 * Finds every AWS error in a pasted text (CLI output, boto3 tracebacks, JS SDK errors, Terraform/CDK/CloudFormation
 * output, raw XML/JSON bodies, surrounded by any log noise) and reads each one field by field.
 * Linear in the input: one anchor scan, then bounded windows around each anchor.
 */
export function parseErrorText(input: string): ParseResult {
  const { text, truncated } = normalizeErrorText(input);
  const anchors = findAnchors(text);
  const groups = groupAnchors(anchors);
  const errors: ParsedError[] = [];
  for (let i = 0; i < groups.length; i += 1) {
    const group = groups[i] as Group;
    const nextStart = groups[i + 1]?.start ?? text.length;
    const parsed = readGroup(text, group, nextStart);
    // A code tag or header with nothing else and no error code worth reporting is noise.
    if (parsed.kind === 'other' && !parsed.errorCode) continue;
    const previous = errors.find((e) => sameError(e, parsed));
    if (previous) {
      merge(previous, parsed);
      continue;
    }
    errors.push(parsed);
    if (errors.length >= MAX_ERRORS) break;
  }
  return { errors, truncated };
}

/** The errors in a text (see parseErrorText). */
export function parseErrors(input: string): ParsedError[] {
  return parseErrorText(input).errors;
}
