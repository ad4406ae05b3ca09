import { Inject, Injectable } from '@nestjs/common';
import { type EntityManager } from 'typeorm';
import { CONFIG } from '../config/config';
import { type AppConfig } from '../config/config.types';
import {
  type EnvelopeLimits,
  type ShareContext,
  type SigningKeyLookup,
  verifyEnvelope,
  type VerifiedRecordV1,
  type VerifiedShareV1,
  verifyShare,
} from '../crypto';
import { EnvelopeRejectedError } from '../records/records.errors';
import { refusingAsProblem } from './envelope-refusals';
import { type Statement } from '../database/statement';
import { KeyDirectoryService } from './key-directory.service';
import { type MemberEpochFacts } from './keys.repository';

/** What the caller already knows the upload must say: its own case, category and agency. */
export interface UploadExpectations {
  caseId?: string;
  category?: string;
  authorAgencyId?: string;
}

export interface ShareExpectations {
  /** The caller's agency: only it may sign the shares it uploads. */
  sharerAgencyId?: string;
}

interface NamedRecipient {
  agencyId: string;
  epoch: number;
  /** Where the entry sits in the upload, for the problem's field name. */
  field: string;
}

/**
 * The server's checks on every uploaded envelope and share (envelope.md §11), beyond what
 * src/crypto checks alone: the signer's key is the signer's CURRENT registered epoch, every
 * recipient is an active member agency sealed to at its current epoch, and the envelope says
 * what the caller expects. Consent coverage of each wrap is the consent module's check.
 *
 * Pass the caller's transaction as `manager`: the key rows it relied on are then share-locked
 * until it commits, so a rotation cannot retire an epoch between this check and the store.
 * Every refusal is an EnvelopeRejectedError (422) with a machine reason; details name ids and
 * fields only, never key material or ciphertext.
 */
@Injectable()
export class EnvelopeVerifier {
  private readonly limits: EnvelopeLimits;

  constructor(
    @Inject(CONFIG) config: AppConfig,
    private readonly directory: KeyDirectoryService,
  ) {
    this.limits = { maxCiphertextBytes: config.envelope.maxCiphertextBytes, maxWraps: config.envelope.maxRecipients };
  }

  /**
   * The key-directory read verifyUpload() needs for this envelope (its signer and every recipient
   * it names), prepared for the caller's pipeline in its transaction; pass the answer to
   * verifyUpload() as `prefetched`.
   */
  directoryReadFor(envelope: unknown): Statement<PrefetchedFacts> {
    const pairs = [...namedSigner(envelope), ...namedWraps(envelope)];
    const read = this.directory.memberEpochFactsStatement(pairs);
    return { ...read, read: (rows, command) => ({ pairs, facts: read.read(rows, command) }) };
  }

  async verifyUpload(envelope: unknown, expected: UploadExpectations = {}, manager?: EntityManager, prefetched?: PrefetchedFacts): Promise<VerifiedRecordV1> {
    // The signer's key is looked up together with every recipient the envelope names: one read.
    const facts = new FactsLoader(this.directory, manager, prefetched);
    const signer = this.currentSigningKey({ mismatch: 'author_mismatch', notCurrent: 'signer_epoch_not_current', field: 'envelope' }, expected.authorAgencyId, (pair) =>
      facts.load([pair, ...namedWraps(envelope)]),
    );
    const verified = await refusingAsProblem('envelope', () => verifyEnvelope(envelope, this.limits, signer));
    checkExpectations(verified, expected);
    const recipients = verified.wraps.map((wrap, index) => ({ agencyId: wrap.agencyId, epoch: wrap.epoch, field: `envelope.wraps[${index}]` }));
    checkRecipients(recipients, await facts.load(recipients));
    return verified;
  }

  /** A wrap added after sealing (envelope.md §6), signed by a manifest recipient at its current epoch. */
  async verifyShareUpload(share: unknown, record: ShareContext, expected: ShareExpectations = {}, manager?: EntityManager): Promise<VerifiedShareV1> {
    const facts = new FactsLoader(this.directory, manager);
    const sharer = this.currentSigningKey({ mismatch: 'sharer_mismatch', notCurrent: 'sharer_epoch_not_current', field: 'share' }, expected.sharerAgencyId, (pair) =>
      facts.load([pair]),
    );
    const verified = await refusingAsProblem('share', () => verifyShare(share, record, sharer));
    const recipient = { agencyId: verified.agencyId, epoch: verified.epoch, field: 'share' };
    checkRecipients([recipient], await facts.load([recipient]));
    return verified;
  }

  /**
   * The signer's registered key, refused unless the signer is the expected agency and the epoch
   * is its current one: a new upload is never signed under a retired key.
   */
  private currentSigningKey(
    reasons: { mismatch: string; notCurrent: string; field: 'envelope' | 'share' },
    expectedAgencyId: string | undefined,
    load: (signer: EpochPair) => Promise<FactsByPair>,
  ): SigningKeyLookup {
    const signerField = reasons.field === 'share' ? 'share.sharer' : 'envelope.author';
    return async (agencyId, epoch) => {
      if (expectedAgencyId !== undefined && agencyId !== expectedAgencyId) {
        throw new EnvelopeRejectedError(reasons.mismatch, `the ${reasons.field} is signed in the name of another agency than the caller's`, `${signerField}AgencyId`);
      }
      const state = (await load({ agencyId, epoch })).get(pairKey({ agencyId, epoch }));
      if (!state?.signPublicKey) return null;
      if (!state.current) {
        const field = reasons.field === 'share' ? 'share.sharerEpoch' : 'envelope.signerEpoch';
        throw new EnvelopeRejectedError(reasons.notCurrent, `key epoch ${epoch} of the signing agency has been rotated out; sign with its current epoch`, field);
      }
      return new Uint8Array(state.signPublicKey);
    };
  }
}

interface EpochPair {
  agencyId: string;
  epoch: number;
}

type FactsByPair = ReadonlyMap<string, MemberEpochFacts>;

/** What directoryReadFor() read: the pairs asked and the facts found. */
export interface PrefetchedFacts {
  pairs: readonly EpochPair[];
  facts: readonly MemberEpochFacts[];
}

const pairKey = (pair: EpochPair) => `${pair.agencyId}/${pair.epoch}`;

/**
 * Reads member facts for the pairs asked, keeping what it read: a later ask for pairs already read
 * costs nothing (the rows it share-locked stay locked until the transaction ends).
 */
class FactsLoader {
  private readonly known = new Map<string, MemberEpochFacts>();
  private readonly asked = new Set<string>();

  constructor(
    private readonly directory: KeyDirectoryService,
    private readonly manager: EntityManager | undefined,
    prefetched?: PrefetchedFacts,
  ) {
    for (const pair of prefetched?.pairs ?? []) this.asked.add(pairKey(pair));
    for (const fact of prefetched?.facts ?? []) this.known.set(pairKey(fact), fact);
  }

  async load(pairs: readonly EpochPair[]): Promise<FactsByPair> {
    const missing = pairs.filter((pair) => !this.asked.has(pairKey(pair)));
    if (missing.length > 0) {
      for (const fact of await this.directory.memberEpochFacts(missing, this.manager, true)) this.known.set(pairKey(fact), fact);
      for (const pair of missing) this.asked.add(pairKey(pair));
    }
    return this.known;
  }
}

/** The signer an envelope names, read leniently: verification checks it. */
function namedSigner(envelope: unknown): EpochPair[] {
  const { authorAgencyId, signerEpoch } = (envelope ?? {}) as { authorAgencyId?: unknown; signerEpoch?: unknown };
  return typeof authorAgencyId === 'string' && typeof signerEpoch === 'number' ? [{ agencyId: authorAgencyId, epoch: signerEpoch }] : [];
}

/** The (agency, epoch) pairs an envelope's wraps name, read leniently: verification checks them. */
function namedWraps(envelope: unknown): EpochPair[] {
  const wraps = (envelope as { wraps?: unknown } | null)?.wraps;
  if (!Array.isArray(wraps)) return [];
  return wraps.flatMap((wrap: unknown) => {
    const { agencyId, epoch } = (wrap ?? {}) as { agencyId?: unknown; epoch?: unknown };
    return typeof agencyId === 'string' && typeof epoch === 'number' ? [{ agencyId, epoch }] : [];
  });
}

/** Every recipient is an active member agency, sealed to at its current key epoch. */
function checkRecipients(recipients: readonly NamedRecipient[], facts: FactsByPair): void {
  for (const recipient of recipients) {
    const fact = facts.get(pairKey(recipient));
    const at = `${recipient.field}.agencyId`;
    if (!fact) throw new EnvelopeRejectedError('unknown_recipient_agency', `recipient agency ${recipient.agencyId} is not in the CCR directory`, at);
    if (fact.coordinatingBody) throw new EnvelopeRejectedError('recipient_not_member_agency', 'the coordinating body never receives survivor data', at);
    if (fact.agencyStatus !== 'active') throw new EnvelopeRejectedError('recipient_agency_suspended', `recipient agency ${recipient.agencyId} is suspended`, at);
    if (!fact.signPublicKey) {
      throw new EnvelopeRejectedError('unknown_recipient_epoch', `agency ${recipient.agencyId} has no registered key epoch ${recipient.epoch}`, `${recipient.field}.epoch`);
    }
    if (!fact.current) {
      throw new EnvelopeRejectedError(
        'epoch_not_current',
        `key epoch ${recipient.epoch} of agency ${recipient.agencyId} has been rotated out; seal to its current epoch`,
        `${recipient.field}.epoch`,
      );
    }
  }
}

function checkExpectations(record: VerifiedRecordV1, expected: UploadExpectations): void {
  if (expected.caseId !== undefined && record.caseId !== expected.caseId) {
    throw new EnvelopeRejectedError('case_mismatch', 'the envelope is sealed for another case than the one it is posted to', 'envelope.caseId');
  }
  if (expected.category !== undefined && record.category !== expected.category) {
    throw new EnvelopeRejectedError('category_mismatch', 'the envelope is sealed under another category than the request states', 'envelope.category');
  }
}
