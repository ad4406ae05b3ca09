import { PURPOSE_CODES } from '../../consent/consent.vocabulary';
import { canonicalJson, type DeliveredRecordV1, type SharedWrapV1 } from '../../crypto';
import { REFERRAL_PRIORITIES, REFERRAL_STATUSES } from '../../referrals/referral.vocabulary';
import { CcrApiError, CcrUsageError } from '../errors';
import { apiPath } from '../http/api-path';
import { newUuid } from '../ids';
import type { AreaContext } from './area-context';
import { ReleaseNotUsable } from './area-errors';
import type { ConsentsApi } from './consents-api';
import { checkOpened, factsOf } from './opened-record';
import { allItems, type Page } from './paging';
import { jsonBytes, openedJson, openedText, type TextContent, textBytes } from './plaintext';
import { isConflict } from './problems';
import { statusRefusal } from './referral-errors';
import type { OpenedReferral, OutcomeNote, Referral, ReferralListOptions, ReferralRequest, ReferralStatusChange, SentReferral, StatusMove } from './referral-types';
import { decideUnderRelease } from './release-policy';
import { isoInstant, oneOf, requireUuid } from './validate';

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_.:-]{1,200}$/;

interface ReferralWithContent extends Referral {
  content: DeliveredRecordV1;
  history: ReferralStatusChange[];
}

/**
 * Closed-loop referrals. Sending checks the named release here first (forward exclusion), seals
 * the packet for exactly this agency and the receiver, and sends it under an Idempotency-Key the
 * HTTP core reuses on every retry, so a lost answer never creates a second referral.
 */
export class ReferralsApi {
  constructor(
    private readonly context: AreaContext,
    private readonly consents: ConsentsApi,
  ) {}

  async send(request: ReferralRequest): Promise<SentReferral> {
    const checked = checkRequest(request);
    await this.assertReleaseCovers(checked);
    const content = await this.context.records().seal({
      caseId: checked.fromCaseId,
      category: 'referral',
      body: jsonBytes(request.content, 'the referral content'),
      recipients: [{ agencyId: checked.toAgencyId, consentId: checked.consentId }],
    });
    const { idempotencyKey, ...fields } = checked;
    try {
      const response = await this.context.http.request<Referral>({ method: 'POST', path: '/referrals', json: { ...fields, content }, idempotencyKey });
      return { ...response.body, idempotencyKey, replayed: response.headers.get('idempotent-replayed') === 'true' };
    } catch (error) {
      if (request.idempotencyKey === undefined || !isConflict(error, 'idempotency-key-reused')) throw error;
      // Your key, sent before (e.g. before a restart): the same referral if it holds the same request.
      const earlier = await this.sameAsEarlier(error, request).catch(() => undefined);
      if (!earlier) throw error;
      return { ...earlier, idempotencyKey, replayed: true };
    }
  }

  async page(options: ReferralListOptions & { cursor?: string }): Promise<Page<Referral>> {
    const box = oneOf(options.box, ['in', 'out'] as const, 'box');
    const status = options.status === undefined ? undefined : oneOf(options.status, REFERRAL_STATUSES, 'status');
    const since = options.since === undefined ? undefined : isoInstant(options.since, 'since');
    const query = { box, status, since, cursor: options.cursor, limit: options.limit };
    return (await this.context.http.request<Page<Referral>>({ method: 'GET', path: '/referrals', query })).body;
  }

  /** The inbox (`in`) or outbox (`out`), newest first, page by page as you iterate. */
  list(options: ReferralListOptions): AsyncGenerator<Referral, void, undefined> {
    return allItems((cursor) => this.page({ ...options, cursor }));
  }

  /** Metadata, history and the packet, opened and verified (a logged disclosure). */
  async get(referralId: string): Promise<OpenedReferral> {
    const response = await this.context.http.request<ReferralWithContent>({ method: 'GET', path: apiPath`/referrals/${requireUuid(referralId, 'referralId')}` });
    const { content, ...referral } = response.body;
    const opened = await this.context.records().open(content);
    checkOpened(opened, { category: 'referral', authorAgencyId: referral.fromAgencyId, caseId: referral.yourSide === 'sender' ? referral.caseId : undefined });
    const record = factsOf(opened);
    return { ...referral, record, content: await openedJson(opened.body, response.requestId) };
  }

  /**
   * Moves the referral. Refusals a caller branches on come as ReferralStatusRefused:
   * `illegal_transition`, `version_conflict` (with currentVersion), `wrong_side`.
   */
  async setStatus(referralId: string, move: StatusMove): Promise<Referral> {
    const status = oneOf(move.status, REFERRAL_STATUSES, 'status');
    const version = move.version ?? (await this.metadata(referralId)).version;
    try {
      const body = { status, reason: move.reason, outcome: move.outcome, version };
      return (await this.context.http.request<Referral>({ method: 'POST', path: apiPath`/referrals/${requireUuid(referralId, 'referralId')}/status`, json: body })).body;
    } catch (error) {
      throw statusRefusal(error);
    }
  }

  /**
   * The receiver shares an outcome note back: sealed on its own linked case for itself and the
   * sender under the referral's release (the API refuses it, and logs the refusal, unless the
   * release grants share_content_back).
   */
  async shareOutcome(referralId: string, text: TextContent, options: { version?: number } = {}): Promise<Referral> {
    const referral = await this.metadata(referralId);
    if (referral.yourSide !== 'receiver') throw new CcrUsageError('only the receiving agency shares an outcome note');
    const content = await this.context.records().seal({
      caseId: referral.caseId,
      category: 'outcome',
      body: textBytes(text, 'the outcome note'),
      recipients: [{ agencyId: referral.fromAgencyId, consentId: referral.consentId }],
    });
    const body = { content, version: options.version ?? referral.version };
    return (await this.context.http.request<Referral>({ method: 'POST', path: apiPath`/referrals/${referral.id}/outcome`, json: body })).body;
  }

  /** The outcome note, opened and verified (a logged disclosure). */
  async readOutcome(referralId: string): Promise<OutcomeNote> {
    const path = apiPath`/referrals/${requireUuid(referralId, 'referralId')}/outcome`;
    const response = await this.context.http.request<{ record: DeliveredRecordV1; share: SharedWrapV1 | null }>({ method: 'GET', path });
    const opened = await this.context.records().open(response.body.record, { share: response.body.share ?? undefined });
    checkOpened(opened, { category: 'outcome' });
    const record = factsOf(opened);
    return { record, text: await openedText(opened.body, response.requestId) };
  }

  /** The referral without opening its packet (still a logged read on the server). */
  private async metadata(referralId: string): Promise<Referral> {
    const response = await this.context.http.request<ReferralWithContent>({ method: 'GET', path: apiPath`/referrals/${requireUuid(referralId, 'referralId')}` });
    const { content: _content, history: _history, ...referral } = response.body;
    return referral;
  }

  /** The named release must let this agency refer the case to the receiver for this purpose, now. */
  private async assertReleaseCovers(request: Omit<ReferralRequest, 'content'>): Promise<void> {
    const [consents, agencies] = await Promise.all([this.consents.list(request.fromCaseId), this.context.agencies.list()]);
    for (const consent of consents) await this.consents.verify(consent);
    const releases = { caseId: request.fromCaseId, ownAgencyId: this.context.agencyId, consents, agencies, now: new Date() };
    const wanted = { recipientAgencyId: request.toAgencyId, category: 'referral' as const, action: 'receive_referral' as const, purpose: request.purpose };
    const decision = decideUnderRelease(releases, wanted, request.consentId);
    if (decision.decision === 'deny') {
      throw new ReleaseNotUsable(request.consentId, decision.reason, `release ${request.consentId} does not let this agency refer case ${request.fromCaseId} to agency ${request.toAgencyId} now (${decision.reason})`);
    }
  }

  /** The referral the key was first used for, if it is this very request (same terms and packet). */
  private async sameAsEarlier(error: CcrApiError, request: ReferralRequest): Promise<Referral | undefined> {
    const referralId = error.extensions.referralId;
    if (typeof referralId !== 'string') return undefined;
    const earlier = await this.get(referralId);
    const same =
      earlier.yourSide === 'sender' &&
      earlier.caseId === request.fromCaseId &&
      earlier.toAgencyId === request.toAgencyId &&
      earlier.consentId === request.consentId &&
      earlier.purpose === request.purpose &&
      earlier.priority === request.priority &&
      canonicalJson(earlier.content) === canonicalJson(JSON.parse(JSON.stringify(request.content)));
    if (!same) return undefined;
    const { history: _history, content: _content, record: _record, ...referral } = earlier;
    return referral;
  }
}

function checkRequest(request: ReferralRequest): Omit<ReferralRequest, 'content'> & { idempotencyKey: string } {
  const idempotencyKey = request.idempotencyKey ?? newUuid();
  if (!IDEMPOTENCY_KEY.test(idempotencyKey)) throw new CcrUsageError('idempotencyKey must be 1–200 of A-Z a-z 0-9 _ . : -');
  return {
    fromCaseId: requireUuid(request.fromCaseId, 'fromCaseId'),
    toAgencyId: requireUuid(request.toAgencyId, 'toAgencyId'),
    consentId: requireUuid(request.consentId, 'consentId'),
    purpose: oneOf(request.purpose, PURPOSE_CODES, 'purpose'),
    priority: oneOf(request.priority, REFERRAL_PRIORITIES, 'priority'),
    idempotencyKey,
  };
}
