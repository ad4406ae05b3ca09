import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCosigner, createEd25519NoteSigner, createNoteVerifier, formatSignatureLine, generateSeed, parseNote, verifyCheckpointWithQuorum } from '../../src/ledger/checkpoint';
import { HttpLedgerClient } from '../../src/ledger/verifier';
import { createWitnessKeyFile, createWitnessState, loadWitnessKey, runWitnessOnce, WitnessFileError } from '../../src/ledger/witness-client';
import { connectAsApiRole } from '../support/api-role';
import { startTestApp, type TestApp } from '../support/app';
import { type Actor, TestCcr } from '../support/ccr';
import { apiAs, LedgerFixtures } from '../support/ledger-fixtures';

describe('witnesses: registration, cosigning with the witness client, quorum', () => {
  let t: TestApp;
  let ccr: TestCcr;
  let log: LedgerFixtures;
  let admin: Actor;
  let auditor: Actor;
  let systemA: Actor;
  let systemB: Actor;
  let logKey: string;
  const folder = mkdtempSync(join(tmpdir(), 'ccr-witness-'));

  beforeAll(async () => {
    t = await startTestApp();
    ccr = new TestCcr(t);
    admin = await ccr.admin();
    auditor = await ccr.person(await ccr.coordinatingBodyId(), ['auditor']);
    systemA = await ccr.service(await ccr.agency('advocacy'));
    systemB = await ccr.service(await ccr.agency('prosecution', 'criminal_justice'));
    log = await LedgerFixtures.connect(t.database.url, await connectAsApiRole(t.database.url));
    logKey = (await t.http().get('/ledger/log-key').expect(200)).body.verifierKey;
  });
  afterAll(async () => {
    await log.close();
    await t.close();
    rmSync(folder, { recursive: true, force: true });
  });

  async function setUpWitness(name: string, system: Actor): Promise<{ keyPath: string; statePath: string; vkey: string }> {
    const file = name.replace(/[^a-z0-9]+/gi, '-');
    const keyPath = join(folder, `${file}.key.json`);
    const statePath = join(folder, `${file}.state.json`);
    const cosigner = await createWitnessKeyFile(keyPath, name);
    await createWitnessState(statePath, logKey);
    await t.http().post('/ledger/witnesses').set('Authorization', admin.bearer).send({ name, verifierKey: cosigner.verifierKey, agencyId: system.agencyId }).expect(201);
    return { keyPath, statePath, vkey: cosigner.verifierKey };
  }

  async function runWitness(files: { keyPath: string; statePath: string }, system: Actor) {
    const { cosigner } = await loadWitnessKey(files.keyPath);
    return runWitnessOnce({ client: new HttpLedgerClient(apiAs(t, system)), cosigner, statePath: files.statePath });
  }

  async function growAndPublish(entries: number): Promise<number> {
    const caseId = await log.openCase(systemA.agencyId, systemA);
    for (let i = 1; i < entries; i += 1) await log.log('record_stored', { case: caseId, categories: ['risk'] });
    return (await t.http().post('/ledger/checkpoints').set('Authorization', auditor.bearer).expect(200)).body.checkpoint.treeSize;
  }

  async function policy(vkeys: string[], quorum: number) {
    return { logKey: await createNoteVerifier(logKey), witnessKeys: await Promise.all(vkeys.map((vkey) => createNoteVerifier(vkey))), quorum };
  }

  let w1: { keyPath: string; statePath: string; vkey: string };
  let w2: { keyPath: string; statePath: string; vkey: string };

  it('registers witnesses of member agencies (admin only), logged as witness_registered', async () => {
    w1 = await setUpWitness('witness.advocacy.example/w1', systemA);
    w2 = await setUpWitness('witness.prosecution.example/w2', systemB);
    const listed = await t.http().get('/ledger/witnesses').set('Authorization', systemA.bearer).expect(200);
    expect(listed.body).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'witness.advocacy.example/w1', verifierKey: w1.vkey, agencyId: systemA.agencyId }),
        expect.objectContaining({ name: 'witness.prosecution.example/w2', verifierKey: w2.vkey, agencyId: systemB.agencyId }),
      ]),
    );
    const logged = await log.entriesOfKind('witness_registered');
    expect(logged.map((row) => row.entry.detail)).toEqual([
      expect.objectContaining({ witness: 'witness.advocacy.example/w1', agency: systemA.agencyId }),
      expect.objectContaining({ witness: 'witness.prosecution.example/w2', agency: systemB.agencyId }),
    ]);
    await t.http().post('/ledger/witnesses').set('Authorization', auditor.bearer).send({}).expect(403);
  });

  it('refuses bad registrations with 422 naming the field, and duplicates with 409', async () => {
    const cosigner = await createCosigner('witness.example/w9', generateSeed());
    const logLike = await createEd25519NoteSigner('witness.example/w9', generateSeed());
    const register = (body: object) => t.http().post('/ledger/witnesses').set('Authorization', admin.bearer).send(body);
    const cases: [object, string][] = [
      [{ name: 'witness.example/w9', verifierKey: 'not-a-key', agencyId: systemA.agencyId }, 'verifierKey'],
      [{ name: 'witness.example/w9', verifierKey: logLike.verifierKey, agencyId: systemA.agencyId }, 'verifierKey'],
      [{ name: 'witness.example/other', verifierKey: cosigner.verifierKey, agencyId: systemA.agencyId }, 'name'],
      [{ name: 'witness.example/w9', verifierKey: cosigner.verifierKey, agencyId: await ccr.coordinatingBodyId() }, 'agencyId'],
      [{ name: 'witness.example/w9', verifierKey: cosigner.verifierKey, agencyId: '00000000-0000-4000-8000-000000000000' }, 'agencyId'],
      [{ name: 'has space', verifierKey: cosigner.verifierKey, agencyId: systemA.agencyId }, 'name'],
    ];
    for (const [body, field] of cases) {
      const response = await register(body);
      expect({ field, status: response.status, fields: response.body.errors?.map((error: { field: string }) => error.field) }).toEqual({ field, status: 422, fields: [field] });
    }
    const sameName = await createCosigner('witness.advocacy.example/w1', generateSeed());
    await register({ name: 'witness.advocacy.example/w1', verifierKey: sameName.verifierKey, agencyId: systemA.agencyId }).expect(409);
    // One key under two names would let one witness count twice towards a quorum.
    const { cosigner: w1Key } = await loadWitnessKey(w1.keyPath);
    const seed = Buffer.from(JSON.parse(readFileSync(w1.keyPath, 'utf8')).seed, 'base64');
    const renamed = await createCosigner('witness.example/renamed', seed);
    expect(renamed.publicKey).toEqual(w1Key.publicKey);
    const twice = await register({ name: 'witness.example/renamed', verifierKey: renamed.verifierKey, agencyId: systemA.agencyId }).expect(409);
    expect(twice.body.type).toBe('urn:ccr-exchange:problem:witness-exists');
  });

  it('cosigns with the witness client; the cosignature is served with the checkpoint and meets a quorum', async () => {
    const size = await growAndPublish(5);
    const first = await runWitness(w1, systemA);
    expect(first).toMatchObject({ status: 'cosigned', treeSize: size, previousSize: 0 });
    const served = await t.http().get('/ledger/checkpoint').set('Authorization', auditor.bearer).expect(200);
    expect(served.text.endsWith((first as { line: string }).line)).toBe(true);
    expect(verifyCheckpointWithQuorum(served.text, await policy([w1.vkey, w2.vkey], 2))).toMatchObject({ ok: false, failure: { kind: 'quorum-not-met', cosigned: 1 } });
    expect(await runWitness(w2, systemB)).toMatchObject({ status: 'cosigned', treeSize: size });
    const both = (await t.http().get('/ledger/checkpoint?format=json').set('Authorization', auditor.bearer).expect(200)).body;
    const verified = verifyCheckpointWithQuorum(both.note, await policy([w1.vkey, w2.vkey], 2));
    expect(verified.ok).toBe(true);
    expect(verified.ok && verified.cosignatures.map((each) => each.name).sort()).toEqual(['witness.advocacy.example/w1', 'witness.prosecution.example/w2']);
    expect(both.cosignatures.map((each: { witness: string }) => each.witness).sort()).toEqual(['witness.advocacy.example/w1', 'witness.prosecution.example/w2']);
  });

  it('has nothing to do while the log has not grown, and cosigns growth with a consistency proof', async () => {
    const before = JSON.parse(readFileSync(w1.statePath, 'utf8'));
    expect(await runWitness(w1, systemA)).toEqual({ status: 'up-to-date', treeSize: before.treeSize });
    const size = await growAndPublish(7);
    expect(await runWitness(w1, systemA)).toMatchObject({ status: 'cosigned', treeSize: size, previousSize: before.treeSize });
    const after = JSON.parse(readFileSync(w1.statePath, 'utf8'));
    expect(after).toMatchObject({ v: 1, logKey, treeSize: size });
    expect(after.rootHash).not.toBe(before.rootHash);
    expect(readdirSync(folder).filter((file) => file.endsWith('.tmp'))).toEqual([]);
  });

  it('refuses to overwrite a witness key or state file', async () => {
    await expect(createWitnessKeyFile(w1.keyPath, 'another')).rejects.toBeInstanceOf(WitnessFileError);
    await expect(createWitnessState(w1.statePath, logKey)).rejects.toBeInstanceOf(WitnessFileError);
  });

  it('accepts cosignatures only from the witness agency, only if they verify, and never replaces one', async () => {
    const checkpoint = (await t.http().get('/ledger/checkpoint?format=json').set('Authorization', auditor.bearer).expect(200)).body;
    const text = parseNote(checkpoint.note).text;
    const { cosigner } = await loadWitnessKey(w1.keyPath);
    const fresh = formatSignatureLine(cosigner.cosign(text, 1_900_000_000));
    const post = (actor: Actor, body: object) => t.http().post('/ledger/cosignatures').set('Authorization', actor.bearer).send(body);
    await post(systemB, { treeSize: checkpoint.treeSize, cosignature: fresh }).expect(404);
    await post(systemA, { treeSize: 999_999, cosignature: fresh }).expect(404);
    const garbage = await post(systemA, { treeSize: checkpoint.treeSize, cosignature: 'not a signature line' }).expect(422);
    expect(garbage.body.errors[0].field).toBe('cosignature');
    const forOtherText = formatSignatureLine(cosigner.cosign(text.replace(/\n\d+\n/, '\n1\n'), 1_900_000_000));
    await post(systemA, { treeSize: checkpoint.treeSize, cosignature: forOtherText }).expect(422);
    await post(systemA, { treeSize: checkpoint.treeSize, cosignature: `${fresh}${fresh}` }).expect(422);
    const conflict = await post(systemA, { treeSize: checkpoint.treeSize, cosignature: fresh }).expect(409);
    expect(conflict.body.type).toBe('urn:ccr-exchange:problem:cosignature-exists');
    const stored = checkpoint.cosignatures.find((each: { witness: string }) => each.witness === 'witness.advocacy.example/w1');
    await post(systemA, { treeSize: checkpoint.treeSize, cosignature: stored.line.trimEnd() }).expect(201);
    await post(auditor, { treeSize: checkpoint.treeSize, cosignature: fresh }).expect(403);
  });
});
