import fc from 'fast-check';
import { AGENCY_STATUSES, CONFIDENTIALITY_REGIMES } from '../../../agencies/agency.vocabulary';
import {
  CAPTURE_MODES,
  CONSENT_ACTIONS,
  MANDATE_BASES,
  NOTE_CATEGORIES,
  RECORD_CATEGORIES,
  type ConsentAction,
  type NoteCategory,
  type RecordCategory,
} from '../../consent.vocabulary';
import type { AgencyView, ConsentView, DisclosureRequest, MandateView } from '../policy.types';

/**
 * Small pools on purpose (four agencies, two cases, two purposes, twenty milliseconds of time),
 * and about half the consents and mandates are aimed at the request (its case and parties), so
 * permits, window edges and every kind of failure occur (policy-arbitraries.spec checks it).
 */
export const AGENCY_IDS = ['a1', 'a2', 'a3', 'a4'] as const;
const CASE_IDS = ['k1', 'k2'] as const;
const PURPOSES = ['advocacy_services', 'prosecution_support'] as const;
const BASE = Date.UTC(2025, 0, 1);

export interface World {
  readonly request: DisclosureRequest;
  readonly consents: readonly ConsentView[];
  readonly mandates: readonly MandateView[];
  readonly agencies: ReadonlyMap<string, AgencyView>;
  readonly now: Date;
}

/** The arbitrary once in (1 + weightOfOtherwise) draws, else the fixed value. */
function sometimes<T>(arbitrary: fc.Arbitrary<T>, otherwise: T, weightOfOtherwise = 3): fc.Arbitrary<T> {
  return fc.oneof({ weight: 1, arbitrary }, { weight: weightOfOtherwise, arbitrary: fc.constant(otherwise) });
}

const timeArb = fc.integer({ min: 0, max: 20 }).map((offset) => new Date(BASE + offset));
/** Mostly well-formed windows; a few are empty or inverted, as bad data would be. */
const windowArb = fc
  .tuple(fc.integer({ min: 0, max: 20 }), fc.integer({ min: -2, max: 15 }))
  .map(([start, length]) => ({ validFrom: new Date(BASE + start), validUntil: new Date(BASE + start + length) }));
const agencyIdArb = fc.constantFrom(...AGENCY_IDS);
const caseIdArb = fc.constantFrom(...CASE_IDS);
const denyListArb = sometimes<readonly string[]>(fc.subarray([...AGENCY_IDS], { minLength: 1, maxLength: 2 }), [], 5);

const agencyArb = (id: string): fc.Arbitrary<AgencyView> =>
  fc.record({
    id: fc.constant(id),
    regime: fc.constantFrom(...CONFIDENTIALITY_REGIMES),
    status: fc.constantFrom(...AGENCY_STATUSES).chain((status) => sometimes(fc.constant(status), 'active' as const, 4)),
  });

/** Each agency is a member with probability 19/20. */
const agenciesArb = fc
  .tuple(...AGENCY_IDS.map((id) => fc.option(agencyArb(id), { freq: 20 })))
  .map((entries) => new Map(entries.flatMap((agency) => (agency ? [[agency.id, agency] as const] : []))));

const COHERENT: ReadonlyArray<readonly [ConsentAction, readonly RecordCategory[]]> = [
  ['receive_referral', ['referral']],
  ['receive_notes', NOTE_CATEGORIES],
  ['share_status_back', ['referral']],
  ['share_content_back', ['outcome']],
];

/** Mostly coherent action/category pairs (so later rules are reached), sometimes anything. */
const actionCategoryArb = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .constantFrom(...COHERENT)
      .chain(([action, categories]) => fc.tuple(fc.constant(action), fc.constantFrom(...categories))),
  },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...CONSENT_ACTIONS), fc.constantFrom(...RECORD_CATEGORIES)) },
);

const requestArb = fc
  .record({
    caseId: caseIdArb,
    discloserAgencyId: agencyIdArb,
    recipientAgencyId: agencyIdArb,
    actionCategory: actionCategoryArb,
    purpose: fc.option(fc.constantFrom(...PURPOSES), { freq: 2, nil: undefined }),
  })
  .map(({ actionCategory: [action, category], purpose, ...parties }): DisclosureRequest => ({
    ...parties,
    action,
    category,
    ...(purpose === undefined ? {} : { purpose }),
  }));

type ConsentBody = Omit<ConsentView, 'id'>;
type MandateBody = Omit<MandateView, 'id'>;

function randomConsentArb(): fc.Arbitrary<ConsentBody> {
  return fc
    .record({
      version: fc.integer({ min: 1, max: 3 }),
      caseId: caseIdArb,
      custodianAgencyId: agencyIdArb,
      recipientAgencyId: agencyIdArb,
      categories: fc.subarray([...NOTE_CATEGORIES]),
      actions: fc.subarray([...CONSENT_ACTIONS]),
      purpose: fc.constantFrom(...PURPOSES),
      window: windowArb,
      captureMode: fc.constantFrom(...CAPTURE_MODES),
      denyAgencyIds: denyListArb,
      revokedAt: sometimes<Date | null>(timeArb, null),
      recordedAt: timeArb,
    })
    .map(({ window, ...rest }) => ({ ...rest, ...window }));
}

/** A consent of the request's case between its parties (in the direction its action needs). */
function aimedConsentArb(request: DisclosureRequest): fc.Arbitrary<ConsentBody> {
  const back = request.action === 'share_status_back' || request.action === 'share_content_back';
  const custodianAgencyId = back ? request.recipientAgencyId : request.discloserAgencyId;
  const recipientAgencyId = back ? request.discloserAgencyId : request.recipientAgencyId;
  const covering = <T>(value: T, all: readonly T[]) =>
    fc.oneof(fc.constant([value]), fc.subarray([...all]));
  return fc
    .record({
      body: randomConsentArb(),
      actions: covering(request.action, CONSENT_ACTIONS),
      categories: covering(request.category as NoteCategory, NOTE_CATEGORIES),
      purpose: fc.constantFrom(request.purpose ?? PURPOSES[0], ...PURPOSES),
    })
    .map(({ body, ...scope }) => ({ ...body, ...scope, caseId: request.caseId, custodianAgencyId, recipientAgencyId }));
}

function randomMandateArb(): fc.Arbitrary<MandateBody> {
  return fc.record({
    caseId: caseIdArb,
    custodianAgencyId: agencyIdArb,
    recipientAgencyId: agencyIdArb,
    basis: fc.constantFrom(...MANDATE_BASES),
    categories: fc.subarray([...RECORD_CATEGORIES]),
    validFrom: timeArb,
    validUntil: sometimes<Date | null>(timeArb, null, 1),
    withdrawnAt: sometimes<Date | null>(timeArb, null),
  });
}

function aimedMandateArb(request: DisclosureRequest): fc.Arbitrary<MandateBody> {
  return randomMandateArb().map((body) => ({
    ...body,
    caseId: request.caseId,
    custodianAgencyId: request.discloserAgencyId,
    recipientAgencyId: request.recipientAgencyId,
    categories: [...body.categories, request.category],
  }));
}

/** Ids are unique (as in the database), so a decision's basis names exactly one record. */
function withIds<T>(prefix: string, bodies: readonly T[]): Array<T & { id: string }> {
  return bodies.map((body, index) => ({ id: `${prefix}${index}`, ...body }));
}

export const worldArb: fc.Arbitrary<World> = requestArb.chain((request) =>
  fc.record({
    request: fc.constant(request),
    consents: fc
      .array(fc.oneof(randomConsentArb(), aimedConsentArb(request)), { maxLength: 5 })
      .map((bodies): readonly ConsentView[] => withIds('c', bodies)),
    mandates: fc
      .array(fc.oneof({ weight: 2, arbitrary: randomMandateArb() }, { weight: 1, arbitrary: aimedMandateArb(request) }), { maxLength: 3 })
      .map((bodies): readonly MandateView[] => withIds('m', bodies)),
    agencies: agenciesArb,
    now: timeArb,
  }),
);
