import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Transcript } from './transcript';

describe('the demo transcript', () => {
  let folder: string;
  beforeEach(() => (folder = mkdtempSync(join(tmpdir(), 'ccr-demo-transcript-'))));
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('records each ccrx command to repeat, with paths relative to the kept folder and no secret in the script', () => {
    const transcript = new Transcript(folder, 'node /repo/dist/src/cli/main.js');
    transcript.record({ keystorePath: join(folder, 'advocacy.json'), passphrase: 'demo passphrase 1', person: { username: 'advocate.kim', password: 's3cret pw' } }, ['ledger', 'accounting', '--trust', join(folder, 'trust.json'), '--html', join(folder, 'accounting.html')]);
    transcript.record({}, ['ledger', 'trust', 'add-witness', '--witness', "w1 key's"]);
    transcript.write(['npm run demo -- --keep']);
    const script = readFileSync(join(folder, 'transcript.sh'), 'utf8');
    expect(script).toContain('CCRX="${CCRX:-node /repo/dist/src/cli/main.js}"');
    expect(script).toContain('CCRX_PASSPHRASE_FILE=advocacy.json.passphrase CCRX_PASSWORD="$(cat advocate.kim.password)" $CCRX --api "$CCRX_API" --keystore advocacy.json --user advocate.kim ledger accounting --trust trust.json --html accounting.html');
    expect(script).toContain(`--witness 'w1 key'\\''s'`);
    expect(script).not.toContain('demo passphrase 1');
    expect(script).not.toContain('s3cret pw');
    expect(readFileSync(join(folder, 'advocacy.json.passphrase'), 'utf8')).toBe('demo passphrase 1\n');
    expect(statSync(join(folder, 'advocate.kim.password')).mode & 0o777).toBe(0o600);
  });
});
