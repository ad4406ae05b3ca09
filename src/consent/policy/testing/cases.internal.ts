import { INTERNAL, type DecideCase } from './decide-case';
import { ADVOCACY, CASE, POLICE, at, consent, days, request } from './policy-fixtures';

const ownRead = { discloserAgencyId: ADVOCACY, recipientAgencyId: ADVOCACY } as const;

export const internalCases: readonly DecideCase[] = [
  { name: 'internal access needs no consent', request: request(ownRead), expected: INTERNAL },
  {
    name: 'internal access reaches privileged counselling (custodian-only rules stop disclosure, not access)',
    request: request({ ...ownRead, category: 'privileged_counseling' }),
    expected: INTERNAL,
  },
  { name: 'internal access reaches the survivor profile', request: request({ ...ownRead, category: 'profile' }), expected: INTERNAL },
  {
    name: 'internal access reaches the survivor\'s words in a consent',
    request: request({ ...ownRead, category: 'consent_terms' }),
    expected: INTERNAL,
  },
  {
    name: 'internal access ignores a deny provision naming the custodian itself',
    request: request(ownRead),
    consents: [consent({ denyAgencyIds: [ADVOCACY] })],
    expected: INTERNAL,
  },
  {
    name: 'internal access is not affected by a revoked or expired consent',
    request: request(ownRead),
    consents: [consent({ revokedAt: at(-days(1)) }), consent({ id: 'consent-2', validUntil: at(-days(1)) })],
    expected: INTERNAL,
  },
  {
    name: 'internal access for any action (the action only matters once data leaves)',
    request: request({ ...ownRead, action: 'share_content_back', category: 'risk', caseId: CASE }),
    consents: [consent({ recipientAgencyId: POLICE })],
    expected: INTERNAL,
  },
];
