import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { parseBotocoreIni, shlexSplit } from '../../src/credentials/botocore-ini.js';
import { FIXTURES } from '../helpers/oracles.js';

const INI = [
  '[default]\nregion = us-east-1\n',
  '[default]\nregion = us-east-1 # a comment stays in the value\n; full-line comment\n  # indented comment\n',
  '[profile  dev ]\nRegion : eu-west-1\n',
  '[default]\ns3 =\n  max_concurrent_requests = 20\n  addressing_style = path\nregion = us-east-1\n',
  '[default]\nregion = us-east-1\nregion = eu-west-1\n',
  'region = us-east-1\n[default]\n',
  '[a]\nx = 1\n[a]\ny = 2\n',
  '[a]\nthis line has no separator\n',
  '[DEFAULT]\nregion = us-west-2\n[profile x]\noutput = json\n',
  '[a]\nmulti = first\n  second\n\n  third\n',
  '[a]\r\nkey = value\r\n',
  '[a] trailing text\nk = v\n',
  '[a]\n= value\n',
  '',
  '[a]\nk=\n',
];
const SHLEX = [
  'python3 /x/y.py AKIA',
  'cmd \'single quoted arg\' "double \\"escaped\\" arg"',
  'cmd a\\ b c',
  'cmd "unterminated',
  "cmd 'it''s'",
  'cmd "$HOME" \\$X',
  '  spaced   out  ',
  "cmd 'a\\b'",
  'cmd "a\\$b \\` \\\\ \\""',
];

function groundTruth(): {
  ini: ({ sections: unknown } | { error: string; line: number | null })[];
  shlex: (string[] | { error: string })[];
} {
  const run = spawnSync('python3', [`${FIXTURES}python_parsers.py`], {
    input: JSON.stringify({ ini: INI, shlex: SHLEX }),
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout);
}

describe('Python-compatible parsers agree with Python itself', () => {
  const truth = groundTruth();

  it.each(INI.map((text, i) => [JSON.stringify(text).slice(0, 60), i] as const))('configparser: %s', (_label, i) => {
    const ours = parseBotocoreIni(INI[i]!, 'f');
    const real = truth.ini[i]!;
    if ('error' in real) {
      expect(ours.ok).toBe(false);
      if (!ours.ok) {
        expect(ours.error.kind).toBe(real.error);
        if (real.line !== null) expect(ours.error.line).toBe(real.line);
      }
    } else {
      expect(ours.ok).toBe(true);
      if (ours.ok) expect(ours.sections).toEqual(real.sections);
    }
  });

  it.each(SHLEX.map((text, i) => [text, i] as const))('shlex.split: %s', (_label, i) => {
    const real = truth.shlex[i]!;
    if (Array.isArray(real)) expect(shlexSplit(SHLEX[i]!)).toEqual(real);
    else expect(() => shlexSplit(SHLEX[i]!)).toThrow(real.error);
  });
});
