import { AgreementSignatureInvalid, type Agreement } from '../../src/sdk';
import { policeAdvocacyTerms } from '../support/agreements';
import { withAdminClient } from '../support/database';
import { type ListeningApp } from '../support/sdk';
import { type PoliceAndAdvocacy, policeAndAdvocacy, type SdkAgency } from '../support/sdk-world';

/** Issue 21 through the SDK: the police propose an agreement, the advocacy program checks and signs it. */
describe('SDK: working agreements', () => {
  let world: PoliceAndAdvocacy;
  let app: ListeningApp;
  let police: SdkAgency;
  let advocacy: SdkAgency;
  let inForce: Agreement;

  beforeAll(async () => {
    world = await policeAndAdvocacy();
    ({ app, police, advocacy } = world);
  });
  afterAll(() => world?.close());

  it('proposes, has the other party sign after checking the proposer, and both verify every signature', async () => {
    const proposed = await police.client.agreements.propose(policeAdvocacyTerms(police.agencyId, advocacy.agencyId));
    expect(proposed.versions[0]).toMatchObject({ status: 'proposed', awaiting: [advocacy.agencyId] });
    inForce = await advocacy.client.agreements.sign(proposed.id, 1);
    expect(inForce).toMatchObject({ inForceVersion: 1 });
    await expect(police.client.agreements.verify(inForce)).resolves.toBe(inForce);
    const listed = await advocacy.client.agreements.list();
    expect(listed.map((each) => each.id)).toContain(proposed.id);
  });

  it('refuses terms the server altered after the parties signed', async () => {
    await withAdminClient(async (db) => {
      await db.query(`UPDATE agreement_versions SET terms = jsonb_set(terms, '{calendar,closes}', '"23:00"') WHERE agreement_id = $1`, [inForce.id]);
    }, app.t.database.url);
    const shown = await police.client.agreements.get(inForce.id);
    const refused = await police.client.agreements.verify(shown).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(AgreementSignatureInvalid);
    expect(refused).toMatchObject({ agreementId: inForce.id, version: 1 });
  });
});
