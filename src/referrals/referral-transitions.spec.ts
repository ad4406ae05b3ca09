import fc from 'fast-check';
import { allowedMoves, checkTransition, isTerminal, reasonsFor } from './referral-transitions';
import { ALL_STATUS_REASONS, REFERRAL_STATUSES, type ReferralSide, type ReferralStatus, type StatusReason } from './referral.vocabulary';

const SIDES: ReferralSide[] = ['sender', 'receiver', 'system'];

/** The expected table, written out independently of the implementation (R-2 + `received`). */
const EXPECTED: Record<string, ReferralSide[]> = {
  'requested>received': ['receiver'],
  'requested>accepted': ['receiver'],
  'received>accepted': ['receiver'],
  'requested>rejected': ['receiver'],
  'received>rejected': ['receiver'],
  'accepted>in_progress': ['receiver'],
  'on_hold>in_progress': ['receiver'],
  'accepted>on_hold': ['receiver'],
  'in_progress>on_hold': ['receiver'],
  'accepted>completed': ['receiver'],
  'in_progress>completed': ['receiver'],
  'on_hold>completed': ['receiver'],
  'accepted>failed': ['receiver'],
  'in_progress>failed': ['receiver'],
  'on_hold>failed': ['receiver'],
  'requested>cancelled': ['sender', 'receiver', 'system'],
  'received>cancelled': ['sender', 'receiver', 'system'],
  'accepted>cancelled': ['sender', 'receiver', 'system'],
  'in_progress>cancelled': ['sender', 'receiver', 'system'],
  'on_hold>cancelled': ['sender', 'receiver', 'system'],
  ...Object.fromEntries(
    (['requested', 'received', 'accepted', 'in_progress', 'on_hold', 'rejected', 'completed', 'failed', 'cancelled'] as const).map((from) => [`${from}>entered_in_error`, ['sender']]),
  ),
};

function aReasonFor(to: ReferralStatus, side: ReferralSide): StatusReason | null {
  const reasons = reasonsFor(to);
  if (reasons.length === 0) return null;
  const systemOnly = ['consent_revoked', 'consent_expired', 'expired_no_response'];
  return reasons.find((reason) => (side === 'system') === systemOnly.includes(reason)) ?? reasons[0];
}

describe('referral state machine', () => {
  it('allows exactly the expected moves, each for exactly the expected sides', () => {
    for (const from of REFERRAL_STATUSES) {
      for (const to of REFERRAL_STATUSES) {
        for (const side of SIDES) {
          const verdict = checkTransition(from, to, side, aReasonFor(to, side));
          const sides = EXPECTED[`${from}>${to}`];
          const expected = !sides ? 'illegal_transition' : sides.includes(side) ? 'allowed' : 'wrong_side';
          expect({ move: `${from}>${to}`, side, verdict: verdict.allowed ? 'allowed' : verdict.problem }).toEqual({ move: `${from}>${to}`, side, verdict: expected });
        }
      }
    }
    expect(allowedMoves()).toHaveLength(Object.keys(EXPECTED).length);
  });

  it('requires a reason for rejected, cancelled, on-hold, failed and entered-in-error, and refuses one elsewhere', () => {
    expect(checkTransition('requested', 'rejected', 'receiver', null)).toEqual({ allowed: false, problem: 'reason_required' });
    expect(checkTransition('accepted', 'on_hold', 'receiver', null)).toEqual({ allowed: false, problem: 'reason_required' });
    expect(checkTransition('in_progress', 'failed', 'receiver', null)).toEqual({ allowed: false, problem: 'reason_required' });
    expect(checkTransition('requested', 'cancelled', 'sender', null)).toEqual({ allowed: false, problem: 'reason_required' });
    expect(checkTransition('requested', 'accepted', 'receiver', 'no_capacity')).toEqual({ allowed: false, problem: 'reason_not_allowed' });
    expect(checkTransition('requested', 'rejected', 'receiver', 'waitlisted')).toEqual({ allowed: false, problem: 'reason_not_allowed' });
  });

  it('keeps consent-ending reasons for the system, and the system to them', () => {
    expect(checkTransition('accepted', 'cancelled', 'sender', 'consent_revoked')).toEqual({ allowed: false, problem: 'reason_not_allowed' });
    expect(checkTransition('accepted', 'cancelled', 'system', 'consent_revoked')).toEqual({ allowed: true });
    expect(checkTransition('accepted', 'cancelled', 'system', 'survivor_withdrew')).toEqual({ allowed: false, problem: 'reason_not_allowed' });
  });

  it('never leaves a terminal status except to entered-in-error, by the sender', () => {
    fc.assert(
      fc.property(fc.constantFrom(...REFERRAL_STATUSES), fc.constantFrom(...REFERRAL_STATUSES), fc.constantFrom(...SIDES), fc.option(fc.constantFrom(...ALL_STATUS_REASONS), { nil: null }), (from, to, side, reason) => {
        const leavesTerminal = isTerminal(from) && checkTransition(from, to, side, reason).allowed;
        // fast-check reports the (from, to, side, reason) that breaks it.
        expect(!leavesTerminal || (to === 'entered_in_error' && from !== 'entered_in_error' && side === 'sender')).toBe(true);
      }),
    );
  });

  it('never lets the sender move a referral forward', () => {
    expect(REFERRAL_STATUSES.length).toBeGreaterThan(0);
    for (const to of ['received', 'accepted', 'rejected', 'in_progress', 'on_hold', 'completed', 'failed'] as const) {
      for (const from of REFERRAL_STATUSES) {
        expect(checkTransition(from, to, 'sender', aReasonFor(to, 'sender')).allowed).toBe(false);
      }
    }
  });
});
