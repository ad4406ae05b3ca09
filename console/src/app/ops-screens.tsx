import { type MessageKey } from '../i18n/en';
import { AgreementsScreen } from '../screens/AgreementsScreen';
import { ContributionsScreen } from '../screens/ContributionsScreen';
import { CracksScreen } from '../screens/CracksScreen';
import { MonitoringScreen } from '../screens/MonitoringScreen';
import { MyActionsScreen, TeamChairScreen } from '../screens/TeamScreens';

export type OpsScreenId = 'agreements' | 'team' | 'actions' | 'contributions' | 'monitoring' | 'cracks';

interface OpsEntry {
  id: OpsScreenId;
  label: MessageKey;
}

const MONITORING: OpsEntry[] = [
  { id: 'monitoring', label: 'nav.monitoring' },
  { id: 'cracks', label: 'nav.cracks' },
];
/** Member agencies' people: their agreements, the team they chair, their actions and contributions, and their own agency's figures. */
const MEMBER: OpsEntry[] = [{ id: 'agreements', label: 'nav.agreements' }, { id: 'team', label: 'nav.team' }, { id: 'actions', label: 'nav.actions' }, { id: 'contributions', label: 'nav.contributions' }, ...MONITORING];

/**
 * Who sees which (decision 0143): member agencies' advocates and workers see agreements, the team
 * and actions (the routes admit them only) and their own agency's figures; the coordinating
 * body's auditors see the CCR's figures. The server still decides every request.
 */
export function opsScreensFor(roles: readonly string[]): OpsEntry[] {
  if (roles.includes('advocate') || roles.includes('agency_worker')) return MEMBER;
  return roles.includes('auditor') ? MONITORING : [];
}

export function OpsScreen({ id }: { id: OpsScreenId }) {
  switch (id) {
    case 'agreements':
      return <AgreementsScreen />;
    case 'team':
      return <TeamChairScreen />;
    case 'actions':
      return <MyActionsScreen />;
    case 'contributions':
      return <ContributionsScreen />;
    case 'monitoring':
      return <MonitoringScreen />;
    case 'cracks':
      return <CracksScreen />;
  }
}
