import { writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Webhook } from 'standardwebhooks';
import { type AgencyEvent, type JsonObject, type Referral } from '../sdk';
import { ccrx } from './ccrx';
import type { Narrator } from './narrator';
import { type AgencyDesk, operator, referralRelease } from './onboarding';
import { policeAdvocacyTerms } from './police-advocacy-terms';

interface AgreementDesks {
  police: AgencyDesk;
  advocacy: AgencyDesk;
}

/** Where the demo's service runs: its URL, its environment (for the operator's commands) and the folder of the keystores. */
export interface DemoService {
  url: string;
  env: Record<string, string>;
  work: string;
}

/** A webhook delivery whose signature the Standard Webhooks library's own verifier accepted. */
interface Delivery {
  type: string;
  referralId?: string;
}

/** Police's records system: a webhook endpoint on loopback that keeps each delivery whose signature verifies, and counts the rest. */
class PoliceSystem {
  readonly verified: Delivery[] = [];
  unverified = 0;
  secret = '';
  private readonly server: Server;

  private constructor() {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        this.accept(Buffer.concat(chunks).toString('utf8'), req.headers);
        res.statusCode = 204;
        res.end();
      });
    });
  }

  static async start(): Promise<PoliceSystem> {
    const system = new PoliceSystem();
    await new Promise<void>((resolve) => system.server.listen(0, '127.0.0.1', resolve));
    return system;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/ccr-events`;
  }

  async until(wanted: (delivery: Delivery) => boolean, timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (!this.verified.some(wanted) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 250));
    return this.verified.some(wanted);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private accept(body: string, headers: IncomingHttpHeaders): void {
    const wanted = Object.fromEntries(['webhook-id', 'webhook-timestamp', 'webhook-signature'].map((name) => [name, String(headers[name])]));
    try {
      const payload = new Webhook(this.secret).verify(body, wanted) as { type: string; data: { referralId?: string } };
      this.verified.push({ type: payload.type, referralId: payload.data.referralId });
    } catch {
      this.unverified += 1;
    }
  }
}

const respondBy = (referral: Referral, step: string): Date => new Date(referral.deadlines.find((each) => each.step === step)?.respondBy ?? NaN);
const finalDeadline = (referral: Referral): Date => new Date(Math.max(...referral.deadlines.map((each) => new Date(each.respondBy).getTime())));
const minuteAfter = (at: Date): string => new Date(at.getTime() + 60_000).toISOString();

/**
 * Issue 21's story: police and advocacy sign a working agreement; one urgent referral is answered in
 * time, one runs overdue, escalates to advocacy's duty supervisor and expires; police's system is
 * told by signed webhooks. The service's clock is never moved: the operator's one-off sweep acts
 * "as of" the deadlines (`npm run admin -- sweep --as-of`, refused in production; decision 0150).
 */
export async function workingAgreement(service: DemoService, s: AgreementDesks, packet: JsonObject, narrator: Narrator): Promise<void> {
  narrator.step(7, 'Police and advocacy sign a working agreement; one referral is answered in time, one runs overdue, escalates and expires');
  const termsFile = join(service.work, 'police-advocacy-terms.json');
  writeFileSync(termsFile, JSON.stringify(policeAdvocacyTerms(s.police.agencyId, s.advocacy.agencyId), null, 2));
  const proposed = await ccrx(service.url, desk(s.police), ['agreement', 'propose', '--terms', termsFile]);
  const agreementId = (proposed.json as { id?: string }).id ?? '';
  const signed = await ccrx(service.url, desk(s.advocacy), ['agreement', 'sign', '--agreement', agreementId, '--version', '1']);
  narrator.expect('the agreement is in force once both agencies signed it with their own keys (ccrx agreement propose, sign)', proposed.code === 0 && signed.code === 0 && (signed.json as { inForceVersion?: number }).inForceVersion === 1);

  const policeSystem = await PoliceSystem.start();
  try {
    policeSystem.secret = (await s.police.client.webhooks.add(policeSystem.url, ['referral.overdue', 'referral.status_changed'])).secret;
    narrator.say(`Police's records system registered a webhook (${policeSystem.url}) for overdue and status-change events.`);

    const answered = await refer(s, packet);
    const ignored = await refer(s, packet);
    narrator.say(`Two urgent referrals carry the agreement's deadlines: received by ${respondBy(ignored, 'received').toISOString()}, first contact by ${respondBy(ignored, 'first_contact').toISOString()}.`);
    narrator.expect('both referrals carry three step deadlines from agreement version 1', [answered, ignored].every((referral) => referral.deadlines.length === 3 && referral.agreement?.id === agreementId));
    for (const status of ['received', 'accepted', 'in_progress'] as const) await s.advocacy.client.referrals.setStatus(answered.id, { status });
    narrator.say('Advocacy receives and accepts the first at once and calls the survivor (in progress); nobody answers the second.');

    const atReceived = JSON.parse(await operator(service.env, ['sweep', '--as-of', minuteAfter(respondBy(ignored, 'received'))])) as { overdue: number };
    narrator.say(`The operator's sweep as of a minute after the "received" deadline (npm run admin -- sweep --as-of …): ${atReceived.overdue} step(s) overdue.`);
    const escalations = await eventsOf(s.advocacy, 'referral.escalated');
    narrator.expect("the unanswered referral is escalated to advocacy's duty supervisor, the answered one is not", escalations.some((event) => event.referralId === ignored.id) && !escalations.some((event) => event.referralId === answered.id));

    const atFinal = JSON.parse(await operator(service.env, ['sweep', '--as-of', minuteAfter(finalDeadline(ignored))])) as { expired: number };
    const [expired, inTime] = [await s.police.client.referrals.get(ignored.id), await s.police.client.referrals.get(answered.id)];
    narrator.say(`The sweep as of a minute after the final deadline: ${atFinal.expired} referral(s) expired.`);
    narrator.expect('the unanswered referral is cancelled by the system: expired_no_response', expired.status === 'cancelled' && expired.statusReason === 'expired_no_response');
    narrator.expect('the referral answered in time stays in progress', inTime.status === 'in_progress');

    const told = await policeSystem.until((delivery) => delivery.type === 'referral.status_changed' && delivery.referralId === ignored.id, 30_000);
    const overdue = policeSystem.verified.some((delivery) => delivery.type === 'referral.overdue' && delivery.referralId === ignored.id);
    narrator.say(`Police's system received ${policeSystem.verified.length} signed webhook(s) (ids and event types only), ${policeSystem.unverified} with a bad signature.`);
    narrator.expect("police's system was told of the overdue and the expiry by webhooks whose signatures verify", told && overdue && policeSystem.unverified === 0);
  } finally {
    await policeSystem.close();
  }
}

function desk(agency: AgencyDesk): { keystorePath: string; passphrase: string; person?: { username: string; password: string } } {
  return { keystorePath: agency.keystorePath, passphrase: agency.passphrase, ...(agency.person ? { person: agency.person } : {}) };
}

/** Police open a case, record her written release to advocacy and refer her, urgently. */
async function refer(s: AgreementDesks, content: JsonObject): Promise<Referral> {
  const policeCase = await s.police.client.cases.open();
  const release = await s.police.client.consents.record(policeCase.id, referralRelease(s.advocacy.agencyId));
  return s.police.client.referrals.send({ fromCaseId: policeCase.id, toAgencyId: s.advocacy.agencyId, consentId: release.id, purpose: 'advocacy_services', priority: 'urgent', content });
}

async function eventsOf(agency: AgencyDesk, type: AgencyEvent['type']): Promise<AgencyEvent[]> {
  const events: AgencyEvent[] = [];
  for await (const event of agency.client.events.feed()) if (event.type === type) events.push(event);
  return events;
}
