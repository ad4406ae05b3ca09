import { AgencyEntity } from '../agencies/agency.entity';
import { AgreementEntity, AgreementSignatureEntity, AgreementVersionEntity } from '../agreements/entities/agreement.entity';
import { ClientAssertionJtiEntity, TokenFailureEntity } from '../auth/auth.entities';
import { AgencyKeyEntity } from '../keys/entities/agency-key.entity';
import { BenchBaselineRowEntity } from '../bench-baseline/bench-baseline.entity';
import { CaseEntity } from '../cases/case.entity';
import { ConsentVersionEntity } from '../consent/entities/consent-version.entity';
import { ConsentEntity } from '../consent/entities/consent.entity';
import { MonitoringReportEntity } from '../monitoring/entities/monitoring-report.entity';
import { MandateEntity } from '../consent/entities/mandate.entity';
import { LedgerEntryEntity } from '../ledger/entities/ledger-entry.entity';
import { LedgerQueueEntity } from '../ledger/entities/ledger-queue.entity';
import {
  LedgerCheckpointEntity,
  LedgerCosignatureEntity,
  LedgerNodeEntity,
  LedgerStateEntity,
  LedgerWitnessEntity,
} from '../ledger/entities/ledger-tree.entities';
import { AgencyEventEntity } from '../events/agency-event.entity';
import { NoteEntity, NoteVersionEntity } from '../notes/entities/note.entity';
import { EnrolmentCodeEntity } from '../people/entities/enrolment-code.entity';
import { LoginAttemptEntity } from '../people/entities/login-attempt.entity';
import { MembershipRemovalEntity } from '../people/entities/membership-removal.entity';
import { MembershipWrapEntity } from '../people/entities/membership-wrap.entity';
import { PersonKeyEntity } from '../people/entities/person-key.entity';
import { PersonLoginEntity } from '../people/entities/person-login.entity';
import { PersonSessionEntity } from '../people/entities/person-session.entity';
import { PasskeyChallengeEntity } from '../people/passkeys/entities/passkey-challenge.entity';
import { PersonPasskeyEntity } from '../people/passkeys/entities/person-passkey.entity';
import { PrincipalEntity } from '../principals/principal.entity';
import { ReferralStatusChangeEntity } from '../referrals/entities/referral-status-change.entity';
import { ReferralEntity } from '../referrals/entities/referral.entity';
import { ReferralDeadlineEntity } from '../referrals/entities/referral-deadline.entity';
import { RecordRecipientEntity } from '../records/entities/record-recipient.entity';
import { RecordWrapEntity } from '../records/entities/record-wrap.entity';
import { RecordEntity } from '../records/entities/record.entity';
import { RiskTeamEntity, RiskTeamMemberEntity } from '../risk/team/entities/risk-team.entity';
import { WebhookDeliveryEntity, WebhookEndpointEntity } from '../webhooks/entities/webhook.entities';
import { TeamDecisionEntity, TeamReferralEntity } from '../risk/team/entities/team-referral.entity';
import { RiskActionEntity, RiskMeetingEntity, RiskMeetingItemEntity, RiskMeetingNoteEntity } from '../risk/meetings/entities/meeting.entity';

/**
 * Every TypeORM entity of the service, listed explicitly so migrations, the schema-drift test and
 * the runtime agree on one set.
 */
export const ENTITIES: (new () => object)[] = [
  RiskTeamEntity,
  RiskTeamMemberEntity,
  AgencyEntity,
  PrincipalEntity,
  ClientAssertionJtiEntity,
  TokenFailureEntity,
  AgencyKeyEntity,
  CaseEntity,
  ConsentEntity,
  ConsentVersionEntity,
  MandateEntity,
  RecordEntity,
  RecordRecipientEntity,
  RecordWrapEntity,
  LedgerEntryEntity,
  LedgerQueueEntity,
  LedgerNodeEntity,
  LedgerStateEntity,
  LedgerCheckpointEntity,
  LedgerCosignatureEntity,
  LedgerWitnessEntity,
  ReferralEntity,
  ReferralStatusChangeEntity,
  NoteEntity,
  NoteVersionEntity,
  AgencyEventEntity,
  BenchBaselineRowEntity,
  PersonLoginEntity,
  EnrolmentCodeEntity,
  PersonSessionEntity,
  LoginAttemptEntity,
  AgreementEntity,
  AgreementVersionEntity,
  AgreementSignatureEntity,
  ReferralDeadlineEntity,
  PersonKeyEntity,
  PersonPasskeyEntity,
  PasskeyChallengeEntity,
  MembershipWrapEntity,
  MembershipRemovalEntity,
  WebhookEndpointEntity,
  WebhookDeliveryEntity,
  TeamReferralEntity,
  TeamDecisionEntity,
  RiskMeetingEntity,
  RiskMeetingItemEntity,
  RiskMeetingNoteEntity,
  RiskActionEntity,
  MonitoringReportEntity,
];
