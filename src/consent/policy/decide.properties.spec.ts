import fc from 'fast-check';
import { decide } from './decide';
import type { ConsentView, Decision, MandateView } from './policy.types';
import { brokenPermitConditions, isActiveConsent, isActiveMandate } from './testing/basis-oracle';
import { AGENCY_IDS, worldArb, type World } from './testing/policy-arbitraries';

const RUNS = { numRuns: 1000 };

function decideIn(world: World): Decision {
  return decide(world.request, world.consents, world.mandates, world.agencies, world.now);
}

const isPermit = (decision: Decision): boolean => decision.decision === 'permit';
const isInternal = (world: World): boolean => world.request.discloserAgencyId === world.request.recipientAgencyId;

describe('decide, properties', () => {
  it('a permit always names a basis that is active at now and covers the request', () => {
    fc.assert(
      fc.property(worldArb, (world) => {
        expect(brokenPermitConditions(world, decideIn(world))).toEqual([]);
      }),
      RUNS,
    );
  });

  it('a permit\'s reason agrees with its basis', () => {
    fc.assert(
      fc.property(worldArb, (world) => {
        const decision = decideIn(world);
        if (decision.decision === 'deny') return;
        const { basis } = decision;
        const mandate = basis.kind === 'mandate' ? world.mandates.find((m) => m.id === basis.mandateId) : undefined;
        const expected =
          basis.kind === 'custodian' ? 'internal_access'
          : basis.kind === 'consent' ? 'survivor_consent'
          : mandate?.basis === 'court_order' ? 'court_order'
          : 'statutory_mandate';
        expect(decision.reason).toBe(expected);
      }),
      RUNS,
    );
  });

  it('revoked consents never permit: revoking every consent leaves no consent basis', () => {
    fc.assert(
      fc.property(worldArb, (world) => {
        const consents = world.consents.map((c) => ({ ...c, revokedAt: c.revokedAt ?? world.now }));
        const decision = decideIn({ ...world, consents });
        expect(decision.decision === 'permit' && decision.basis.kind === 'consent').toBe(false);
      }),
      RUNS,
    );
  });

  it('expired consents never permit: ending every consent at or before now leaves no consent basis', () => {
    fc.assert(
      fc.property(worldArb, fc.integer({ min: 0, max: 5 }), (world, before) => {
        const validUntil = new Date(world.now.getTime() - before);
        const decision = decideIn({ ...world, consents: world.consents.map((c) => ({ ...c, validUntil })) });
        expect(decision.decision === 'permit' && decision.basis.kind === 'consent').toBe(false);
      }),
      RUNS,
    );
  });

  it('without any active consent or mandate, only internal access is permitted', () => {
    fc.assert(
      fc.property(worldArb, (world) => {
        const consents = world.consents.filter((c) => !isActiveConsent(c, world.now));
        const mandates = world.mandates.filter((m) => !isActiveMandate(m, world.now));
        const decision = decideIn({ ...world, consents, mandates });
        expect(isPermit(decision) && !isInternal(world)).toBe(false);
      }),
      RUNS,
    );
  });

  it('adding a deny provision never turns a deny into a permit', () => {
    fc.assert(
      fc.property(worldArb, fc.nat(), fc.constantFrom(...AGENCY_IDS), (world, pick, denied) => {
        fc.pre(world.consents.length > 0 && !isPermit(decideIn(world)));
        const index = pick % world.consents.length;
        const consents = world.consents.map((c, i) => (i === index ? { ...c, denyAgencyIds: [...c.denyAgencyIds, denied] } : c));
        expect(decideIn({ ...world, consents }).decision).toBe('deny');
      }),
      RUNS,
    );
  });

  it('a deny provision against the recipient in any consent of the case denies every disclosure to it', () => {
    fc.assert(
      fc.property(worldArb, fc.nat(), (world, pick) => {
        const ofCase = world.consents.filter((c) => c.caseId === world.request.caseId);
        fc.pre(ofCase.length > 0 && !isInternal(world));
        const target = ofCase[pick % ofCase.length];
        const exclude = (c: ConsentView) => (c === target ? { ...c, denyAgencyIds: [world.request.recipientAgencyId] } : c);
        expect(decideIn({ ...world, consents: world.consents.map(exclude) }).decision).toBe('deny');
      }),
      RUNS,
    );
  });

  it('removing a consent that carries no deny provision never turns a deny into a permit', () => {
    fc.assert(
      fc.property(worldArb, fc.nat(), (world, pick) => {
        fc.pre(world.consents.length > 0 && !isPermit(decideIn(world)));
        const index = pick % world.consents.length;
        fc.pre(world.consents[index].denyAgencyIds.length === 0);
        const consents = world.consents.filter((_, i) => i !== index);
        expect(decideIn({ ...world, consents }).decision).toBe('deny');
      }),
      RUNS,
    );
  });

  it('revoking a consent (deny provisions stay in force) never turns a deny into a permit', () => {
    fc.assert(
      fc.property(worldArb, fc.nat(), (world, pick) => {
        fc.pre(world.consents.length > 0 && !isPermit(decideIn(world)));
        const index = pick % world.consents.length;
        const consents = world.consents.map((c, i) => (i === index ? { ...c, revokedAt: world.now } : c));
        expect(decideIn({ ...world, consents }).decision).toBe('deny');
      }),
      RUNS,
    );
  });

  it('removing a mandate never turns a deny into a permit', () => {
    fc.assert(
      fc.property(worldArb, fc.nat(), (world, pick) => {
        fc.pre(world.mandates.length > 0 && !isPermit(decideIn(world)));
        const index = pick % world.mandates.length;
        expect(decideIn({ ...world, mandates: world.mandates.filter((_, i) => i !== index) }).decision).toBe('deny');
      }),
      RUNS,
    );
  });

  it('unknown or suspended parties are always denied', () => {
    fc.assert(
      fc.property(worldArb, (world) => {
        const parties = [world.request.discloserAgencyId, world.request.recipientAgencyId];
        fc.pre(parties.some((id) => world.agencies.get(id)?.status !== 'active'));
        expect(decideIn(world).decision).toBe('deny');
      }),
      RUNS,
    );
  });

  it('is deterministic and independent of the order of consents and mandates', () => {
    const shuffledWorld = worldArb.chain((world) =>
      fc.record({
        world: fc.constant(world),
        consents: fc.shuffledSubarray([...world.consents], { minLength: world.consents.length }),
        mandates: fc.shuffledSubarray([...world.mandates], { minLength: world.mandates.length }),
      }),
    );
    fc.assert(
      fc.property(shuffledWorld, ({ world, consents, mandates }) => {
        const first = decideIn(world);
        expect(decideIn(world)).toEqual(first);
        expect(decideIn({ ...world, consents, mandates })).toEqual(first);
      }),
      RUNS,
    );
  });

  it('does not mutate its inputs', () => {
    fc.assert(
      fc.property(worldArb, (world) => {
        const frozen = deepFreeze(structuredClone({ request: world.request, consents: world.consents, mandates: world.mandates }));
        const before = structuredClone(frozen);
        decide(frozen.request, frozen.consents, frozen.mandates, world.agencies, world.now);
        expect(frozen).toEqual(before);
      }),
      RUNS,
    );
  });
});

describe('decide, the documented limit of "removing a consent never permits"', () => {
  it('removing the release that holds a deny provision does lift it (why consents are revoked, never deleted)', () => {
    const when = new Date('2025-01-01T00:00:00.000Z');
    const base = {
      version: 1, caseId: 'k1', custodianAgencyId: 'a1', categories: ['risk'], actions: ['receive_notes'],
      purpose: 'advocacy_services', validFrom: when, validUntil: new Date(when.getTime() + 1000),
      captureMode: 'written_signature', revokedAt: null, recordedAt: when,
    } as const;
    const permits: ConsentView = { ...base, id: 'c-permit', recipientAgencyId: 'a2', denyAgencyIds: [] };
    const protects: ConsentView = { ...base, id: 'c-protect', recipientAgencyId: 'a3', denyAgencyIds: ['a2'] };
    const agencies = new Map(['a1', 'a2', 'a3'].map((id) => [id, { id, regime: 'none', status: 'active' } as const]));
    const request = { caseId: 'k1', discloserAgencyId: 'a1', recipientAgencyId: 'a2', category: 'risk', action: 'receive_notes' } as const;
    const noMandates: MandateView[] = [];

    expect(decide(request, [permits, protects], noMandates, agencies, when).decision).toBe('deny');
    expect(decide(request, [permits, { ...protects, revokedAt: when }], noMandates, agencies, when).decision).toBe('deny');
    expect(decide(request, [permits], noMandates, agencies, when).decision).toBe('permit');
  });
});

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}
