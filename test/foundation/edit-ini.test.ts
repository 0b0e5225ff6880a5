import { afterEach, describe, expect, it } from 'vitest';
import { readFile, readdir, stat } from 'node:fs/promises';
import { configProfileHeader, readIniSection, upsertIniSection } from '../../src/config/edit-ini.js';
import { editUserFile } from '../../src/config/safe-write.js';
import { makeTempHome, type TempHome } from '../helpers/temp-home.js';

const CONFIG = `# my config, do not lose this comment
[default]
region = us-west-2
output = json

; dev account
[profile dev]
login_session = arn:aws:iam::111122223333:user/dev
s3 =
    max_concurrent_requests = 20

[profile other]
region=eu-west-1
`;

describe('upsertIniSection', () => {
  it('appends a new section at the end and keeps every other line', () => {
    const after = upsertIniSection(CONFIG, 'profile dev-process', { credential_process: '/usr/bin/node /x.js' });
    expect(after.startsWith(CONFIG)).toBe(true);
    expect(after.slice(CONFIG.length)).toBe('\n[profile dev-process]\ncredential_process = /usr/bin/node /x.js\n');
  });

  it('replaces an existing key in place and adds a new one after the last line of the section', () => {
    const after = upsertIniSection(CONFIG, 'default', { region: 'eu-central-1', cli_pager: '' });
    expect(after).toContain('[default]\nregion = eu-central-1\noutput = json\ncli_pager = \n\n; dev account');
  });

  it('leaves nested sub-section keys alone and matches headers with odd whitespace', () => {
    const text = '[ profile   dev ]\ns3 =\n    region = nested\nregion = top\n';
    const after = upsertIniSection(text, 'profile dev', { region: 'new' });
    expect(after).toBe('[ profile   dev ]\ns3 =\n    region = nested\nregion = new\n');
  });

  it('is idempotent: a second identical upsert returns the same text', () => {
    const once = upsertIniSection(CONFIG, 'profile x', { a: '1' });
    expect(upsertIniSection(once, 'profile x', { a: '1' })).toBe(once);
  });

  it('keeps CRLF line endings', () => {
    const text = '[default]\r\nregion = a\r\n';
    expect(upsertIniSection(text, 'default', { output: 'json' })).toBe('[default]\r\nregion = a\r\noutput = json\r\n');
  });

  it('removes keys set to undefined', () => {
    expect(upsertIniSection('[a]\nx = 1\ny = 2\n', 'a', { x: undefined })).toBe('[a]\ny = 2\n');
  });

  it('reads a section', () => {
    expect(readIniSection(CONFIG, configProfileHeader('other'))).toEqual({ region: 'eu-west-1' });
    expect(readIniSection(CONFIG, 'profile missing')).toBeUndefined();
  });
});

describe('editUserFile', () => {
  let home: TempHome;
  afterEach(async () => home?.cleanup());

  it('backs up, writes atomically with the file mode, and does nothing when the text is unchanged', async () => {
    home = await makeTempHome();
    const path = await home.write('.aws/config', CONFIG, 0o644);
    const system = home.system({}, () => Date.UTC(2026, 10, 27, 12, 0, 0));
    const edit = await editUserFile(path, (t) => upsertIniSection(t ?? '', 'profile x', { a: '1' }), { system });
    expect(edit.changed).toBe(true);
    expect(edit.diff).toContain('+[profile x]');
    expect(await readFile(edit.backupPath!, 'utf8')).toBe(CONFIG);
    expect((await stat(path)).mode & 0o777).toBe(0o644);
    const again = await editUserFile(path, (t) => upsertIniSection(t ?? '', 'profile x', { a: '1' }), { system });
    expect(again.changed).toBe(false);
    expect((await readdir(home.path('.aws'))).filter((f) => f.includes('backup'))).toHaveLength(1);
  });

  it('creates a missing file with mode 0600 and no backup; dry runs write nothing', async () => {
    home = await makeTempHome();
    const path = home.path('.aws', 'credentials');
    const dry = await editUserFile(path, () => '[a]\nx = 1\n', { system: home.system(), dryRun: true });
    expect(dry.changed).toBe(true);
    await expect(stat(path)).rejects.toThrow();
    const edit = await editUserFile(path, () => '[a]\nx = 1\n', { system: home.system() });
    expect(edit.backupPath).toBeUndefined();
    expect((await stat(path)).mode & 0o777).toBe(0o600);
  });
});
