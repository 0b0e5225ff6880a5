import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findSecrets, scanNotebooks } from '../../src/jupyter/index.js';
import { makeTempHome, type TempHome } from '../helpers/temp-home.js';

// Made-up values shaped like real ones (never real credentials).
const KEY_ID = 'ASIAZXCVBNMQWERTYU12';
const STATIC_KEY_ID = 'AKIAQWERTYUIOPASDF34';
const SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYzz9EXAMPLE';
const TOKEN = `IQoJb3JpZ2luX2VjEJr${'A1b2C3d4E5f6G7h8'.repeat(20)}==`;
const SECRETS = [KEY_ID, STATIC_KEY_ID, SECRET, TOKEN];

function notebook(cells: { source: string; outputs?: unknown[] }[]): string {
  return JSON.stringify({
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {},
    cells: cells.map((c) => ({
      cell_type: 'code',
      metadata: {},
      source: c.source.split(/(?<=\n)/),
      outputs: c.outputs ?? [],
    })),
  });
}

const GUIDE_CELL = `_aws_creds = load_aws_login_credentials()\nif _aws_creds:\n    os.environ.update(_aws_creds)\n`;
const PRINTED_ENVIRON = `environ({'HOME': '/home/me', 'AWS_ACCESS_KEY_ID': '${KEY_ID}', 'AWS_SECRET_ACCESS_KEY': '${SECRET}', 'AWS_SESSION_TOKEN': '${TOKEN}'})`;

let home: TempHome;
let dir: string;
beforeAll(async () => {
  home = await makeTempHome();
  dir = home.path('notebooks');
  await mkdir(join(dir, '.ipynb_checkpoints'), { recursive: true });
  await mkdir(join(dir, 'sub'), { recursive: true });
  const leaky = notebook([
    { source: GUIDE_CELL },
    {
      source: 'os.environ',
      outputs: [{ output_type: 'execute_result', data: { 'text/plain': PRINTED_ENVIRON }, metadata: {} }],
    },
    { source: `session = boto3.Session(aws_access_key_id="${STATIC_KEY_ID}",\n    aws_secret_access_key="${SECRET}")` },
    {
      source: `digest = "${'ab12'.repeat(16)}"  # sha256 digest\nblob = "${'Zm9vYmFy'.repeat(5)}"\nsecret_santa = "not a key"`,
      outputs: [{ output_type: 'stream', name: 'stdout', text: ['all clean\n'] }],
    },
  ]);
  await writeFile(join(dir, 'leaky.ipynb'), leaky);
  await writeFile(join(dir, '.ipynb_checkpoints', 'leaky-checkpoint.ipynb'), leaky);
  await writeFile(
    join(dir, 'sub', 'clean.ipynb'),
    notebook([{ source: 'import boto3\nboto3.client("sts").get_caller_identity()' }]),
  );
  await writeFile(join(dir, 'corrupt.ipynb'), leaky.slice(0, leaky.indexOf(SECRET) + 60));
  await writeFile(join(dir, 'not-a-notebook.txt'), PRINTED_ENVIRON);
  // A big notebook: megabytes of base64 image output before a key in the last cell.
  const image = randomBytes(6 * 1024 * 1024).toString('base64');
  await writeFile(
    join(dir, 'sub', 'big.ipynb'),
    notebook([
      {
        source: 'plot()',
        outputs: [
          { output_type: 'display_data', data: { 'image/png': image, 'text/plain': '<Figure>' }, metadata: {} },
        ],
      },
      { source: `key = "${STATIC_KEY_ID}"` },
    ]),
  );
});
afterAll(async () => {
  await home?.cleanup();
});

describe('notebook secret scan', () => {
  it('finds key ids, secrets, tokens and the copy-into-environment code, by file and cell, masked', async () => {
    const scan = await scanNotebooks(dir);
    expect(scan.notebooksScanned).toBe(5);
    const leaky = scan.findings.filter((f) => f.file === 'leaky.ipynb').map((f) => [f.cell, f.where, f.kind]);
    expect(leaky).toEqual([
      [0, 'source', 'credential-copy-code'],
      [0, 'source', 'credential-copy-code'],
      [1, 'output', 'access-key-id'],
      [1, 'output', 'secret-access-key'],
      [1, 'output', 'session-token'],
      [2, 'source', 'access-key-id'],
      [2, 'source', 'secret-access-key'],
    ]);
    expect(scan.findings.filter((f) => f.file === join('.ipynb_checkpoints', 'leaky-checkpoint.ipynb'))).toHaveLength(
      7,
    );
    expect(scan.findings.filter((f) => f.file === join('sub', 'clean.ipynb'))).toEqual([]);
    expect(scan.findings.filter((f) => f.file === join('sub', 'big.ipynb')).map((f) => [f.cell, f.kind])).toEqual([
      [1, 'access-key-id'],
    ]);
    const keyFinding = scan.findings.find((f) => f.kind === 'access-key-id' && f.file === 'leaky.ipynb');
    expect(keyFinding?.excerpt).toContain('ASIA…YU12');
    expect(keyFinding?.excerpt).toContain('[secret: 40 chars]');
  });

  it('never returns a secret, even in excerpts around other findings', async () => {
    const text = JSON.stringify(await scanNotebooks(dir));
    for (const secret of SECRETS) expect(text).not.toContain(secret);
    // Nor a recognisable piece of one cut at the excerpt's edge.
    expect(text).not.toContain(SECRET.slice(0, 12));
    expect(text).not.toContain(TOKEN.slice(20, 40));
  });

  it('scans a corrupt notebook as text and says so', async () => {
    const scan = await scanNotebooks(dir);
    const corrupt = scan.findings.filter((f) => f.file === 'corrupt.ipynb');
    expect(corrupt.length).toBeGreaterThanOrEqual(3);
    expect(corrupt.every((f) => f.cell === null && f.where === 'raw')).toBe(true);
    expect(scan.problems).toContainEqual({ file: 'corrupt.ipynb', problem: expect.stringMatching(/not valid JSON/) });
  });

  it('reads only the start of a notebook over the size limit, and says so', async () => {
    const scan = await scanNotebooks(join(dir, 'sub'), { maxNotebookBytes: 1024 * 1024 });
    expect(scan.findings.filter((f) => f.file === 'big.ipynb')).toEqual([]);
    expect(scan.problems).toContainEqual({
      file: 'big.ipynb',
      problem: expect.stringMatching(/only the start was scanned/),
    });
  });

  it('does not flag hex digests, plain words or base64 far from a secret word', () => {
    expect(
      findSecrets(`sha = "${'0123456789abcdef'.repeat(4)}" value = "${'QWxhZGRpbjpvcGVuIHNlc2FtZQ1234'.slice(0, 40)}"`),
    ).toEqual([]);
    expect(findSecrets('AKIA is how static key ids start; ASIAN food')).toEqual([]);
  });

  it('refuses a directory that does not exist with a clear error', async () => {
    await expect(scanNotebooks(join(dir, 'nope'))).rejects.toMatchObject({ reason: 'jupyter.scan-dir-missing' });
  });
});
