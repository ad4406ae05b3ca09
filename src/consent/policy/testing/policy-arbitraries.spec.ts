import fc from 'fast-check';
import { DENY_REASONS, PERMIT_REASONS } from '../decision-reasons';
import { decide } from '../decide';
import { worldArb } from './policy-arbitraries';

/**
 * The property tests are only as strong as the worlds they see: if the generators never
 * produced a consent permit, "every permit is justified" would hold vacuously. This checks that
 * a fixed-seed sample reaches every permit and deny reason.
 */
describe('policy arbitraries', () => {
  const sample = fc.sample(worldArb, { numRuns: 5000, seed: 42 });
  const reasons = new Set(sample.map((w) => decide(w.request, w.consents, w.mandates, w.agencies, w.now).reason));

  it('reach every permit reason', () => {
    expect(PERMIT_REASONS.filter((reason) => !reasons.has(reason))).toEqual([]);
  });

  it('reach every deny reason', () => {
    expect(DENY_REASONS.filter((reason) => !reasons.has(reason))).toEqual([]);
  });
});
