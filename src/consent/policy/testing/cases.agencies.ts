import { INTERNAL, byMandate, denied, type DecideCase } from './decide-case';
import { ADVOCACY, AGENCIES, POLICE, SUSPENDED, UNKNOWN, consent, mandate, request } from './policy-fixtures';

const suspendedPolice = AGENCIES.map((agency) => (agency.id === POLICE ? { ...agency, status: 'suspended' as const } : agency));

export const agencyCases: readonly DecideCase[] = [
  {
    name: 'unknown discloser is denied even with a consent naming it',
    request: request({ discloserAgencyId: UNKNOWN }),
    consents: [consent({ custodianAgencyId: UNKNOWN })],
    expected: denied('unknown_discloser'),
  },
  {
    name: 'unknown recipient is denied even with a consent naming it',
    request: request({ recipientAgencyId: UNKNOWN }),
    consents: [consent({ recipientAgencyId: UNKNOWN })],
    expected: denied('unknown_recipient'),
  },
  {
    name: 'unknown discloser is reported before an unknown recipient',
    request: request({ discloserAgencyId: UNKNOWN, recipientAgencyId: 'agency-also-unknown' }),
    expected: denied('unknown_discloser'),
  },
  {
    name: 'an unknown recipient is reported before a suspended discloser',
    request: request({ discloserAgencyId: SUSPENDED, recipientAgencyId: UNKNOWN }),
    expected: denied('unknown_recipient'),
  },
  {
    name: 'suspended discloser gets nothing sent, even with a valid consent',
    request: request({ discloserAgencyId: SUSPENDED }),
    consents: [consent({ custodianAgencyId: SUSPENDED })],
    expected: denied('discloser_suspended'),
  },
  {
    name: 'suspended recipient gets nothing, even with a valid consent',
    request: request({ recipientAgencyId: SUSPENDED }),
    consents: [consent({ recipientAgencyId: SUSPENDED })],
    expected: denied('recipient_suspended'),
  },
  {
    name: 'suspended recipient gets nothing, even under a court order',
    request: request({ recipientAgencyId: POLICE, category: 'legal' }),
    mandates: [mandate({ recipientAgencyId: POLICE })],
    agencies: suspendedPolice,
    expected: denied('recipient_suspended'),
  },
  {
    name: 'the same court order permits while the recipient is active (control for the row above)',
    request: request({ recipientAgencyId: POLICE, category: 'legal' }),
    mandates: [mandate({ recipientAgencyId: POLICE })],
    expected: byMandate(),
  },
  {
    name: 'a suspended agency is refused even its own records (rule 1 before internal access)',
    request: request({ discloserAgencyId: SUSPENDED, recipientAgencyId: SUSPENDED }),
    expected: denied('discloser_suspended'),
  },
  {
    name: 'an unknown agency reading "its own" record is refused (rule 1 before internal access)',
    request: request({ discloserAgencyId: UNKNOWN, recipientAgencyId: UNKNOWN }),
    expected: denied('unknown_discloser'),
  },
  {
    name: 'an active custodian reading its own record is internal access (control)',
    request: request({ recipientAgencyId: ADVOCACY }),
    expected: INTERNAL,
  },
];
