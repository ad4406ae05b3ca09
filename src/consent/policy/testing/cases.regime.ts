import { byConsent, byMandate, denied, type DecideCase } from './decide-case';
import { ADVOCACY, CLINIC, POLICE, PROSECUTOR, consent, mandate, request } from './policy-fixtures';

/** A consent that would cover everything it can name, so only the regime rule can deny. */
const broadConsent = consent({
  categories: ['risk', 'legal', 'privileged_counseling', 'children'],
  actions: ['receive_referral', 'receive_notes', 'share_status_back', 'share_content_back'],
});

export const regimeCases: readonly DecideCase[] = [
  {
    name: 'privileged counselling never leaves the custodian, even if a consent lists it',
    request: request({ category: 'privileged_counseling' }),
    consents: [broadConsent],
    expected: denied('custodian_only_category'),
  },
  {
    name: 'privileged counselling never leaves the custodian, even under a court order',
    request: request({ recipientAgencyId: PROSECUTOR, category: 'privileged_counseling' }),
    mandates: [mandate({ categories: ['privileged_counseling'] })],
    expected: denied('custodian_only_category'),
  },
  {
    name: 'the survivor profile never leaves the custodian',
    request: request({ category: 'profile', action: 'receive_referral' }),
    consents: [broadConsent],
    expected: denied('custodian_only_category'),
  },
  {
    name: 'the survivor\'s words in a consent never leave the custodian',
    request: request({ category: 'consent_terms', action: 'receive_referral' }),
    consents: [broadConsent],
    expected: denied('custodian_only_category'),
  },
  {
    name: 'custodian-only is checked before the survivor\'s deny provisions',
    request: request({ category: 'profile' }),
    consents: [consent({ denyAgencyIds: [POLICE] })],
    expected: denied('custodian_only_category'),
  },
  {
    name: 'receive_referral carries only the referral packet, not a note',
    request: request({ action: 'receive_referral', category: 'risk' }),
    consents: [broadConsent],
    expected: denied('action_category_mismatch'),
  },
  {
    name: 'receive_referral carries only the referral packet, not an outcome',
    request: request({ action: 'receive_referral', category: 'outcome' }),
    consents: [broadConsent],
    expected: denied('action_category_mismatch'),
  },
  {
    name: 'receive_referral with the referral packet is permitted (control)',
    request: request({ action: 'receive_referral', category: 'referral' }),
    consents: [broadConsent],
    expected: byConsent(),
  },
  {
    name: 'receive_notes does not carry a referral packet',
    request: request({ action: 'receive_notes', category: 'referral' }),
    consents: [broadConsent],
    expected: denied('action_category_mismatch'),
  },
  {
    name: 'receive_notes does not carry an outcome note',
    request: request({ action: 'receive_notes', category: 'outcome' }),
    consents: [broadConsent],
    expected: denied('action_category_mismatch'),
  },
  {
    name: 'share_status_back carries referral status only, not an outcome',
    request: request({ discloserAgencyId: POLICE, recipientAgencyId: ADVOCACY, action: 'share_status_back', category: 'outcome' }),
    consents: [broadConsent],
    expected: denied('action_category_mismatch'),
  },
  {
    name: 'share_status_back carries referral status only, not a note',
    request: request({ discloserAgencyId: POLICE, recipientAgencyId: ADVOCACY, action: 'share_status_back', category: 'risk' }),
    consents: [broadConsent],
    expected: denied('action_category_mismatch'),
  },
  {
    name: 'share_content_back carries the outcome only, not a note',
    request: request({ discloserAgencyId: POLICE, recipientAgencyId: ADVOCACY, action: 'share_content_back', category: 'risk' }),
    consents: [broadConsent],
    expected: denied('action_category_mismatch'),
  },
  {
    name: 'share_content_back carries the outcome only, not the referral packet',
    request: request({ discloserAgencyId: POLICE, recipientAgencyId: ADVOCACY, action: 'share_content_back', category: 'referral' }),
    consents: [broadConsent],
    expected: denied('action_category_mismatch'),
  },
  {
    name: 'an incoherent action is refused before a court order is consulted',
    request: request({ recipientAgencyId: PROSECUTOR, action: 'receive_referral', category: 'legal' }),
    mandates: [mandate()],
    expected: denied('action_category_mismatch'),
  },
  {
    name: 'a coherent note under the same court order is permitted (control)',
    request: request({ recipientAgencyId: PROSECUTOR, action: 'receive_notes', category: 'legal' }),
    mandates: [mandate()],
    expected: byMandate(),
  },
  {
    name: 'a health note from a HIPAA clinic to the advocacy program rests on the clinic\'s consent',
    request: request({ discloserAgencyId: CLINIC, recipientAgencyId: ADVOCACY, category: 'health' }),
    consents: [consent({ custodianAgencyId: CLINIC, recipientAgencyId: ADVOCACY, categories: ['health'] })],
    expected: byConsent(),
  },
];
