import { EnvelopeError, type EnvelopeErrorCode } from './errors';
import type { RecipientEntry, RecordMetadata } from './envelope-types';
import { isCategory, isEpoch, isIsoUtcMillis, isUuid } from './identifiers';

/** Rules shared by sealing (refuse to produce) and parsing (refuse to accept). */

export function fail(code: EnvelopeErrorCode, message: string): never {
  throw new EnvelopeError(code, message);
}

export function checkMetadata(metadata: RecordMetadata): void {
  if (!isUuid(metadata.recordId)) fail('malformed', 'recordId must be a lowercase UUID');
  if (!isUuid(metadata.caseId)) fail('malformed', 'caseId must be a lowercase UUID');
  if (!isCategory(metadata.category)) fail('malformed', 'category must match [a-z0-9][a-z0-9_.:-]{0,63}');
  if (!isUuid(metadata.authorAgencyId)) fail('malformed', 'authorAgencyId must be a lowercase UUID');
  if (!isIsoUtcMillis(metadata.createdAt)) fail('malformed', 'createdAt must be ISO-8601 UTC with milliseconds');
  if (metadata.supersedes !== null && !isUuid(metadata.supersedes)) {
    fail('malformed', 'supersedes must be null or a lowercase UUID');
  }
  if (metadata.supersedes === metadata.recordId) fail('malformed', 'a record cannot supersede itself');
}

export function checkRecipientEntry(entry: RecipientEntry, position: number): void {
  if (!isUuid(entry.agencyId)) fail('malformed', `wraps[${position}].agencyId must be a lowercase UUID`);
  if (!isEpoch(entry.epoch)) fail('malformed', `wraps[${position}].epoch must be an integer >= 1`);
  if (entry.consentId !== null && !isUuid(entry.consentId)) {
    fail('malformed', `wraps[${position}].consentId must be null or a lowercase UUID`);
  }
}

/** Code-unit order of agency ids: the canonical order of wraps. */
export function byAgencyId(a: { agencyId: string }, b: { agencyId: string }): number {
  if (a.agencyId === b.agencyId) return 0;
  return a.agencyId < b.agencyId ? -1 : 1;
}

/**
 * Canonical order (agencyId ascending, by code unit: for lowercase UUIDs that is byte order)
 * makes one recipient set have one encoding and turns duplicate detection into a neighbour check.
 */
export function checkCanonicalOrder(entries: readonly RecipientEntry[]): void {
  for (let i = 1; i < entries.length; i++) {
    const previous = entries[i - 1].agencyId;
    const current = entries[i].agencyId;
    if (current === previous) fail('duplicate_recipient', `wraps[${i}] repeats the agency of wraps[${i - 1}]`);
    if (current < previous) fail('wraps_not_canonical', `wraps[${i}] is out of agencyId order`);
  }
}

/** The author always reads its own record (a sealed box cannot be reopened by its sender). */
export function checkAuthorAndConsents(entries: readonly RecipientEntry[], authorAgencyId: string): void {
  const author = entries.find((entry) => entry.agencyId === authorAgencyId);
  if (!author) fail('author_not_recipient', "the author's own agency is not among the recipients");
  if (author.consentId !== null) fail('consent_binding_invalid', "the author's wrap must have consentId null");
  const unconsented = entries.findIndex((entry) => entry.agencyId !== authorAgencyId && entry.consentId === null);
  if (unconsented >= 0) fail('consent_binding_invalid', `wraps[${unconsented}] is for another agency but names no consent`);
}

export function checkRecipientSet(entries: readonly RecipientEntry[], authorAgencyId: string): void {
  entries.forEach(checkRecipientEntry);
  checkCanonicalOrder(entries);
  checkAuthorAndConsents(entries, authorAgencyId);
}
