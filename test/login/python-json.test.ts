import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { pythonJsonDumps } from '../../src/login/python-json.js';

const run = promisify(execFile);

describe('pythonJsonDumps', () => {
  it("writes the same bytes as Python's json.dumps for everything a login token holds", async () => {
    const value = {
      accessToken: { accessKeyId: 'ASIA', expiresAt: '2026-11-27T23:30:00Z' },
      text: 'quote " backslash \\ slash / newline \n tab \t cr \r bell \u0007 del \u007f é ü 中 😀',
      numbers: [0, -1, 42, 1.5, 1e-7, 1e21, 123456789012],
      flags: [true, false, null],
      empty: { list: [], object: {} },
      dpopKey: '-----BEGIN EC PRIVATE KEY-----\nMHcCAQEE\n-----END EC PRIVATE KEY-----\n',
    };
    const json = JSON.stringify(value);
    const { stdout } = await run('python3', [
      '-c',
      'import json,sys; sys.stdout.write(json.dumps(json.loads(sys.argv[1])))',
      json,
    ]);
    expect(pythonJsonDumps(value)).toBe(stdout);
  });
});
