import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { DeadlineSweeper } from '../../src/referrals/deadline-sweeper.service';
import { agreementSignature, policeAdvocacyTerms, sendPoliceReferral, type SentReferral } from '../support/agreements';
import { startTestApp, type TestApp } from '../support/app';
import { type Actor, TestCcr } from '../support/ccr';
import { type AgencyKeys, registerAgencyKeys } from '../support/sealing';

/** The deadline sweep with an injected clock: due soon, overdue, escalated once, expired once. */
describe('deadline sweep (issue 21): due soon, overdue, escalation, expiry', () => {
  let t: TestApp;
  let owner: Client;
  let officer: Actor;
  let intake: Actor;
  let police: AgencyKeys;
  let advocacy: AgencyKeys;
  let answered: SentReferral;
  let ignored: SentReferral;

  beforeAll(async () => {
    t = await startTestApp();
    owner = new Client({ connectionString: t.database.url });
    await owner.connect();
    const ccr = new TestCcr(t);
    officer = await ccr.service(await ccr.agency('law_enforcement', 'criminal_justice'));
    intake = await ccr.service(await ccr.agency('advocacy', 'vawa_fvpsa_voca'));
    police = await registerAgencyKeys(t, officer);
    advocacy = await registerAgencyKeys(t, intake);
    const agreementId = randomUUID();
    const terms = policeAdvocacyTerms(officer.agencyId, intake.agencyId);
    await post(officer, '/agreements', { agreementId, terms, ...(await agreementSignature(police, agreementId, 1, terms)) }).expect(201);
    await post(intake, `/agreements/${agreementId}/versions/1/signatures`, await agreementSignature(advocacy, agreementId, 1, terms)).expect(201);
    answered = await sendPoliceReferral(t, officer, police, advocacy);
    ignored = await sendPoliceReferral(t, officer, police, advocacy);
  });
  afterAll(async () => {
    await owner.end();
    await t.close();
  });

  const post = (actor: Actor, path: string, body: object, headers: Record<string, string> = {}) => t.http().post(path).set('Authorization', actor.bearer).set(headers).send(body);
  const sweeper = () => t.app.get(DeadlineSweeper);
  const due = (referral: SentReferral, step: string) => new Date(referral.deadlines.find((each) => each.step === step)?.respondBy ?? NaN);
  const minutes = (at: Date, delta: number) => new Date(at.getTime() + delta * 60_000);

  async function count(sql: string, values: unknown[]): Promise<number> {
    const { rows } = await owner.query<{ n: string }>(sql, values);
    return Number(rows[0].n);
  }
  const events = (type: string, referralId: string) => count('SELECT count(*) AS n FROM agency_events WHERE type = $1 AND referral_id = $2', [type, referralId]);
  const logged = (kind: string, referralId: string) => count(`SELECT count(*) AS n FROM ledger_entries WHERE kind = $1 AND convert_from(entry, 'UTF8')::jsonb->'detail'->>'referral' = $2`, [kind, referralId]);

  it('does nothing long before a deadline', async () => {
    expect(await sweeper().sweep(minutes(due(ignored, 'received'), -120))).toEqual({ dueSoon: 0, overdue: 0, expired: 0 });
  });

  it('announces an unmet step as due soon to the receiver, once; a step already done is not announced', async () => {
    const received = await post(intake, `/referrals/${answered.id}/status`, { status: 'received', version: answered.version }).expect(200);
    await post(intake, `/referrals/${answered.id}/status`, { status: 'accepted', version: received.body.version }).expect(200);
    expect(await sweeper().sweep(minutes(due(ignored, 'received'), -30))).toEqual({ dueSoon: 1, overdue: 0, expired: 0 });
    expect(await sweeper().sweep(minutes(due(ignored, 'received'), -20))).toEqual({ dueSoon: 0, overdue: 0, expired: 0 });
    expect(await events('referral.due_soon', ignored.id)).toBe(1);
    expect(await events('referral.due_soon', answered.id)).toBe(0);
    expect(await logged('referral_due_soon', ignored.id)).toBe(1);
  });

  it('two sweeps at once after the final deadline: each overdue step once, each referral escalated once, the unanswered one expired once', async () => {
    const at = minutes(due(ignored, 'first_contact'), 1);
    const [first, second] = await Promise.all([sweeper().sweep(at), sweeper().sweep(at)]);
    // The ignored referral: three steps overdue; the answered one: only first contact.
    expect({ overdue: first.overdue + second.overdue, expired: first.expired + second.expired }).toEqual({ overdue: 4, expired: 1 });
    expect(await logged('referral_overdue', ignored.id)).toBe(3);
    expect(await logged('referral_overdue', answered.id)).toBe(1);
    expect(await events('referral.escalated', ignored.id)).toBe(1);
    expect(await events('referral.escalated', answered.id)).toBe(1);
    expect(await events('referral.overdue', ignored.id)).toBe(6); // both sides, three steps
    const expired = await count(`SELECT count(*) AS n FROM referral_status_changes WHERE referral_id = $1 AND to_status = 'cancelled' AND reason = 'expired_no_response' AND side = 'system'`, [ignored.id]);
    expect(expired).toBe(1);
    const { rows } = await owner.query<{ status: string; status_reason: string }>('SELECT status, status_reason FROM referrals WHERE id = ANY($1::uuid[]) ORDER BY id = $2', [[answered.id, ignored.id], ignored.id]);
    expect(rows.map((row) => [row.status, row.status_reason])).toEqual([
      ['accepted', null],
      ['cancelled', 'expired_no_response'],
    ]);
  });

  it('a later sweep (a restart, a retried job) finds nothing left to do', async () => {
    expect(await sweeper().sweep(minutes(due(ignored, 'first_contact'), 600))).toEqual({ dueSoon: 0, overdue: 0, expired: 0 });
    expect(await events('referral.escalated', ignored.id)).toBe(1);
  });
});
