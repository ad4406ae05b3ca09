import { RolesAndSchema1763700000000 } from './1763700000000-RolesAndSchema';
import { AgenciesAndPrincipals1795241174661 } from './1795241174661-AgenciesAndPrincipals';
import { CasesConsentRecordsLedger1795241945059 } from './1795241945059-CasesConsentRecordsLedger';
import { LedgerAndDisclosureFunctions1795242000000 } from './1795242000000-LedgerAndDisclosureFunctions';
import { AgencyKeys1795242339386 } from './1795242339386-AgencyKeys';
import { AgencyKeysHistory1795242339387 } from './1795242339387-AgencyKeysHistory';
import { CaseProfileRevocationSignatureMandateWithdrawal1795242400000 } from './1795242400000-CaseProfileRevocationSignatureMandateWithdrawal';
import { ReferralsNotesEvents1795244452727 } from './1795244452727-ReferralsNotesEvents';
import { BenchBaseline1795246000000 } from './1795246000000-BenchBaseline';
import { BatchedLogWrites1795248000000 } from './1795248000000-BatchedLogWrites';
import { LedgerAdvisoryLock1795250000000 } from './1795250000000-LedgerAdvisoryLock';
import { LedgerSequencer1795252000000 } from './1795252000000-LedgerSequencer';
import { EventsSequencedByTheLog1795254000000 } from './1795254000000-EventsSequencedByTheLog';
import { DisclosurePurposeFromBasis1795262000000 } from './1795262000000-DisclosurePurposeFromBasis';
import { WorkingAgreements1795270000000 } from './1795270000000-WorkingAgreements';
import { ReferralDeadlines1795271000000 } from './1795271000000-ReferralDeadlines';
import { PersonSignIn1795272000000 } from './1795272000000-PersonSignIn';
import { PersonKeys1795273000000 } from './1795273000000-PersonKeys';
import { CaseHighRiskFlag1795274000000 } from './1795274000000-CaseHighRiskFlag';
import { RiskTeams1795275000000 } from './1795275000000-RiskTeams';
import { RiskTeamCases1795280000000 } from './1795280000000-RiskTeamCases';
import { MembershipRemovals1795276000000 } from './1795276000000-MembershipRemovals';
import { PersonPasskeys1795277000000 } from './1795277000000-PersonPasskeys';
import { Scheduler1795279000000 } from './1795279000000-Scheduler';
import { Webhooks1795279100000 } from './1795279100000-Webhooks';
import { MonitoringReports1795281000000 } from './1795281000000-MonitoringReports';
import { MeetingNotesByAuthor1795285000000 } from './1795285000000-MeetingNotesByAuthor';
import { IntegrationWaitsShared1795287000000 } from './1795287000000-IntegrationWaitsShared';
import { LedgerTryIntegrate1795289000000 } from './1795289000000-LedgerTryIntegrate';

/** Applied in this order. Never edit a migration that has shipped; add a new one. */
export const MIGRATIONS = [
  RolesAndSchema1763700000000,
  AgenciesAndPrincipals1795241174661,
  CasesConsentRecordsLedger1795241945059,
  LedgerAndDisclosureFunctions1795242000000,
  AgencyKeys1795242339386,
  AgencyKeysHistory1795242339387,
  CaseProfileRevocationSignatureMandateWithdrawal1795242400000,
  ReferralsNotesEvents1795244452727,
  BenchBaseline1795246000000,
  BatchedLogWrites1795248000000,
  LedgerAdvisoryLock1795250000000,
  LedgerSequencer1795252000000,
  EventsSequencedByTheLog1795254000000,
  DisclosurePurposeFromBasis1795262000000,
  WorkingAgreements1795270000000,
  ReferralDeadlines1795271000000,
  PersonSignIn1795272000000,
  PersonKeys1795273000000,
  CaseHighRiskFlag1795274000000,
  RiskTeams1795275000000,
  MembershipRemovals1795276000000,
  PersonPasskeys1795277000000,
  Scheduler1795279000000,
  Webhooks1795279100000,
  RiskTeamCases1795280000000,
  MonitoringReports1795281000000,
  MeetingNotesByAuthor1795285000000,
  IntegrationWaitsShared1795287000000,
  LedgerTryIntegrate1795289000000,
];
