import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { JobScheduler } from '../../src/scheduler/job-scheduler';
import { DEADLINE_SWEEP_QUEUE } from '../../src/scheduler/scheduler.queues';
import { agreementSignature, policeAdvocacyTerms, sendPoliceReferral, type SentReferral } from '../support/agreements';
import { startTestApp, type TestApp } from '../support/app';
import { type Actor, TestCcr } from '../support/ccr';
import { eventually } from '../support/eventually';
import { registerAgencyKeys } from '../support/sealing';

/**
 * The scheduler (pg-boss, decision 0118) with two API processes on one database: the deadline
 * sweep runs on its own (no test calls sweep()), and each overdue referral is escalated once and
 * expired once however many processes poll for the job.
 */
describe('scheduler (issue 21): two API processes, one sweep', () => {
  let setup: TestApp;
  let processes: TestApp[] = [];
  let owner: Client;
  let intake: Actor;
  let answered: SentReferral;
  let ignored: SentReferral[];

  beforeAll(async () => {
    setup = await startTestApp();
    owner = new Client({ connectionString: setup.database.url });
    await owner.connect();
    const ccr = new TestCcr(setup);
    const officer = await ccr.service(await ccr.agency('law_enforcement', 'criminal_justice'));
    intake = await ccr.service(await ccr.agency('advocacy', 'vawa_fvpsa_voca'));
    const police = await registerAgencyKeys(setup, officer);
    const advocacy = await registerAgencyKeys(setup, intake);
    const agreementId = randomUUID();
    const terms = policeAdvocacyTerms(officer.agencyId, intake.agencyId);
    const post = (actor: Actor, path: string, body: object) => setup.http().post(path).set('Authorization', actor.bearer).send(body);
    await post(officer, '/agreements', { agreementId, terms, ...(await agreementSignature(police, agreementId, 1, terms)) }).expect(201);
    await post(intake, `/agreements/${agreementId}/versions/1/signatures`, await agreementSignature(advocacy, agreementId, 1, terms)).expect(201);
    answered = await sendPoliceReferral(setup, officer, police, advocacy);
    ignored = [await sendPoliceReferral(setup, officer, police, advocacy), await sendPoliceReferral(setup, officer, police, advocacy)];
    const received = await post(intake, `/referrals/${answered.id}/status`, { status: 'received', version: answered.version }).expect(200);
    await post(intake, `/referrals/${answered.id}/status`, { status: 'accepted', version: received.body.version }).expect(200);
    // Every deadline ran out a month ago, while nothing swept (the scheduler is off in tests).
    await owner.query(`UPDATE referral_deadlines SET respond_by = respond_by - interval '30 days'`);
  });
  afterAll(async () => {
    for (const each of processes) await each.close();
    await owner.end();
    await setup.close();
  });

  async function count(sql: string, values: unknown[]): Promise<number> {
    const { rows } = await owner.query<{ n: string }>(sql, values);
    return Number(rows[0].n);
  }
  const events = (type: string, referralId: string) => count('SELECT count(*) AS n FROM agency_events WHERE type = $1 AND referral_id = $2', [type, referralId]);
  const expiries = (referralId: string) =>
    count(`SELECT count(*) AS n FROM referral_status_changes WHERE referral_id = $1 AND reason = 'expired_no_response' AND side = 'system'`, [referralId]);
  const sweepJobs = (state: string) => count(`SELECT count(*) AS n FROM pgboss.job WHERE name = $1 AND state = $2`, [DEADLINE_SWEEP_QUEUE, state]);

  it('is off in tests unless turned on: nothing swept a deadline that ran out', async () => {
    expect(setup.app.get(JobScheduler).running).toBe(false);
    expect(await events('referral.escalated', ignored[0].id)).toBe(0);
    expect(await count('SELECT count(*) AS n FROM pgboss.job', [])).toBe(0);
  });

  it('two processes with the scheduler on: each overdue referral is escalated once and expired once', async () => {
    const env = { SCHEDULER_ENABLED: 'true', SCHEDULER_POLLING_SECONDS: '1' };
    processes = await Promise.all([startTestApp({ database: setup.database, env }), startTestApp({ database: setup.database, env })]);
    expect(processes.map((each) => each.app.get(JobScheduler).running)).toEqual([true, true]);
    await eventually('both ignored referrals expired', async () => (await expiries(ignored[0].id)) + (await expiries(ignored[1].id)) === 2);
    // Both processes ask for more sweeps; they run, one at a time, and find nothing left to do.
    for (const each of processes) await each.app.get(JobScheduler).send(DEADLINE_SWEEP_QUEUE, { singletonKey: 'sweep' });
    await eventually('every sweep job done', async () => (await sweepJobs('created')) + (await sweepJobs('active')) + (await sweepJobs('retry')) === 0);
    expect(await sweepJobs('completed')).toBeGreaterThanOrEqual(2);
    const outcomes = [];
    for (const referral of ignored) outcomes.push([await expiries(referral.id), await events('referral.escalated', referral.id), await events('referral.overdue', referral.id)]);
    // Each: expired once, escalated once, overdue on both sides for three steps.
    expect(outcomes).toEqual([
      [1, 1, 6],
      [1, 1, 6],
    ]);
    expect(await expiries(answered.id)).toBe(0);
    expect(await events('referral.escalated', answered.id)).toBe(1);
    const { rows } = await owner.query<{ status: string }>('SELECT status FROM referrals WHERE id = $1', [answered.id]);
    expect(rows[0].status).toBe('accepted');
    // The cron schedule is kept in the database, once, whichever process wrote it.
    expect(await count('SELECT count(*) AS n FROM pgboss.schedule WHERE name = $1', [DEADLINE_SWEEP_QUEUE])).toBe(1);
  });

  it('stops with the application', async () => {
    const [first, second] = processes;
    processes = [second];
    await first.close();
    expect(first.app.get(JobScheduler).running).toBe(false);
  });
});
