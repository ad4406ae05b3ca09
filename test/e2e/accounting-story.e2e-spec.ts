import { MANDATE_PURPOSES } from '../../src/consent/consent.vocabulary';
import { isNotFound } from '../../src/sdk';
import { type Actor } from '../support/ccr';
import { type ListeningApp, startListeningApp, TempFolder } from '../support/sdk';
import { sdkAgency, type SdkAgency, writtenRelease } from '../support/sdk-world';

const DAY_MS = 24 * 60 * 60 * 1000;

interface Entry {
  index: number;
  kind: string;
  purpose: { code: string; label: string } | null;
  basis: { kind: string; consentId: string | null; consentVersion: number | null; mandateId: string | null } | null;
  recipient: { id: string } | null;
  outcome: string | null;
  inclusionProof: string[] | null;
}

interface Version {
  version: number;
  purpose: { code: string };
  denyAgencies: { id: string; name: string | null }[];
  fate: { code: string; byVersion: number | null; text: string };
}

/**
 * A survivor's story told through the SDK and the real HTTP stack, then her accounting read back:
 * every disclosure carries the purpose of the release that permitted it, her "never to Probation"
 * is shown in the JSON and on the printed page, each release version's real fate is named, and
 * every entry is proved by a receipt signed for the accounting.
 */
describe("the survivor's accounting tells what happened", () => {
  let app: ListeningApp;
  let folder: TempFolder;
  let shelter: SdkAgency;
  let prosecution: SdkAgency;
  let clinic: SdkAgency;
  let probation: SdkAgency;
  let advocate: Actor;
  let caseId: string;
  let toProsecution: string;
  let toClinic: string;
  let probationName: string;
  let json: { entries: Entry[]; consents: { consentId: string; versions: Version[] }[]; denyInstructions: { agency: { id: string; name: string }; inForce: boolean; text: string }[]; summary: { pending: number }; receipt: { treeSize: number } };
  let html: string;

  beforeAll(async () => {
    app = await startListeningApp();
    folder = await TempFolder.create();
    shelter = await sdkAgency(app, folder, 'advocacy', 'vawa_fvpsa_voca');
    prosecution = await sdkAgency(app, folder, 'prosecution', 'criminal_justice');
    clinic = await sdkAgency(app, folder, 'health', 'hipaa');
    probation = await sdkAgency(app, folder, 'probation', 'criminal_justice');
    advocate = await app.ccr.person(shelter.agencyId, ['advocate']);
    probationName = (await app.t.http().get(`/agencies/${probation.agencyId}`).set('Authorization', advocate.bearer).expect(200)).body.name;

    ({ id: caseId } = await shelter.client.cases.open());
    toProsecution = (await shelter.client.consents.record(caseId, writtenRelease(prosecution.agencyId, { categories: ['risk'], purpose: 'prosecution_support', denyAgencyIds: [probation.agencyId] }))).id;
    toClinic = (await shelter.client.consents.record(caseId, writtenRelease(clinic.agencyId, { categories: ['safety_plan'], purpose: 'safety_planning' }))).id;
    const risk = await shelter.client.notes.add(caseId, { category: 'risk', content: 'Risk: strangulation, gun in the home.' });
    const plan = await shelter.client.notes.add(caseId, { category: 'safety_plan', content: 'Plan: stays with her sister.' });
    await prosecution.client.notes.read(risk.id);
    await clinic.client.notes.read(plan.id);
    expect(isNotFound(await probation.client.notes.read(risk.id).catch((error: unknown) => error))).toBe(true);
    // Amended: the prosecutor may now see the safety plan too. Narrowed: the clinic's release ends sooner.
    await shelter.client.consents.amend(toProsecution, { categories: ['risk', 'safety_plan'] });
    await shelter.client.consents.amend(toClinic, { validUntil: new Date(Date.now() + 30 * DAY_MS) });
    await prosecution.client.notes.read(risk.id);
    await clinic.client.notes.read(plan.id);
    await shelter.client.consents.revoke(toClinic, { channel: 'phone' });
    expect(isNotFound(await clinic.client.notes.read(plan.id).catch((error: unknown) => error))).toBe(true);

    json = (await app.t.http().get(`/cases/${caseId}/accounting`).set('Authorization', advocate.bearer).expect(200)).body;
    html = (await app.t.http().get(`/cases/${caseId}/accounting?format=html`).set('Authorization', advocate.bearer).expect(200)).text;
  });
  afterAll(async () => {
    for (const agency of [shelter, prosecution, clinic, probation]) await agency.keystore.close();
    await app.close();
    await folder.remove();
  });

  /** The purpose of the basis an entry names, from the accounting's own release history. */
  function purposeOfBasis(entry: Entry): string {
    const basis = entry.basis as NonNullable<Entry['basis']>;
    if (basis.kind === 'custodian') return 'custodian_case_work';
    if (basis.kind === 'mandate') throw new Error('no mandate in this story');
    const release = json.consents.find((consent) => consent.consentId === basis.consentId);
    return release?.versions.find((version) => version.version === basis.consentVersion)?.purpose.code ?? 'missing';
  }

  it("gives every disclosure the purpose of the release version that permitted it, never a constant", () => {
    const disclosures = json.entries.filter((entry) => entry.kind === 'disclosure');
    expect(disclosures.map((entry) => [entry.recipient?.id, entry.basis?.consentId, entry.basis?.consentVersion])).toEqual([
      [prosecution.agencyId, toProsecution, 1],
      [clinic.agencyId, toClinic, 1],
      [prosecution.agencyId, toProsecution, 2],
      [clinic.agencyId, toClinic, 2],
    ]);
    for (const entry of disclosures) expect(entry.purpose?.code).toBe(purposeOfBasis(entry));
    expect(disclosures.map((entry) => entry.purpose?.code)).toEqual(['prosecution_support', 'safety_planning', 'prosecution_support', 'safety_planning']);
    expect(JSON.stringify(json)).not.toContain('case_coordination');
    expect(MANDATE_PURPOSES).toEqual({ court_order: 'court_order_compliance', statute: 'statutory_duty' });
  });

  it('gives refusals the purpose asked for: the refused reader had no release, so none is made up', () => {
    const refusals = json.entries.filter((entry) => entry.kind === 'denied');
    const byProbation = refusals.find((entry) => entry.recipient?.id === probation.agencyId);
    expect(byProbation).toMatchObject({ outcome: 'denied', purpose: null });
    // The clinic's read after the revocation asked under its (revoked) release: that release's purpose.
    const byClinic = refusals.find((entry) => entry.recipient?.id === clinic.agencyId);
    expect(byClinic).toMatchObject({ outcome: 'denied', purpose: { code: 'safety_planning' } });
  });

  it("shows her deny instruction, with Probation's name, in the JSON and on the printed page", () => {
    expect(json.denyInstructions).toEqual([{ agency: { id: probation.agencyId, name: probationName }, inForce: true, statedIn: [`${toProsecution} v1`, `${toProsecution} v2`], text: expect.stringContaining(probationName) }]);
    for (const instruction of json.denyInstructions) {
      expect(html).toContain(instruction.text.replace(/&/g, '&amp;').replace(/'/g, '&#39;'));
    }
    expect(html).toContain(`Never share anything about this case with ${probationName}.`);
    expect(html).toMatch(/<li class="deny">Never share anything about this case with /);
    const prosecutionVersions = json.consents.find((consent) => consent.consentId === toProsecution)?.versions ?? [];
    expect(prosecutionVersions.map((version) => version.denyAgencies)).toEqual([[{ id: probation.agencyId, name: probationName }], [{ id: probation.agencyId, name: probationName }]]);
  });

  it("names each release version's real fate, and never calls an amendment a withdrawal", () => {
    const fates = (consentId: string) => json.consents.find((consent) => consent.consentId === consentId)?.versions.map((version) => [version.fate.code, version.fate.byVersion]);
    expect(fates(toProsecution)).toEqual([['amended', 2], ['in_force', null]]);
    expect(fates(toClinic)).toEqual([['narrowed', 2], ['revoked', null]]);
    expect(html).toMatch(/Replaced on \d{4}-\d{2}-\d{2} by version 2, which changed what is shared\./);
    expect(html).toMatch(/Ended on \d{4}-\d{2}-\d{2} by version 2, which shares less\./);
    expect(html).toMatch(/Withdrawn by the survivor on \d{4}-\d{2}-\d{2}\. Nothing more is shared under it\./);
    expect(html.match(/Withdrawn by the survivor/g)).toHaveLength(1);
    expect(html).not.toMatch(/<td>withdrawn/);
  });

  it('proves every listed entry by a receipt signed for it: nothing waits for the next accounting', () => {
    expect(json.summary.pending).toBe(0);
    expect(json.entries.every((entry) => entry.inclusionProof !== null && entry.index < json.receipt.treeSize)).toBe(true);
    expect(html).not.toContain('the next accounting will prove');
    expect(html).toContain('Every entry above is proved against this receipt.');
  });
});
