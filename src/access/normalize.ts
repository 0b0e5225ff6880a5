/** Inputs longer than this are cut: an error log worth explaining fits comfortably, megabytes of noise do not. */
export const MAX_INPUT_CHARS = 1_000_000;

export interface NormalizedText {
  /** The text on one line: wrappers, escapes and ANSI codes removed, whitespace runs collapsed to one space. */
  text: string;
  /** The input was longer than MAX_INPUT_CHARS and was cut. */
  truncated: boolean;
}

// Every pattern below is a single character class or a literal with bounded classes: linear, no backtracking.
// Matching terminal control characters is the point of these three patterns.
// eslint-disable-next-line no-control-regex
const ANSI_CSI = /\u001b\[[0-?]*[ -/]*[@-~]/g;
// eslint-disable-next-line no-control-regex
const ANSI_OSC = /\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?/g;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u001b]/g;
// Terraform's and CDK's frames around an error, and markdown quote marks.
const FRAME = /[│┃╷╵]/g;
const QUOTE_MARK = /^[ \t]*>[ \t]?/gm;
// A JavaScript string printed across lines by util.inspect: 'first part ' +\n 'second part'.
const JS_CONCAT = /'[ \t]*\+[ \t]*\r?\n[ \t]*'/g;
const JSON_ESCAPE = /\\(["/\\nrt])/g;
const XML_ENTITY = /&(quot|apos|lt|gt|amp|#39|#34);/g;
const WHITESPACE = /\s+/g;

const ENTITIES: Record<string, string> = { quot: '"', apos: "'", lt: '<', gt: '>', amp: '&', '#39': "'", '#34': '"' };

/**
 * Turns whatever people paste (terminal output with colours, Terraform boxes, JSON-escaped or XML-escaped bodies,
 * printed JavaScript objects, binary junk) into one line of plain text the grammar can read.
 */
export function normalizeErrorText(input: string): NormalizedText {
  const truncated = input.length > MAX_INPUT_CHARS;
  let text = truncated ? input.slice(0, MAX_INPUT_CHARS) : input;
  text = text
    .replace(ANSI_CSI, '')
    .replace(ANSI_OSC, '')
    .replace(CONTROL, ' ')
    .replace(FRAME, ' ')
    .replace(QUOTE_MARK, '')
    .replace(JS_CONCAT, '')
    .replace(JSON_ESCAPE, (_, c: string) => (c === 'n' || c === 'r' || c === 't' ? ' ' : c))
    .replace(XML_ENTITY, (_, name: string) => ENTITIES[name] ?? '')
    .replace(WHITESPACE, ' ');
  return { text, truncated };
}
