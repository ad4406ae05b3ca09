import { isNotFound, ReleaseNotUsable } from '../../src/sdk';
import { type ListeningApp, startListeningApp, TempFolder } from '../support/sdk';
import { sdkAgency, type SdkAgency, writtenRelease } from '../support/sdk-world';

/**
 * Case notes through the SDK: the recipients of each note are computed on the client from the
 * survivor's releases, exactly — and an agency that consents later is added to an existing note
 * by the custodian's client re-wrapping its key.
 */
describe('SDK: case notes and their recipients', () => {
  let app: ListeningApp;
  let folder: TempFolder;
  let shelter: SdkAgency;
  let prosecution: SdkAgency;
  let clinic: SdkAgency;
  let probation: SdkAgency;

  beforeAll(async () => {
    app = await startListeningApp();
    folder = await TempFolder.create();
    shelter = await sdkAgency(app, folder, 'advocacy', 'vawa_fvpsa_voca');
    prosecution = await sdkAgency(app, folder, 'prosecution', 'criminal_justice');
    clinic = await sdkAgency(app, folder, 'health', 'hipaa');
    probation = await sdkAgency(app, folder, 'probation', 'criminal_justice');
  });
  afterAll(async () => {
    for (const agency of [shelter, prosecution, clinic, probation]) await agency.keystore.close();
    await app.close();
    await folder.remove();
  });

  const readers = () => [prosecution, clinic, probation];
  const recipientsOf = (note: { recipients: { agencyId: string }[] }) => note.recipients.map((each) => each.agencyId).sort();
  /** Which of the other agencies can open the note now (each tries; 404 means no). */
  async function whoCanRead(noteId: string, text: string): Promise<string[]> {
    const opened: { agencyId: string; read: unknown }[] = [];
    for (const reader of readers()) {
      const read = await reader.client.notes.read(noteId).catch((e: unknown) => e);
      if (!isNotFound(read)) opened.push({ agencyId: reader.agencyId, read });
    }
    expect(opened.map(({ read }) => read)).toMatchObject(opened.map(() => ({ text, record: { authorAgencyId: shelter.agencyId } })));
    return opened.map(({ agencyId }) => agencyId).sort();
  }

  it('wraps each note for exactly the agencies whose releases cover its category', async () => {
    const { id: caseId } = await shelter.client.cases.open();
    const toProsecution = await shelter.client.consents.record(caseId, writtenRelease(prosecution.agencyId, { categories: ['risk'] }));
    const toClinic = await shelter.client.consents.record(caseId, writtenRelease(clinic.agencyId, { categories: ['safety_plan', 'health'], purpose: 'health_care' }));

    const risk = await shelter.client.notes.add(caseId, { category: 'risk', content: 'Risk: strangulation, gun in the home.' });
    expect(recipientsOf(risk)).toEqual([shelter.agencyId, prosecution.agencyId].sort());
    expect(risk.recipients.find((each) => each.agencyId === prosecution.agencyId)).toMatchObject({ basisKind: 'consent', basisId: toProsecution.id, canRead: true });
    expect(risk.excluded).toEqual([{ agencyId: clinic.agencyId, reason: 'category_not_covered' }]);
    expect(await whoCanRead(risk.id, 'Risk: strangulation, gun in the home.')).toEqual([prosecution.agencyId]);

    const plan = await shelter.client.notes.add(caseId, { category: 'safety_plan', content: 'Plan: stays with her sister.' });
    expect(recipientsOf(plan)).toEqual([shelter.agencyId, clinic.agencyId].sort());
    expect(plan.recipients.find((each) => each.agencyId === clinic.agencyId)).toMatchObject({ basisId: toClinic.id });
    expect(await whoCanRead(plan.id, 'Plan: stays with her sister.')).toEqual([clinic.agencyId]);

    const coordination = await shelter.client.notes.add(caseId, { category: 'coordination', content: 'Court on Friday.' });
    expect(recipientsOf(coordination)).toEqual([shelter.agencyId]);
    expect(await whoCanRead(coordination.id, 'Court on Friday.')).toEqual([]);
    await expect(shelter.client.notes.recipientsFor(caseId, 'health')).resolves.toEqual({ grants: [{ agencyId: clinic.agencyId, consentId: toClinic.id }], excluded: [{ agencyId: prosecution.agencyId, reason: 'category_not_covered' }] });

    const listed = await shelter.client.notes.list(caseId);
    expect(listed.map((note) => [note.category, recipientsOf(note).length]).sort()).toEqual([['coordination', 1], ['risk', 2], ['safety_plan', 2]]);
    const shared = [];
    for await (const note of prosecution.client.notes.sharedWithMe()) shared.push(note.id);
    expect(shared).toContain(risk.id);
    expect(shared).not.toContain(plan.id);
  });

  it('recomputes the recipients of an amended note, which gets a fresh key', async () => {
    const { id: caseId } = await shelter.client.cases.open();
    await shelter.client.consents.record(caseId, writtenRelease(prosecution.agencyId, { categories: ['risk'] }));
    const toClinic = await shelter.client.consents.record(caseId, writtenRelease(clinic.agencyId, { categories: ['safety_plan'], purpose: 'health_care' }));
    const note = await shelter.client.notes.add(caseId, { category: 'risk', content: 'Version one.' });
    await shelter.client.consents.amend(toClinic.id, { categories: ['safety_plan', 'risk'] });

    const amended = await shelter.client.notes.amend(note.id, 'Version two: he moved back to town.');
    expect(amended).toMatchObject({ id: note.id, version: 2 });
    expect(amended.currentRecordId).not.toBe(note.currentRecordId);
    expect(recipientsOf(amended)).toEqual([shelter.agencyId, prosecution.agencyId, clinic.agencyId].sort());
    expect(await whoCanRead(note.id, 'Version two: he moved back to town.')).toEqual([prosecution.agencyId, clinic.agencyId].sort());
    const read = await shelter.client.notes.read(note.id);
    expect(read.record.supersedes).toBe(note.currentRecordId);
  });

  it('adds a newly consented agency to an existing note with a share only its custodian can make', async () => {
    const { id: caseId } = await shelter.client.cases.open();
    await shelter.client.consents.record(caseId, writtenRelease(prosecution.agencyId, { categories: ['safety_plan'] }));
    const note = await shelter.client.notes.add(caseId, { category: 'safety_plan', content: 'Safe word: blue umbrella.' });
    expect(await whoCanRead(note.id, 'Safe word: blue umbrella.')).toEqual([prosecution.agencyId]);

    const early = await shelter.client.notes.shareWithNewlyConsented(note.id, probation.agencyId).catch((e: unknown) => e);
    expect(early).toBeInstanceOf(ReleaseNotUsable);
    expect(early).toMatchObject({ reason: 'no_consent' });

    const toProbation = await shelter.client.consents.record(caseId, writtenRelease(probation.agencyId, { categories: ['safety_plan'], purpose: 'supervision' }));
    const share = await shelter.client.notes.shareWithNewlyConsented(note.id, probation.agencyId);
    expect(share).toEqual({ recordId: note.currentRecordId, agencyId: probation.agencyId, basisId: toProbation.id });
    const read = await probation.client.notes.read(note.id);
    expect(read).toMatchObject({ text: 'Safe word: blue umbrella.', record: { sharedBy: { agencyId: shelter.agencyId, consentId: toProbation.id } } });
    expect(await whoCanRead(note.id, 'Safe word: blue umbrella.')).toEqual([prosecution.agencyId, probation.agencyId].sort());

    const notTheirs = await prosecution.client.notes.shareWithNewlyConsented(note.id, clinic.agencyId).catch((e: unknown) => e);
    expect(notTheirs).toMatchObject({ message: 'only the agency that wrote a note shares it' });
    const wrongRelease = await shelter.client.notes.shareWithNewlyConsented(note.id, clinic.agencyId, toProbation.id).catch((e: unknown) => e);
    expect(wrongRelease).toMatchObject({ consentId: toProbation.id, reason: 'no_consent' });
  });
});
