import type { MyKeysAnswer, Referral, ReferralStatusChange, StatusReason } from '../../../src/sdk/browser';
import { apiPath } from '../../../src/sdk/browser-plain';
import { askKeyWorker } from '../workers/key-worker';
import { getBody, getPages, http } from './http';

/** GET /referrals/{id}: the metadata, its history and the sealed packet (still sealed: only the key worker opens it). */
interface ReferralWithContent extends Referral {
  content: unknown;
  history: ReferralStatusChange[];
}

export interface OpenedReferralView {
  referral: Referral;
  history: ReferralStatusChange[];
  /** The packet, opened and verified in the key worker. Held by the screen only, never in a store. */
  content: unknown;
}

/**
 * The referrals API as the console calls it: lists and status moves in the page (no key needed),
 * the packet handed, still sealed, to the key worker with the author agency's key listing.
 */
export const referralsTransport = {
  async box(box: 'in' | 'out'): Promise<Referral[]> {
    return getPages<Referral>('/referrals', { box }, 500);
  },

  /** Opens the agency's keys in the key worker from the person's membership wraps; the epochs opened. */
  async openAgencyKeys(agencyId: string): Promise<number[]> {
    const myKeys = await getBody<MyKeysAnswer>('/people/me/keys');
    const agencyListing = await getBody<unknown>(apiPath`/agencies/${agencyId}/keys`);
    const reply = await askKeyWorker({ type: 'open-agency', agencyId, myKeys, agencyListing });
    if (reply.type !== 'agency-open') throw new Error(reply.type === 'error' ? reply.message : 'your agency keys did not open');
    return reply.epochs;
  },

  async open(referralId: string): Promise<OpenedReferralView> {
    const { content, history, ...referral } = await getBody<ReferralWithContent>(apiPath`/referrals/${referralId}`);
    const authorListing = await getBody<unknown>(apiPath`/agencies/${referral.fromAgencyId}/keys`);
    const reply = await askKeyWorker({ type: 'open-record', record: content, expect: { category: 'referral', authorAgencyId: referral.fromAgencyId }, authorListing });
    if (reply.type !== 'record-opened') throw new Error(reply.type === 'error' ? reply.message : 'the referral did not open');
    return { referral, history, content: reply.content };
  },

  async setStatus(referral: Referral, status: 'accepted' | 'rejected', reason?: StatusReason): Promise<Referral> {
    const path = apiPath`/referrals/${referral.id}/status`;
    return (await http.request<Referral>({ method: 'POST', path, json: { status, reason, version: referral.version } })).body;
  },
};
