import { SetMetadata } from '@nestjs/common';
import { type EntityManager } from 'typeorm';
import { type CallerContext } from '../auth/caller-context';
import { type RevocationChannel } from './consent.vocabulary';

/**
 * The revocation hook. Modules that hold something a consent justified (open referrals, the
 * recipient's change feed) take part in the cascade without the consent module depending on
 * them: mark a provider with `@RevocationParticipantProvider()` and implement
 * `RevocationParticipant`. REVOCATION_PARTICIPANTS is the metadata key the consent module
 * discovers them by, once the application has started.
 */
export const REVOCATION_PARTICIPANTS = 'ccr:revocation-participants';

/** The consent as revoked, inside the revoking transaction. Ids and codes only. */
export interface RevokedConsent {
  id: string;
  caseId: string;
  custodianAgencyId: string;
  recipientAgencyId: string;
  /** The version in force when it was revoked. */
  version: number;
  revokedAt: Date;
  channel: RevocationChannel;
}

/** One thing a participant did, reported to the advocate in the revocation's response. */
export interface RevocationEffect {
  /** Stable snake_case code, e.g. `referral_cancelled`, `recipient_notified`. */
  kind: string;
  /** Ids of what the effect touched (referrals, events...). Never survivor data. */
  ids: string[];
  /** One plain sentence for the advocate, without survivor data. */
  summary: string;
}

export interface RevocationParticipant {
  /**
   * Runs inside the revocation's transaction (`manager`, READ COMMITTED), after the consent row is
   * marked revoked and its wraps are deleted, before the `consent_revoked` log entry. Use only
   * `manager`; write your own log entries with LedgerWriter.record(manager, ...). Throwing rolls
   * the whole revocation back (nothing is half-done), so throw only for a real failure.
   */
  onConsentRevoked(manager: EntityManager, caller: CallerContext, consent: RevokedConsent): Promise<RevocationEffect[]>;
}

/** Marks a provider as a revocation participant (see REVOCATION_PARTICIPANTS). */
export const RevocationParticipantProvider = (): ClassDecorator => SetMetadata(REVOCATION_PARTICIPANTS, true);
