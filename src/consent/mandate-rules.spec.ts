import { type PartyView } from './consent-rules';
import { mandateProblems, type MandateUnderReview, type NotificationUnderReview, notificationProblems } from './mandate-rules';

const NOW = new Date('2026-03-01T12:00:00.000Z');
const HOUR = 60 * 60 * 1000;
const at = (hours: number) => new Date(NOW.getTime() + hours * HOUR);

const party = (id: string, overrides: Partial<PartyView> = {}): [string, PartyView] => [id, { id, regime: 'criminal_justice', status: 'active', coordinatingBody: false, ...overrides }];
const AGENCIES = new Map([party('shelter', { regime: 'vawa_fvpsa_voca' }), party('treatment', { regime: 'part2' }), party('clinic', { regime: 'hipaa' }), party('court'), party('closed', { status: 'suspended' })]);

function mandate(overrides: Partial<MandateUnderReview> = {}): MandateUnderReview {
  return { basis: 'court_order', custodianAgencyId: 'shelter', recipientAgencyId: 'court', categories: ['legal'], validFrom: at(-1), validUntil: null, reviewedAt: at(-2), ...overrides };
}

const pending: NotificationUnderReview = { survivorNotification: 'pending', survivorNotifiedAt: null, notificationReason: null };
const me = { id: 'reviewer', agencyId: 'shelter', kind: 'person', status: 'active' };

function fields(input: MandateUnderReview, reviewer: { requested: boolean; person: typeof me | null } = { requested: false, person: null }): string[] {
  return mandateProblems(input, pending, { now: NOW, agencies: AGENCIES, reviewer }).map((problem) => problem.field);
}

describe('mandateProblems', () => {
  it('accepts a reviewed court order with an open end', () => {
    expect(fields(mandate())).toEqual([]);
  });

  it.each([
    ['vawa_fvpsa_voca', 'shelter'],
    ['part2', 'treatment'],
  ])('refuses a statute for a custodian under %s: only a court order reaches that data', (_regime, custodian) => {
    expect(fields(mandate({ basis: 'statute', custodianAgencyId: custodian }))).toEqual(['basis']);
  });

  it('accepts a statute for a custodian whose regime yields to one', () => {
    expect(fields(mandate({ basis: 'statute', custodianAgencyId: 'clinic' }))).toEqual([]);
  });

  it.each<[string, Partial<MandateUnderReview>, string[]]>([
    ['a custodian-only category', { categories: ['legal', 'consent_terms'] }, ['categories']],
    ['the custodian as recipient', { recipientAgencyId: 'shelter' }, ['recipientAgencyId']],
    ['an unknown recipient', { recipientAgencyId: 'nobody' }, ['recipientAgencyId']],
    ['a suspended recipient', { recipientAgencyId: 'closed' }, ['recipientAgencyId']],
    ['an end before the start', { validUntil: at(-5) }, ['validUntil']],
    ['a review in the future', { reviewedAt: at(1) }, ['reviewedAt']],
  ])('refuses %s', (_name, overrides, expected) => {
    expect(fields(mandate(overrides))).toEqual(expected);
  });

  it.each([
    ['of another agency', { ...me, agencyId: 'court' }],
    ['who is a service account', { ...me, kind: 'service' }],
    ['who is disabled', { ...me, status: 'disabled' }],
    ['who does not exist', null],
  ])('refuses a reviewer %s', (_name, person) => {
    expect(fields(mandate(), { requested: true, person })).toEqual(['reviewedByPrincipalId']);
  });

  it('accepts an active person of the custodian as reviewer', () => {
    expect(fields(mandate(), { requested: true, person: me })).toEqual([]);
  });
});

describe('notificationProblems (X-5)', () => {
  it.each<[string, NotificationUnderReview, string[]]>([
    ['notified, with when', { survivorNotification: 'notified', survivorNotifiedAt: at(-1), notificationReason: null }, []],
    ['notified, without when', { survivorNotification: 'notified', survivorNotifiedAt: null, notificationReason: null }, ['survivorNotifiedAt']],
    ['notified in the future', { survivorNotification: 'notified', survivorNotifiedAt: at(1), notificationReason: null }, ['survivorNotifiedAt']],
    ['notified, with a delay reason', { survivorNotification: 'notified', survivorNotifiedAt: at(-1), notificationReason: 'survivor_unreachable' }, ['notificationReason']],
    ['pending', pending, []],
    ['pending, with when', { survivorNotification: 'pending', survivorNotifiedAt: at(-1), notificationReason: null }, ['survivorNotifiedAt']],
    ['delayed, with why', { survivorNotification: 'delayed', survivorNotifiedAt: null, notificationReason: 'court_ordered_delay' }, []],
    ['delayed, without why', { survivorNotification: 'delayed', survivorNotifiedAt: null, notificationReason: null }, ['notificationReason']],
    ['withheld, without why', { survivorNotification: 'withheld', survivorNotifiedAt: null, notificationReason: null }, ['notificationReason']],
  ])('%s', (_name, notification, expected) => {
    expect(notificationProblems(notification, NOW).map((problem) => problem.field)).toEqual(expected);
  });
});
