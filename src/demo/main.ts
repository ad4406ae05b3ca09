import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { INFORMED_CONSENT_ITEMS, isNotFound } from '../sdk';
import { findMarkersInDatabase } from '../tooling/plaintext-scan';
import { ApiProcess, freePort, REPO_ROOT } from '../tooling/service-process';
import { ccrx, recordCommandsWith } from './ccrx';
import { bytesOf, Narrator } from './narrator';
import { AdminConsole, agencyPerson, type AgencyDesk, agencySystem, bootstrapAdministrator, referralRelease } from './onboarding';
import { Transcript } from './transcript';
import { highRiskTeam, TEAM_WORDS } from './high-risk-team';
import { workingAgreement } from './working-agreement';

/**
 * `npm run demo`: a Duluth CCR case end to end through the real HTTP API, on the embedded
 * PostgreSQL (no configuration), with the SDK and the ccrx CLI doing every bit of cryptography.
 * Prints what happened, what the server stored and what each agency could read; exits 0 only if
 * every expectation held, so CI runs it as a test.
 */
const DAY = 86_400_000;

/** Survivor details in this story: none may ever appear in the server's database. */
const SURVIVOR = {
  name: 'Rosa Delgado',
  phone: '218-555-0142',
  summary: 'Officer responded to 911 call at 02:10. Survivor reports being strangled by her partner; visible marks on neck.',
  lethality: 'Lethality screen: SCREENED IN (strangulation, threats to kill, gun in the home).',
  risk: 'Risk summary for the prosecutor: strangulation on 11/19, escalating threats since separation, firearm access.',
};

/** `--keep DIR`: keep the keystores, the accounting page, the trust policy and a transcript in DIR. */
function keptFolder(): string | undefined {
  const { values } = parseArgs({ options: { keep: { type: 'string' } }, allowPositionals: false });
  if (values.keep === undefined) return undefined;
  const folder = resolve(values.keep);
  mkdirSync(folder, { recursive: true });
  if (readdirSync(folder).length > 0) throw new Error(`--keep ${values.keep}: the folder is not empty; give a new or empty one`);
  return folder;
}

async function main(): Promise<boolean> {
  const narrator = new Narrator();
  const kept = keptFolder();
  const work = kept ?? mkdtempSync(join(tmpdir(), 'ccr-demo-'));
  const transcript = kept === undefined ? undefined : new Transcript(kept, `node ${join(REPO_ROOT, 'dist/src/cli/main.js')}`);
  if (transcript) recordCommandsWith((identity, args) => transcript.record(identity, args));
  // A folder of its own: the service opens it to PostgreSQL's OS user; `work` holds the keystores.
  const dataDir = mkdtempSync(join(tmpdir(), 'ccr-demo-data-'));
  const env = { DATA_DIR: dataDir, EMBEDDED_POSTGRES_PORT: String(await freePort()), LEDGER_CHECKPOINT_INTERVAL_MS: '3600000' };
  console.log('CCR Exchange — a Duluth Coordinated Community Response case, end to end.');
  console.log(`Starting the service on the embedded PostgreSQL (data in ${env.DATA_DIR})…`);
  const api = await ApiProcess.start(env);
  try {
    const story = await onboard(api, env, work, narrator);
    await play(api, story, narrator, work);
    await workingAgreement({ url: api.url, env, work }, story, { survivor: SURVIVOR.name, safePhone: SURVIVOR.phone, incident: SURVIVOR.summary }, narrator);
    await proveNothingInClear(env, narrator);
  } finally {
    await api.stop();
    if (transcript) keep(transcript, work, dataDir, env);
    else {
      rmSync(work, { recursive: true, force: true });
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
  narrator.summary();
  return narrator.ok;
}

/** Writes the transcript and says where everything is, and how to start the service again on the kept data. */
function keep(transcript: Transcript, work: string, dataDir: string, env: Record<string, string>): void {
  const restart = `DATA_DIR=${dataDir} EMBEDDED_POSTGRES_PORT=${env.EMBEDDED_POSTGRES_PORT} npm start`;
  transcript.write([
    'The ccrx commands `npm run demo -- --keep` ran, in order. To repeat them, start the service on the',
    `kept data first (${restart}), then: CCRX_API=http://127.0.0.1:3000 sh transcript.sh`,
    'Ids (cases, releases) differ on a fresh run; on the kept data the commands that create things create them again.',
  ]);
  console.log(`\nKept in ${work}: accounting.html (the page printed for the survivor), the agencies' keystores, trust.json,`);
  console.log(`transcript.sh (the ${transcript.commands.length} ccrx commands run; secrets in the *.passphrase and *.password files beside it).`);
  console.log(`The service's data is kept in ${dataDir}: start it again with ${restart}`);
}

interface Story {
  admin: AdminConsole;
  police: AgencyDesk;
  advocacy: AgencyDesk;
  prosecution: AgencyDesk;
  probation: AgencyDesk;
  auditor: { username: string; password: string };
}

async function onboard(api: ApiProcess, env: Record<string, string>, work: string, narrator: Narrator): Promise<Story> {
  narrator.step(0, 'The CCR coordinator onboards four agencies; each agency creates its own keys');
  const password = await bootstrapAdministrator(env, 'ccr-coordinator');
  const admin = await AdminConsole.signIn(api.url, 'ccr-coordinator', password);
  const ids = {
    police: await admin.onboardAgency('Duluth Police Department', 'law_enforcement', 'criminal_justice'),
    advocacy: await admin.onboardAgency('Safe Haven Advocacy Program', 'advocacy', 'vawa_fvpsa_voca'),
    prosecution: await admin.onboardAgency("St. Louis County Attorney's Office", 'prosecution', 'criminal_justice'),
    probation: await admin.onboardAgency('Arrowhead Regional Probation', 'probation', 'criminal_justice'),
  };
  const police = await agencySystem(admin, api.url, work, 'Police', ids.police);
  const advocacy = await agencyPerson(admin, api.url, work, 'Advocacy', ids.advocacy, 'advocate.maria', ['advocate']);
  const prosecution = await agencyPerson(admin, api.url, work, 'Prosecutor', ids.prosecution, 'ada.jensen', ['agency_worker']);
  const probation = await agencySystem(admin, api.url, work, 'Probation', ids.probation);
  const auditor = { username: 'auditor.lee', password: await admin.addPerson(admin.coordinatingBodyId, 'auditor.lee', ['auditor']) };
  for (const desk of [police, advocacy, prosecution, probation]) {
    const [current] = (await desk.keystore.publicEpochs()).slice(-1);
    narrator.say(`${desk.name}: signing + encryption keys generated locally, public halves registered (fingerprint ${current.fingerprint}).`);
  }
  narrator.say('Private keys stay in each agency\'s encrypted keystore; the server holds public keys only.');
  return { admin, police, advocacy, prosecution, probation, auditor };
}

async function play(api: ApiProcess, s: Story, narrator: Narrator, work: string): Promise<void> {
  const receipt = join(work, 'checkpoint-after-referral.txt');

  narrator.step(1, 'Police respond to an assault and, with her written consent, refer the survivor to advocacy');
  const policeCase = await s.police.client.cases.open({ profile: { name: SURVIVOR.name, phone: SURVIVOR.phone } });
  const release = await s.police.client.consents.record(policeCase.id, referralRelease(s.advocacy.agencyId));
  const referral = await s.police.client.referrals.send({
    fromCaseId: policeCase.id,
    toAgencyId: s.advocacy.agencyId,
    consentId: release.id,
    purpose: 'advocacy_services',
    priority: 'urgent',
    content: { survivor: SURVIVOR.name, safePhone: SURVIVOR.phone, incident: SURVIVOR.summary, lethalityScreen: SURVIVOR.lethality },
  });
  const sealed = (await s.police.client.http.request<{ content: { ciphertext: string; wraps: { agencyId: string }[] } }>({ method: 'GET', path: `/referrals/${referral.id}` })).body.content;
  narrator.stored(`case ${policeCase.id} (a random handle, no name); release ${release.id} (terms + signature); referral ${referral.id}: ${bytesOf(sealed.ciphertext)} bytes of ciphertext, key wraps for ${sealed.wraps.length} agencies (police, advocacy).`);
  narrator.expect('the referral waits in advocacy\'s inbox as "requested"', referral.status === 'requested');
  await saveCheckpoint(api, s, receipt);
  narrator.say('The auditor keeps the signed checkpoint of the log as it stands now, to check later that history was only appended to.');

  narrator.step(2, 'Advocacy receives, accepts and opens the referral; the advocate records a 90-day release to the prosecutor');
  const inbox = await s.advocacy.client.referrals.page({ box: 'in' });
  narrator.expect('advocacy sees the referral in its inbox', inbox.items.some((item) => item.id === referral.id));
  await s.advocacy.client.referrals.setStatus(referral.id, { status: 'received' });
  await s.advocacy.client.referrals.setStatus(referral.id, { status: 'accepted' });
  const opened = await s.advocacy.client.referrals.get(referral.id);
  const packet = opened.content as { lethalityScreen?: string };
  narrator.reads('Advocacy', packet.lethalityScreen ?? '(nothing)');
  narrator.expect('advocacy opened and verified the packet the police sealed', packet.lethalityScreen === SURVIVOR.lethality);
  const policeView = await s.police.client.referrals.get(referral.id);
  narrator.expect('police see the status go back: accepted', policeView.status === 'accepted');
  const advocacyCase = opened.caseId;
  const toProsecutor = await s.advocacy.client.consents.record(advocacyCase, {
    recipientAgencyId: s.prosecution.agencyId,
    actions: ['receive_notes'],
    categories: ['risk', 'safety_plan'],
    purpose: 'prosecution_support',
    validFrom: new Date(),
    validUntil: new Date(Date.now() + 90 * DAY),
    captureMode: 'written_signature',
    language: 'en',
    interpreter: { used: false },
    informedConsent: [...INFORMED_CONSENT_ITEMS],
    denyAgencyIds: [s.probation.agencyId],
    survivorWords: 'I want the prosecutor to know about the strangling. Never tell probation — my ex\'s cousin works there.',
  });
  narrator.stored(`release ${toProsecutor.id}: 90 days, risk + safety-plan notes, "never to probation"; her own words sealed for advocacy only.`);

  narrator.step(3, 'The advocate shares a risk summary with the prosecutor; probation tries to read it and is refused');
  const note = await s.advocacy.client.notes.add(advocacyCase, { category: 'risk', content: SURVIVOR.risk });
  const wrappedFor = note.recipients.map((recipient) => recipient.agencyId);
  narrator.expect('the note is wrapped for exactly advocacy and the prosecutor', wrappedFor.length === 2 && wrappedFor.includes(s.prosecution.agencyId) && !wrappedFor.includes(s.probation.agencyId));
  const read = await s.prosecution.client.notes.read(note.id);
  narrator.reads('Prosecutor', read.text);
  narrator.expect('the prosecutor opened the risk summary', read.text === SURVIVOR.risk);
  await narrator.expectRefused('probation is refused (404, like a note that does not exist)', () => s.probation.client.notes.read(note.id), isNotFound);

  narrator.step(4, "The survivor calls: she revokes the prosecutor's release; the prosecutor's next read is refused");
  const revoked = await s.advocacy.client.consents.revoke(toProsecutor.id, { channel: 'phone' });
  for (const effect of revoked.effects) narrator.say(`• ${effect.summary}`);
  narrator.say(`Already read before the revocation, and not recallable: ${revoked.notRecalled.length} disclosure(s) — the prosecutor must stop using them.`);
  narrator.expect('the revocation lists the earlier read as not recallable', revoked.notRecalled.length === 1);
  await narrator.expectRefused("the prosecutor's next read is refused", () => s.prosecution.client.notes.read(note.id), isNotFound);

  narrator.step(5, 'An auditor verifies the whole log offline; the advocate produces the survivor\'s accounting');
  await witness(api, s, work, narrator);
  await audit(api, s, work, receipt, narrator);
  await accounting(api, s, work, advocacyCase, narrator);
  await highRiskTeam(api.url, s, policeCase.id, narrator);
}

async function saveCheckpoint(api: ApiProcess, s: Story, path: string): Promise<void> {
  const result = await ccrx(api.url, { person: s.auditor }, ['ledger', 'checkpoint', '--out', path]);
  if (result.code !== 0) await s.admin.post('/ledger/checkpoints', {});
  if (result.code !== 0) await ccrx(api.url, { person: s.auditor }, ['ledger', 'checkpoint', '--out', path]);
}

/** Probation, a member agency, runs a witness: it cosigns a checkpoint only if it extends the last one it saw. */
async function witness(api: ApiProcess, s: Story, work: string, narrator: Narrator): Promise<void> {
  const { verifierKey } = (await (await fetch(`${api.url}/ledger/log-key`)).json()) as { verifierKey: string };
  const keyFile = join(work, 'witness.key');
  const stateFile = join(work, 'witness.state');
  const init = await ccrx(api.url, {}, ['witness', 'init', '--name', 'witness.arrowhead-probation.example/w1', '--key', keyFile, '--state', stateFile, '--log-key', verifierKey]);
  const witnessKey = (init.json as { verifierKey: string }).verifierKey;
  await s.admin.registerWitness('witness.arrowhead-probation.example/w1', witnessKey, s.probation.agencyId);
  await s.admin.post('/ledger/checkpoints', {});
  const run = await ccrx(api.url, { keystorePath: s.probation.keystorePath, passphrase: s.probation.passphrase }, ['witness', '--once', '--key', keyFile, '--state', stateFile]);
  narrator.expect('probation\'s witness checked consistency and cosigned the latest checkpoint', run.code === 0);
  const trust = join(work, 'trust.json');
  const policy = await ccrx(api.url, {}, ['ledger', 'trust', 'init', '--trust', trust]);
  await ccrx(api.url, {}, ['ledger', 'trust', 'add-witness', '--trust', trust, '--witness', witnessKey, '--quorum', '1']);
  const fingerprint = (policy.json as { fingerprint?: string }).fingerprint ?? '?';
  narrator.say(`The auditor wrote the trust policy with ccrx ledger trust init (the log's root key, fingerprint ${fingerprint}, to compare with the one the CCR published) and add-witness (probation's witness, quorum 1).`);
}

async function audit(api: ApiProcess, s: Story, work: string, receipt: string, narrator: Narrator): Promise<void> {
  const verified = await ccrx(api.url, { person: s.auditor }, ['ledger', 'verify', '--trust', join(work, 'trust.json'), '--previous', receipt]);
  const report = verified.json as { treeSize?: number; ok?: boolean };
  narrator.say(`ccrx ledger verify: recomputed the Merkle tree of ${report.treeSize ?? '?'} entries, checked the log signature, the witness quorum, every checkpoint, and consistency with the checkpoint kept at step 1.`);
  narrator.expect('the auditor\'s offline verification passed', verified.code === 0);
  const exported = await fetchText(api, s, `/ledger/audit/export?format=ndjson`);
  const lines = exported.trim().split('\n').map((line) => JSON.parse(line) as { kind?: string; entry?: { kind?: string; reason?: string } });
  const kinds = lines.map((line) => line.kind ?? line.entry?.kind);
  narrator.say(`Exported ${lines.length} log entries (NDJSON): ${count(kinds, 'disclosure')} disclosures, ${count(kinds, 'denied')} refusals, ${count(kinds, 'consent_revoked')} revocation.`);
  narrator.expect('the refusals of probation and of the revoked prosecutor are in the log', count(kinds, 'denied') >= 2);
}

async function accounting(api: ApiProcess, s: Story, work: string, caseId: string, narrator: Narrator): Promise<void> {
  const html = join(work, 'accounting.html');
  const result = await ccrx(api.url, { keystorePath: s.advocacy.keystorePath, passphrase: s.advocacy.passphrase, person: s.advocacy.person }, [
    'ledger',
    'accounting',
    '--case',
    caseId,
    '--trust',
    join(work, 'trust.json'),
    '--html',
    html,
  ]);
  narrator.expect('the survivor\'s accounting verified entry by entry (inclusion proofs, gap-free chain, witnessed receipt)', result.code === 0);
  const page = readFileSync(html, 'utf8');
  narrator.say(`Printable accounting written (${page.length} characters of plain language); it names the prosecutor's read, the refusals and the revocation.`);
  narrator.expect("the printable accounting says the prosecutor's release was withdrawn", /The release for [^<]*County Attorney[^<]* was withdrawn/.test(page));
  narrator.expect('it prints her instruction: never to Arrowhead Regional Probation', page.includes('Never share anything about this case with Arrowhead Regional Probation.'));
  narrator.expect("the prosecutor's read is listed for the purpose of her release (support during prosecution)", /received risk assessment notes held by [^<]* for support during prosecution\./.test(page));
  narrator.expect('every entry is proved by the receipt signed for this accounting', page.includes('Every entry above is proved against this receipt.') && !page.includes('proof in the next accounting'));
}

async function proveNothingInClear(env: Record<string, string>, narrator: Narrator): Promise<void> {
  narrator.step(8, 'What the server kept: ciphertext, ids, codes — never the survivor');
  const password = readFileSync(join(env.DATA_DIR, 'postgres.password'), 'utf8').trim();
  const url = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${env.EMBEDDED_POSTGRES_PORT}/postgres`;
  const hits = await findMarkersInDatabase(url, [SURVIVOR.name, SURVIVOR.phone, 'strangled', 'SCREENED IN', 'cousin works there', ...Object.values(TEAM_WORDS)]);
  narrator.say('Searched every text, JSON, array and binary column of every table for her name, phone and words.');
  narrator.expect('no survivor detail is stored in clear anywhere in the database', hits.length === 0);
}

async function fetchText(api: ApiProcess, s: Story, path: string): Promise<string> {
  const token = await tokenFor(api, s.auditor.username, s.auditor.password);
  const response = await fetch(`${api.url}${path}`, { headers: { Authorization: `Bearer ${token}` } });
  return response.text();
}

async function tokenFor(api: ApiProcess, username: string, password: string): Promise<string> {
  const response = await fetch(`${api.url}/oauth/token`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ grant_type: 'password', username, password }).toString() });
  return ((await response.json()) as { access_token: string }).access_token;
}

function count(values: readonly (string | undefined)[], wanted: string): number {
  return values.filter((value) => value === wanted).length;
}

main().then(
  (ok) => process.exit(ok ? 0 : 1),
  (error: unknown) => {
    console.error(`\n✗ the demo stopped: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
