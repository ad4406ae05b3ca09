import { type MemberKeyring, offlineRecords } from '../../src/sdk/browser';
import { type TestApp } from './app';
import { type TestCcr } from './ccr';
import { type PersonCookieSession, withSession } from './people';
import { type AgencyKeys, sealAs } from './sealing';

/**
 * What a person of an agency does with no keystore file: through their cookie session, opens a case
 * and registers a court-order mandate (to a prosecutor) whose details — `citation` — are sealed to
 * the agency; then reads the details back and opens them with their unlocked keyring. Returns the
 * text the keyring opened.
 */
export async function openMandateDetailsAsPerson(t: TestApp, ccr: TestCcr, session: PersonCookieSession, agency: AgencyKeys, keyring: MemberKeyring, citation: string): Promise<string> {
  const caseId = (await withSession(t.http().post('/cases'), t, session).send({}).expect(201)).body.id as string;
  const details = await sealAs(agency, { caseId, category: 'mandate_details', body: citation });
  const prosecutor = await ccr.agency('prosecution', 'criminal_justice');
  const mandate = await withSession(t.http().post(`/cases/${caseId}/mandates`), t, session)
    .send(delayedCourtOrder(prosecutor, details))
    .expect(201);
  const read = await withSession(t.http().get(`/mandates/${mandate.body.id}/details`), t, session).expect(200);
  const opened = await offlineRecords(keyring).open(read.body.record);
  return new TextDecoder().decode(opened.body);
}

/** A court order for `risk` notes to `recipientAgencyId`, in force from a minute ago, the survivor's notice delayed by the court; `details` sealed. */
export function delayedCourtOrder(recipientAgencyId: string, details: object): Record<string, unknown> {
  return {
    basis: 'court_order',
    recipientAgencyId,
    categories: ['risk'],
    validFrom: new Date(Date.now() - 60_000).toISOString(),
    reviewedAt: new Date().toISOString(),
    survivorNotification: 'delayed',
    notificationReason: 'court_ordered_delay',
    details,
  };
}
