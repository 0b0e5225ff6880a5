import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MAX_ERRORS, MAX_INPUT_CHARS, parseErrorText, parseErrors } from '../../src/access/index.js';

const DENIAL =
  'User: arn:aws:iam::123456789012:user/dev is not authorized to perform: s3:GetObject on resource: arn:aws:s3:::b/k because no identity-based policy allows the s3:GetObject action';

// Each case would take minutes (or never end) with a backtracking grammar; the per-test timeout is the guard.
const BOUNDED = 20_000;

describe('hostile input', () => {
  it(
    'megabytes of noise: bounded to MAX_INPUT_CHARS, says so, finds the error inside the bound',
    () => {
      const noise = 'lorem ipsum dolor sit amet '.repeat(200_000); // ~5.4 MB
      const result = parseErrorText(`${DENIAL}\n${noise}\n${DENIAL.replace('dev', 'late')}`);
      expect(result.truncated).toBe(true);
      expect(result.errors).toHaveLength(1);
      expect(result.errors[0]?.principal).toBe('arn:aws:iam::123456789012:user/dev');
      expect(MAX_INPUT_CHARS).toBeLessThanOrEqual(1_000_000);
    },
    BOUNDED,
  );

  it(
    'inputs built to make regexes backtrack: one huge token, endless "is not authorized", unclosed quotes',
    () => {
      expect(parseErrors(`User: ${'a'.repeat(900_000)} is not authorized to perform: s3:GetObject`)).toHaveLength(1);
      expect(parseErrors('x'.repeat(900_000))).toEqual([]);
      const repeated = parseErrors('is not authorized to perform '.repeat(30_000));
      expect(repeated.length).toBeLessThanOrEqual(MAX_ERRORS);
      expect(parseErrors(`on resource: "${'arn:aws:s3:::'.repeat(50_000)}`)).toEqual([]);
      const colons = parseErrors(`An error occurred (${'('.repeat(100_000)}`);
      expect(colons.length).toBeLessThanOrEqual(1);
    },
    BOUNDED,
  );

  it(
    'binary junk, NUL bytes and invalid UTF-8 around a real error',
    () => {
      const junk = randomBytes(500_000).toString('latin1');
      const errors = parseErrors(`${junk}\u0000${DENIAL}\u0000${randomBytes(1000).toString('utf8')}`);
      expect(errors.some((e) => e.action === 's3:GetObject' && e.reason === 'no-identity-policy')).toBe(true);
      expect(() => parseErrors(randomBytes(2_000_000).toString('utf8'))).not.toThrow();
    },
    BOUNDED,
  );

  it(
    'deeply nested JSON around an error body',
    () => {
      const depth = 200_000;
      const body = `{"__type":"AccessDeniedException","message":"${DENIAL}"}`;
      const [error] = parseErrors(`${'['.repeat(depth)}${body}${']'.repeat(depth)}`);
      expect(error).toMatchObject({ errorCode: 'AccessDeniedException', action: 's3:GetObject' });
    },
    BOUNDED,
  );

  it('ANSI colours, cursor codes and terminal hyperlinks are stripped', () => {
    const coloured =
      '\u001b[31m\u001b[1mAn error occurred (AccessDenied)\u001b[0m when calling the \u001b]8;;https://example.com\u0007GetObject\u001b]8;;\u0007 operation: \u001b[2K' +
      DENIAL;
    const [error] = parseErrors(coloured);
    expect(error).toMatchObject({ errorCode: 'AccessDenied', operation: 'GetObject', reason: 'no-identity-policy' });
    expect(error?.message.includes('\u001b')).toBe(false);
  });

  it(
    'thousands of distinct errors are capped at MAX_ERRORS',
    () => {
      const many = Array.from({ length: 5000 }, (_, i) => DENIAL.replace('user/dev', `user/u${i}`)).join('\n');
      expect(parseErrors(many)).toHaveLength(MAX_ERRORS);
    },
    BOUNDED,
  );

  it('empty, whitespace-only and truncated inputs give no error and no crash', () => {
    expect(parseErrors('')).toEqual([]);
    expect(parseErrors(' \n\t ')).toEqual([]);
    const [cut] = parseErrors('User: arn:aws:iam::123456789012:user/dev is not authorized to perform: s3:Get');
    expect(cut).toMatchObject({ action: 's3:Get', resource: null, reason: 'unspecified' });
    expect(parseErrors('An error occurred (')).toEqual([]);
  });
});
