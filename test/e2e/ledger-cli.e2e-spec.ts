import { readFile, writeFile } from 'node:fs/promises';
import { connectAsApiRole } from '../support/api-role';
import { type Actor } from '../support/ccr';
import { LedgerFixtures } from '../support/ledger-fixtures';
import { KEYSTORE_PASSPHRASE, type ListeningApp, runCli, serviceAgency, startListeningApp, TempFolder } from '../support/sdk';
import { freePort } from '../support/service-process';

// Every test spawns the CLI from source (ts-node) several times: seconds each on a busy machine (as in cli-basics).
jest.setTimeout(180_000);

describe('ccrx ledger and ccrx witness', () => {
  let app: ListeningApp;
  let folder: TempFolder;
  let log: LedgerFixtures;
  let auditor: Actor;
  let advocate: Actor;
  let caseId: string;
  let witnessEnv: Record<string, string>;
  let witnessAgencyId: string;
  const trustFile = () => folder.file('trust.json');
  const asPerson = (actor: Actor) => ({ CCRX_API: app.baseUrl, CCRX_PASSWORD: actor.secret });

  beforeAll(async () => {
    app = await startListeningApp();
    folder = await TempFolder.create();
    auditor = await app.ccr.person(await app.ccr.coordinatingBodyId(), ['auditor']);
    const custodian = await app.ccr.agency('advocacy');
    advocate = await app.ccr.person(custodian, ['advocate']);
    const prosecutor = await app.ccr.person(await app.ccr.agency('prosecution', 'criminal_justice'), ['agency_worker']);
    log = await LedgerFixtures.connect(app.t.database.url, await connectAsApiRole(app.t.database.url));
    caseId = await log.openCase(custodian, advocate);
    const consent = await log.recordConsent(caseId, custodian, prosecutor.agencyId, advocate);
    await log.read(await log.storeRecord(caseId, custodian, 'risk', [{ agency: prosecutor.agencyId, basis: 'consent', basisId: consent }]), prosecutor);
    await app.t.http().post('/ledger/checkpoints').set('Authorization', auditor.bearer).expect(200);
    const witnessAgency = await serviceAgency(app, folder, 'prosecution');
    witnessAgencyId = witnessAgency.agencyId;
    witnessEnv = { CCRX_API: app.baseUrl, CCRX_KEYSTORE: folder.file(`${witnessAgency.clientId}.json`), CCRX_PASSPHRASE: KEYSTORE_PASSPHRASE };
    await witnessAgency.keystore.close();
  });
  afterAll(async () => {
    await log.close();
    await app.close();
    await folder.remove();
  });

  it('sets up a witness, which cosigns the latest checkpoint once registered', async () => {
    const logKey = (await app.t.http().get('/ledger/log-key')).body.verifierKey as string;
    const init = await runCli(['--json', 'witness', 'init', '--name', 'witness.cli.example', '--key', folder.file('w.key'), '--state', folder.file('w.state'), '--log-key', logKey]);
    expect(init.code).toBe(0);
    const { verifierKey } = JSON.parse(init.stdout);
    await app.t.http().post('/ledger/witnesses').set('Authorization', (await app.ccr.admin()).bearer).send({ name: 'witness.cli.example', verifierKey, agencyId: witnessAgencyId }).expect(201);
    await writeFile(trustFile(), JSON.stringify({ log: logKey, witnesses: [verifierKey], quorum: 1 }));
    const round = await runCli(['witness', '--once', '--key', folder.file('w.key'), '--state', folder.file('w.state')], witnessEnv);
    expect(round.stderr).toBe('');
    expect(round.code).toBe(0);
    expect(round.stdout).toContain('cosigned the checkpoint');
    const again = await runCli(['witness', '--once', '--key', folder.file('w.key'), '--state', folder.file('w.state')], witnessEnv);
    expect(again.stdout).toContain('nothing new');
  });

  it('verifies the log against the trust policy and saves the checkpoint', async () => {
    const run = await runCli(['--user', auditor.username, 'ledger', 'verify', '--trust', trustFile(), '--save', folder.file('saved.note'), '--page-size', '3'], asPerson(auditor));
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('OK: the log of');
    expect(run.stdout).toContain('witness.cli.example');
    expect(await readFile(folder.file('saved.note'), 'utf8')).toMatch(/^ccr-exchange\.local\/disclosures\n\d+\n/);
    const again = await runCli(['--user', auditor.username, 'ledger', 'verify', '--trust', trustFile(), '--previous', folder.file('saved.note')], asPerson(auditor));
    expect(again.code).toBe(0);
  });

  it('exports the log and verifies the export offline, without any server; an altered entry fails (exit 6)', async () => {
    const exported = folder.file('log-export.json');
    const run = await runCli(['--user', auditor.username, 'ledger', 'export', exported, '--page-size', '2'], asPerson(auditor));
    expect(run.stderr).toBe(''); // no progress drawn: stderr is not a terminal
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Saved the log of`);
    const saved = JSON.parse(await readFile(exported, 'utf8'));
    expect(saved.entries.length).toBe(saved.latest.treeSize);

    const offline = { CCRX_API: `http://127.0.0.1:${await freePort()}` }; // nothing listens there, and no credentials
    const verified = await runCli(['ledger', 'verify', '--from-export', exported, '--trust', trustFile(), '--previous', folder.file('saved.note')], offline);
    expect(verified.stderr).toBe('');
    expect(verified.code).toBe(0);
    expect(verified.stdout).toContain(`OK: the log of ${saved.latest.treeSize} entries verifies against the trust policy.`);

    const again = await runCli(['--user', auditor.username, 'ledger', 'export', exported], asPerson(auditor));
    expect(again.code).toBe(5); // an existing file is not replaced without --force

    const entry = JSON.parse(Buffer.from(saved.entries[1].entry, 'base64').toString('utf8'));
    saved.entries[1].entry = Buffer.from(JSON.stringify({ ...entry, purpose: 'housing' })).toString('base64');
    await writeFile(folder.file('altered-export.json'), JSON.stringify(saved));
    const altered = await runCli(['ledger', 'verify', '--from-export', folder.file('altered-export.json'), '--trust', trustFile()], offline);
    expect(altered.code).toBe(6);
    expect(altered.stderr).toContain('the disclosure log does not verify');
  });

  it('exits 6 naming the exact bad index, and saying it is exact, when a row was changed', async () => {
    const { rows } = await log.owner.query<{ idx: string; entry: Buffer }>('SELECT idx, entry FROM ledger_entries WHERE case_id = $1 ORDER BY idx LIMIT 1 OFFSET 1', [caseId]);
    const { idx, entry } = rows[0];
    const change = async (bytes: Buffer) => {
      await log.owner.query('BEGIN');
      await log.owner.query('SET LOCAL session_replication_role = replica');
      await log.owner.query('UPDATE ledger_entries SET entry = $2 WHERE idx = $1', [idx, bytes]);
      await log.owner.query('COMMIT');
    };
    const forged = Buffer.from(entry.toString().replace('"kind": "', '"kind": "x'));
    expect(forged.equals(entry)).toBe(false);
    await change(forged);
    try {
      const run = await runCli(['--user', auditor.username, 'ledger', 'verify', '--trust', trustFile()], asPerson(auditor));
      expect(run.code).toBe(6);
      expect(run.stdout).toContain(`exact: entry ${idx} is the first bad one`);
      expect(run.stderr).toContain(`exact: entry ${idx} was changed`);
      expect(run.stdout).toContain('leaf-hash-mismatch');
      const json = await runCli(['--json', '--user', auditor.username, 'ledger', 'verify', '--trust', trustFile()], asPerson(auditor));
      expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, firstBadIndex: Number(idx) });
    } finally {
      await change(entry);
    }
  });

  it("produces and verifies a case's accounting, prints it as HTML, and checks it against the receipt as the page tells", async () => {
    await log.refuse(caseId, advocate, advocate.agencyId, 'no_consent'); // newer than every checkpoint: one is signed for the accounting
    const first = await runCli(
      ['--user', advocate.username, 'ledger', 'accounting', '--case', caseId, '--trust', trustFile(), '--html', folder.file('accounting.html'), '--save-receipt', folder.file('receipt.note')],
      asPerson(advocate),
    );
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`OK: the accounting of case ${caseId} verifies.`);
    // The receipt was signed for this accounting (every entry proved, none pending); the witness had cosigned the log before it.
    expect(first.stdout).toMatch(/entries: (\d+) \(\1 proved against the receipt of size \d+, 0 newer than it\)/);
    expect(first.stdout).toMatch(/the receipt was signed for this accounting; it extends the checkpoint of size \d+ witnessed by witness\.cli\.example/);
    const page = await readFile(folder.file('accounting.html'), 'utf8');
    expect(page).toContain('<h1>Accounting of disclosures</h1>');
    // The page's own instructions, followed to the letter: the text in the box saved as receipt.txt, then --previous receipt.txt.
    const command = `ccrx ledger accounting --case ${caseId} --trust trust.json --previous receipt.txt`;
    expect(page).toContain(`<code>${command}</code>`);
    expect(page).not.toContain('give its size');
    const boxed = /<pre>([\s\S]*?)<\/pre>/.exec(page)?.[1] ?? '';
    const copied = unescapeHtml(boxed).trimEnd(); // as copied from a printed page or a browser: no trailing newline
    expect(copied).toMatch(/^ccr-exchange\.local\/disclosures\n\d+\n/);
    await writeFile(folder.file('receipt.txt'), copied);
    await app.t.http().post('/ledger/checkpoints').set('Authorization', auditor.bearer).expect(200);
    await runCli(['witness', '--once', '--key', folder.file('w.key'), '--state', folder.file('w.state')], witnessEnv);
    const [, ...args] = command.split(' ');
    const next = await runCli(['--user', advocate.username, ...args.map((arg) => (arg === 'trust.json' ? trustFile() : arg === 'receipt.txt' ? folder.file('receipt.txt') : arg))], asPerson(advocate));
    expect(next.stderr).toBe('');
    expect(next.code).toBe(0);
    const saved = await runCli(['--user', advocate.username, 'ledger', 'accounting', '--case', caseId, '--trust', trustFile(), '--previous', folder.file('receipt.note')], asPerson(advocate));
    expect(saved.code).toBe(0);
    // The witness's next round cosigns the checkpoints the accountings signed, as it would on its schedule.
    expect((await runCli(['witness', '--once', '--key', folder.file('w.key'), '--state', folder.file('w.state')], witnessEnv)).code).toBe(0);
  });

  it('verifies the log while the witnesses have not yet cosigned the latest checkpoint, and says which entries wait for them', async () => {
    await log.refuse(caseId, advocate, advocate.agencyId, 'no_consent');
    const published = await app.t.http().post('/ledger/checkpoints').set('Authorization', auditor.bearer).expect(200);
    const size = published.body.checkpoint.treeSize as number;
    const run = await runCli(['--user', auditor.username, 'ledger', 'verify', '--trust', trustFile()], asPerson(auditor));
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`OK: the log of ${size} entries verifies against the trust policy.`);
    const waiting = /the checkpoint of size (\d+) is cosigned by witness\.cli\.example .*; the entries from (\d+) on are signed by the log and not yet cosigned/.exec(run.stdout);
    expect(waiting).not.toBeNull();
    expect(waiting?.[1]).toBe(waiting?.[2]);
    expect(Number(waiting?.[1])).toBeLessThan(size);
    // The checkpoint worth saving for --previous is the newest witnessed one, not the latest.
    const saved = await runCli(['--user', auditor.username, '--json', 'ledger', 'checkpoint', '--trust', trustFile()], asPerson(auditor));
    expect(saved.stderr).toBe('');
    expect(saved.code).toBe(0);
    expect(JSON.parse(saved.stdout)).toMatchObject({ treeSize: Number(waiting?.[1]) });
    const said = await runCli(['--user', auditor.username, 'ledger', 'checkpoint', '--trust', trustFile()], asPerson(auditor));
    expect(said.stdout).toContain(`checkpoint of ${waiting?.[1]} entries`);
    expect(said.stdout).toContain(`the latest, of ${size} entries, waits for the witnesses`);
    // The witness's next round cosigns it, as it would on its schedule: the tests after this one expect a cosigned log.
    expect((await runCli(['witness', '--once', '--key', folder.file('w.key'), '--state', folder.file('w.state')], witnessEnv)).code).toBe(0);
  });

  it('answers usage errors with exit 2 and an unknown case with exit 4', async () => {
    await writeFile(folder.file('bad-trust.json'), '{"log": "nope"}');
    const bad = await runCli(['--user', auditor.username, 'ledger', 'verify', '--trust', folder.file('bad-trust.json')], asPerson(auditor));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('trust policy');
    const missing = await runCli(['--user', advocate.username, 'ledger', 'accounting', '--case', '00000000-0000-4000-8000-000000000000', '--trust', trustFile()], asPerson(advocate));
    expect(missing.code).toBe(4);
    const checkpoint = await runCli(['--user', advocate.username, 'ledger', 'checkpoint', '--trust', trustFile(), '--out', '-'], asPerson(advocate));
    expect(checkpoint.code).toBe(0);
    expect(checkpoint.stdout).toMatch(/^ccr-exchange\.local\/disclosures\n/);
  });
});

function unescapeHtml(text: string): string {
  const entities: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&amp;': '&' };
  return text.replace(/&(lt|gt|quot|#39|amp);/g, (entity) => entities[entity]);
}
