import type { ConfidentialityRegime } from '../../agencies/agency.vocabulary';
import { CONSENT_ACTIONS, RECORD_CATEGORIES } from '../consent.vocabulary';
import {
  COURT_ORDER_ONLY_REGIMES,
  WRITTEN_CONSENT_REGIMES,
  actionCarries,
  requiresCourtOrder,
  requiresWrittenConsent,
} from './regime-rules';

/** Pinned: each entry is a legal decision documented in docs/consent-model.md. */
describe('regime rules', () => {
  it('only a written release discloses VAWA/FVPSA/VOCA, Part 2 and FERPA data', () => {
    expect([...WRITTEN_CONSENT_REGIMES].sort()).toEqual(['ferpa', 'part2', 'vawa_fvpsa_voca']);
  });

  it('only a court order, never a statute, compels VAWA/FVPSA/VOCA and Part 2 data', () => {
    expect([...COURT_ORDER_ONLY_REGIMES].sort()).toEqual(['part2', 'vawa_fvpsa_voca']);
  });

  it('a regime outside the vocabulary gets neither relaxation (bad data fails closed)', () => {
    const unheardOf = 'state_privilege' as ConfidentialityRegime;
    expect([requiresWrittenConsent(unheardOf), requiresCourtOrder(unheardOf)]).toEqual([true, true]);
  });

  it('an inherited property name is not mistaken for a regime', () => {
    const inherited = 'constructor' as ConfidentialityRegime;
    expect([requiresWrittenConsent(inherited), requiresCourtOrder(inherited)]).toEqual([true, true]);
  });

  it('each action carries exactly the categories of the coherence table', () => {
    const carried = Object.fromEntries(
      CONSENT_ACTIONS.map((action) => [action, RECORD_CATEGORIES.filter((category) => actionCarries(action, category))]),
    );
    expect(carried).toEqual({
      receive_referral: ['referral'],
      receive_notes: ['risk', 'safety_plan', 'legal', 'coordination', 'health', 'substance_use', 'children', 'immigration', 'privileged_counseling'],
      share_status_back: ['referral'],
      share_content_back: ['outcome'],
    });
  });

  it('an action outside the vocabulary carries nothing', () => {
    expect(RECORD_CATEGORIES.filter((category) => actionCarries('toString' as never, category))).toEqual([]);
  });
});
