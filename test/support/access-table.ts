import { type Role } from '../../src/principals/principal.vocabulary';

/**
 * Who may call what, written by hand from the documented access model (README, docs/*.md) and
 * kept apart from the @Roles/@Public decorators on purpose: the access matrix compares the real
 * answers with this table, so a role declared wrongly in code fails there. Adding a route means
 * adding it here, with the roles it should admit.
 */
export type Admitted = 'public' | readonly Role[];

const ANYONE_SIGNED_IN: readonly Role[] = ['admin', 'auditor', 'advocate', 'agency_worker', 'service'];
/** People and systems of member agencies: the ones who hold cases, send referrals and share notes. */
const MEMBER_STAFF: readonly Role[] = ['advocate', 'agency_worker', 'service'];

export const ACCESS_TABLE: Readonly<Record<string, Admitted>> = {
  // Platform and authentication
  'GET /health': 'public',
  'GET /health/ready': 'public',
  'POST /oauth/token': 'public',
  'GET /.well-known/jwks.json': 'public',
  'GET /.well-known/oauth-authorization-server': 'public',

  // The CCR directory: administered by the coordinating body, readable by everyone signed in
  'POST /agencies': ['admin'],
  'GET /agencies': ANYONE_SIGNED_IN,
  'GET /agencies/:agencyId': ANYONE_SIGNED_IN,
  'PUT /agencies/:agencyId/status': ['admin'],
  'GET /principals/me': ANYONE_SIGNED_IN,
  'POST /agencies/:agencyId/principals': ['admin'],
  'GET /agencies/:agencyId/principals': ['admin'],
  'PUT /agencies/:agencyId/principals/:principalId/status': ['admin'],
  'POST /agencies/:agencyId/principals/:principalId/credentials': ['admin'],
  'POST /agencies/:agencyId/principals/:principalId/enrolment-code': ['admin'],

  // People sign in with their own secret (README "People"): enrolment and sign-in are public
  // steps (the code, the OPAQUE exchange, the session cookie authenticate them); changing one's
  // secret needs a person's full session.
  'POST /people/enrolment/start': 'public',
  'POST /people/enrolment/finish': 'public',
  'POST /people/session/start': 'public',
  'POST /people/session/finish': 'public',
  'POST /people/session/second-factor': 'public',
  'DELETE /people/session': 'public',
  'POST /people/secret/start': ['advocate', 'agency_worker', 'auditor', 'admin'],
  'POST /people/secret/finish': ['advocate', 'agency_worker', 'auditor', 'admin'],
  // A person's keys are their own; a member (person or system) of the agency adds a member by wraps its client signs.
  'POST /people/me/keys': ['advocate', 'agency_worker', 'auditor', 'admin'],
  'GET /people/me/keys': ['advocate', 'agency_worker', 'auditor', 'admin'],
  'POST /people/me/passkeys/options': ['advocate', 'agency_worker', 'auditor', 'admin'],
  'POST /people/me/passkeys': ['advocate', 'agency_worker', 'auditor', 'admin'],
  'GET /people/me/passkeys': ['advocate', 'agency_worker', 'auditor', 'admin'],
  'PUT /people/me/passkeys/:passkeyId/envelope': ['advocate', 'agency_worker', 'auditor', 'admin'],
  'DELETE /people/me/passkeys/:passkeyId': ['advocate', 'agency_worker', 'auditor', 'admin'],
  'POST /people/session/passkey/options': 'public',
  'POST /people/session/passkey': 'public',
  'POST /people/session/passkey-only/start': 'public',
  'POST /people/session/passkey-only/finish': 'public',
  'GET /agencies/:agencyId/people/:principalId/keys': MEMBER_STAFF,
  'POST /agencies/:agencyId/people/:principalId/wraps': MEMBER_STAFF,
  'DELETE /agencies/:agencyId/people/:principalId/membership': [...MEMBER_STAFF, 'admin'],
  'GET /agencies/:agencyId/members': MEMBER_STAFF,
  'POST /agencies/:agencyId/people/:principalId/recovery': MEMBER_STAFF,
  'POST /agencies/:agencyId/members/rotation': MEMBER_STAFF,

  // Key directory: an agency registers its own keys; anyone signed in may read and pin them
  'POST /agencies/:agencyId/keys': MEMBER_STAFF,
  'GET /agencies/:agencyId/keys': ANYONE_SIGNED_IN,

  // The disclosure log (docs/ledger-format.md §API)
  'GET /ledger/log-key': 'public',
  'GET /ledger/log-keys': 'public',
  'GET /ledger/checkpoint': ANYONE_SIGNED_IN,
  'GET /ledger/checkpoints': ANYONE_SIGNED_IN,
  'POST /ledger/checkpoints': ['admin', 'auditor'],
  'GET /ledger/checkpoints/:size': ANYONE_SIGNED_IN,
  'GET /ledger/entries': ['auditor'],
  'GET /ledger/proofs/inclusion': ANYONE_SIGNED_IN,
  'GET /ledger/proofs/consistency': ANYONE_SIGNED_IN,
  'POST /ledger/witnesses': ['admin'],
  'GET /ledger/witnesses': ANYONE_SIGNED_IN,
  'POST /ledger/cosignatures': ['service'],
  'GET /ledger/audit/entries': ['auditor'],
  'GET /ledger/audit/export': ['auditor'],
  // The coordinating body for the CCR's figures, each member agency for its own (docs/monitoring.md §4).
  'POST /monitoring/reports': ANYONE_SIGNED_IN,
  'GET /monitoring/reports': ANYONE_SIGNED_IN,
  'GET /monitoring/reports/:reportId': ANYONE_SIGNED_IN,
  // The survivor's accounting is printed for her by her advocate
  'GET /cases/:caseId/accounting': ['advocate'],

  // Working agreements between member agencies, signed by each party's key holders
  'POST /agreements': MEMBER_STAFF,
  'GET /agreements': MEMBER_STAFF,
  'GET /agreements/:agreementId': MEMBER_STAFF,
  'POST /agreements/:agreementId/versions': MEMBER_STAFF,
  'POST /agreements/:agreementId/versions/:version/signatures': MEMBER_STAFF,

  // Cases and the survivor profile
  'POST /cases': MEMBER_STAFF,
  'GET /cases': MEMBER_STAFF,
  'GET /cases/:caseId': MEMBER_STAFF,
  'GET /cases/:caseId/profile': MEMBER_STAFF,
  'PUT /cases/:caseId/profile': MEMBER_STAFF,
  'PUT /cases/:caseId/high-risk': MEMBER_STAFF,
  'DELETE /cases/:caseId/high-risk': MEMBER_STAFF,
  'POST /risk-teams': ['advocate', 'agency_worker'],
  'GET /risk-teams': ['advocate', 'agency_worker'],
  'GET /risk-teams/:teamId': ['advocate', 'agency_worker'],
  'POST /risk-teams/:teamId/referrals': ['advocate', 'agency_worker'],
  'GET /risk-teams/:teamId/referrals': ['advocate', 'agency_worker'],
  'GET /risk-team-referrals/:referralId': ['advocate', 'agency_worker'],
  'POST /risk-team-referrals/:referralId/decisions': ['advocate', 'agency_worker'],
  'POST /risk-teams/:teamId/meetings': ['advocate', 'agency_worker'],
  'GET /risk-teams/:teamId/meetings': ['advocate', 'agency_worker'],
  'GET /risk-meetings/:meetingId': ['advocate', 'agency_worker'],
  'POST /risk-meetings/:meetingId/contributions': ['advocate', 'agency_worker'],
  'POST /risk-meetings/:meetingId/minutes': ['advocate', 'agency_worker'],
  'GET /risk-meetings/:meetingId/notes/:noteId': ['advocate', 'agency_worker'],
  'POST /risk-meetings/:meetingId/actions': ['advocate', 'agency_worker'],
  'GET /risk-contributions': ['advocate', 'agency_worker'],
  'GET /risk-actions': ['advocate', 'agency_worker'],
  'PUT /risk-actions/:actionId/status': ['advocate', 'agency_worker'],

  // Consents (releases) and mandates: a mandate (court order, statutory duty) is recorded by a person
  'POST /cases/:caseId/consents': MEMBER_STAFF,
  'GET /cases/:caseId/consents': MEMBER_STAFF,
  'GET /consents/:consentId': MEMBER_STAFF,
  'GET /consents/:consentId/terms-record': MEMBER_STAFF,
  'POST /consents/:consentId/versions': MEMBER_STAFF,
  'POST /consents/:consentId/revocation': MEMBER_STAFF,
  'POST /cases/:caseId/mandates': ['advocate', 'agency_worker'],
  'GET /cases/:caseId/mandates': MEMBER_STAFF,
  'GET /mandates/:mandateId': MEMBER_STAFF,
  'GET /mandates/:mandateId/details': ['advocate', 'agency_worker'],
  'PATCH /mandates/:mandateId': ['advocate', 'agency_worker'],

  // Event feed, referrals, notes and shares
  'GET /events': MEMBER_STAFF,
  'POST /referrals': MEMBER_STAFF,
  'GET /referrals': MEMBER_STAFF,
  'GET /referrals/:referralId': MEMBER_STAFF,
  'POST /referrals/:referralId/status': MEMBER_STAFF,
  'POST /referrals/:referralId/outcome': MEMBER_STAFF,
  'GET /referrals/:referralId/outcome': MEMBER_STAFF,
  'POST /cases/:caseId/notes': MEMBER_STAFF,
  'GET /cases/:caseId/notes': MEMBER_STAFF,
  'GET /notes': MEMBER_STAFF,
  'GET /notes/:noteId': MEMBER_STAFF,
  'POST /notes/:noteId/versions': MEMBER_STAFF,
  'POST /records/:recordId/shares': MEMBER_STAFF,

  // Push delivery to an agency's own systems (issue 21): its integration staff and systems
  'POST /agencies/:agencyId/webhooks': ['agency_worker', 'service'],
  'GET /agencies/:agencyId/webhooks': ['agency_worker', 'service'],
  'DELETE /agencies/:agencyId/webhooks/:webhookId': ['agency_worker', 'service'],
  'POST /agencies/:agencyId/webhooks/:webhookId/secret': ['agency_worker', 'service'],
  'GET /agencies/:agencyId/webhook-deliveries': ['agency_worker', 'service'],
  'POST /agencies/:agencyId/webhook-deliveries': ['agency_worker', 'service'],
};
