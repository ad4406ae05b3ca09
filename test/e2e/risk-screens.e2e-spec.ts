import { writeFile } from 'node:fs/promises';
import { Client } from 'pg';
import { type CaseHandle, isNotFound, type ScreenAnswer } from '../../src/sdk';
import { KEYSTORE_PASSPHRASE, type ListeningApp, runCli, startListeningApp, TempFolder } from '../support/sdk';
import { sdkAgency, type SdkAgency, writtenRelease } from '../support/sdk-world';

// The CLI steps spawn ccrx from source (ts-node): seconds each on a busy machine.
jest.setTimeout(180_000);

/** Answers with "yes" at the given 1-based question numbers. */
const yesAt = (count: number, numbers: number[]): ScreenAnswer[] => Array.from({ length: count }, (_, index) => (numbers.includes(index + 1) ? 'yes' : 'no'));

/**
 * Risk screens: scored on the client, sealed as `risk` notes for the agencies the releases allow;
 * the custodian's high-risk flag is the only risk value the server holds, and every change of it
 * is a log entry.
 */
describe('risk screens and the high-risk flag', () => {
  let app: ListeningApp;
  let folder: TempFolder;
  let owner: Client;
  let police: SdkAgency;
  let advocacy: SdkAgency;
  let probation: SdkAgency;

  beforeAll(async () => {
    app = await startListeningApp();
    folder = await TempFolder.create();
    owner = new Client({ connectionString: app.t.database.url });
    await owner.connect();
    police = await sdkAgency(app, folder, 'law_enforcement', 'criminal_justice');
    advocacy = await sdkAgency(app, folder, 'advocacy', 'vawa_fvpsa_voca');
    probation = await sdkAgency(app, folder, 'probation', 'criminal_justice');
  });
  afterAll(async () => {
    for (const agency of [police, advocacy, probation]) await agency.keystore.close();
    await owner.end();
    await app.close();
    await folder.remove();
  });

  async function flagEntries(caseId: string): Promise<{ kind: string; detail: unknown; actor: unknown }[]> {
    const { rows } = await owner.query<{ kind: string; entry: Buffer }>(`SELECT kind, entry FROM ledger_entries WHERE case_id = $1 AND kind LIKE 'high_risk_flag_%' ORDER BY idx`, [caseId]);
    return rows.map((row) => ({ kind: row.kind, ...(JSON.parse(row.entry.toString()) as { detail: unknown; actor: unknown }) }));
  }

  it('seals a LAP screen for the agencies a release covers; the reader gets the same result, the server only ciphertext', async () => {
    const { id: caseId } = await police.client.cases.open();
    await police.client.consents.record(caseId, writtenRelease(advocacy.agencyId, { categories: ['risk'], purpose: 'advocacy_services' }));
    const recorded = await police.client.screens.record(caseId, { instrument: 'lap', answers: yesAt(11, [4, 5, 6, 7]), spokeWithHotline: true });
    expect(recorded.result).toMatchObject({ instrument: 'lap', version: 1, band: 'screened_in_protocol', highRisk: true, yesCount: 4 });
    expect(recorded.note).toMatchObject({ category: 'risk', caseId });
    expect(recorded.note.recipients.map((r) => r.agencyId).sort()).toEqual([police.agencyId, advocacy.agencyId].sort());

    const read = await advocacy.client.screens.read(recorded.note.id);
    expect(read.screen).toMatchObject({ instrument: 'lap', instrumentVersion: 1, spokeWithHotline: true, result: recorded.result });
    expect(read.screen.answers).toEqual(yesAt(11, [4, 5, 6, 7]));
    expect(read.record.authorAgencyId).toBe(police.agencyId);
    expect(isNotFound(await probation.client.screens.read(recorded.note.id).catch((e: unknown) => e))).toBe(true);

    const { rows } = await owner.query<{ ciphertext: Buffer }>(`SELECT ciphertext FROM records WHERE id = $1`, [recorded.note.currentRecordId]);
    expect(rows).toHaveLength(1);
    expect(rows[0].ciphertext.toString('latin1')).not.toContain('screened_in_protocol');
    expect(rows[0].ciphertext.toString('latin1')).not.toContain('ccrx.risk-screen');
    await expect(police.client.cases.get(caseId)).resolves.toMatchObject({ highRisk: null });
  });

  it('sets, changes and clears the flag, each change a log entry; a repeat writes nothing', async () => {
    const { id: caseId } = await police.client.cases.open();
    const set: CaseHandle = await police.client.cases.setHighRisk(caseId, 'screened_high_risk');
    expect(set.highRisk).toEqual({ reason: 'screened_high_risk', setAt: expect.any(String) });
    await expect(police.client.cases.setHighRisk(caseId, 'screened_high_risk')).resolves.toEqual(set);
    const changed = await police.client.cases.setHighRisk(caseId, 'escalation');
    expect(changed.highRisk?.reason).toBe('escalation');
    const cleared = await police.client.cases.clearHighRisk(caseId);
    expect(cleared.highRisk).toBeNull();
    await expect(police.client.cases.clearHighRisk(caseId)).resolves.toEqual(cleared);

    const entries = await flagEntries(caseId);
    expect(entries.map((entry) => [entry.kind, entry.detail])).toEqual([
      ['high_risk_flag_set', { reason: 'screened_high_risk' }],
      ['high_risk_flag_set', { reason: 'escalation', previousReason: 'screened_high_risk' }],
      ['high_risk_flag_cleared', { previousReason: 'escalation' }],
    ]);
    expect(entries[0].actor).toMatchObject({ agency: police.agencyId });
  });

  it("answers 404 for another agency's case and changes nothing; a reason outside the vocabulary is 422", async () => {
    const { id: caseId } = await police.client.cases.open();
    const asAdvocacy = (method: 'PUT' | 'DELETE') => advocacy.client.http.request({ method, path: `/cases/${caseId}/high-risk`, json: method === 'PUT' ? { reason: 'professional_judgement' } : undefined });
    for (const method of ['PUT', 'DELETE'] as const) {
      const refused = await asAdvocacy(method).catch((e: unknown) => e);
      expect(isNotFound(refused)).toBe(true);
    }
    const bad = await police.client.http.request({ method: 'PUT', path: `/cases/${caseId}/high-risk`, json: { reason: 'gut_feeling' } }).catch((e: unknown) => e);
    expect(bad).toMatchObject({ status: 422, errors: [{ field: 'reason' }] });
    await expect(police.client.cases.get(caseId)).resolves.toMatchObject({ highRisk: null });
    expect(await flagEntries(caseId)).toEqual([]);
  });

  describe('ccrx screen', () => {
    const as = (agency: SdkAgency) => ({ CCRX_API: app.baseUrl, CCRX_KEYSTORE: agency.keystore.path, CCRX_PASSPHRASE: KEYSTORE_PASSPHRASE });

    it('prints the questions and scores offline', async () => {
      const questions = await runCli(['screen', 'questions', '--instrument', 'dash']);
      expect(questions.code).toBe(0);
      expect(questions.stdout).toContain('24. Do you know if (…) has ever been in trouble with the police or has a criminal history?');
      const file = folder.file('dash-13.json');
      await writeFile(file, JSON.stringify({ instrument: 'dash', answers: yesAt(24, Array.from({ length: 13 }, (_, i) => i + 1)), policeIncidentsIn12Months: 3 }));
      const scored = await runCli(['--json', 'screen', 'score', '--in', file]);
      expect(scored.stderr).toBe('');
      expect(JSON.parse(scored.stdout)).toMatchObject({ band: 'medium', yesCount: 13, highRisk: true, reasons: ['potential_escalation'] });
    });

    it('records, shows and flags (answers from a file, never arguments)', async () => {
      const { id: caseId } = await police.client.cases.open();
      await police.client.consents.record(caseId, writtenRelease(advocacy.agencyId, { categories: ['risk'], purpose: 'advocacy_services' }));
      const file = folder.file('lap.json');
      await writeFile(file, JSON.stringify({ instrument: 'lap', answers: yesAt(11, []), officerBelief: true, spokeWithHotline: false }));
      const record = await runCli(['--json', 'screen', 'record', '--case', caseId, '--in', file, '--to', advocacy.agencyId], as(police));
      expect(record.stderr).toBe('');
      expect(record.code).toBe(0);
      const recorded = JSON.parse(record.stdout) as { note: { id: string }; result: unknown };
      expect(recorded.result).toMatchObject({ band: 'screened_in_officer_belief', reasons: ['lap_officer_belief'] });

      const show = await runCli(['screen', 'show', '--note', recorded.note.id], as(advocacy));
      expect(show.code).toBe(0);
      expect(show.stdout).toContain('screened_in_officer_belief');
      expect(show.stdout).toContain(' 1. no  Has he/she ever used a weapon against you or threatened you with a weapon?');

      const flag = await runCli(['screen', 'flag', '--case', caseId, '--reason', 'screened_high_risk'], as(police));
      expect(flag.code).toBe(0);
      expect(flag.stdout).toContain(`Case ${caseId} is flagged high risk (screened_high_risk)`);
      const foreign = await runCli(['screen', 'flag', '--case', caseId, '--reason', 'escalation'], as(advocacy));
      expect(foreign.code).toBe(4);
      expect(await flagEntries(caseId)).toHaveLength(1);
    });
  });
});
