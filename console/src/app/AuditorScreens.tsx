import { coordScreens } from '../api/coord-rules';
import { type MessageKey } from '../i18n/en';
import { useT } from '../i18n/i18n';
import { CasesScreen } from '../screens/CasesScreen';
import { CheckpointsScreen } from '../screens/CheckpointsScreen';
import { ChangeSecretScreen } from '../screens/ChangeSecretScreen';
import { MembersScreen } from '../screens/MembersScreen';
import { MyKeysScreen } from '../screens/MyKeysScreen';
import { PasskeysScreen } from '../screens/PasskeysScreen';
import { PeopleScreen } from '../screens/PeopleScreen';
import { ReferralsScreen } from '../screens/ReferralsScreen';
import { ReleasesScreen } from '../screens/ReleasesScreen';
import { RefusalsScreen } from '../screens/RefusalsScreen';
import { SearchScreen } from '../screens/SearchScreen';
import { VerifyScreen } from '../screens/VerifyScreen';
import { useStore } from '../state/store';
import { openCaseStore, openReferralStore, type Screen, screenStore } from '../state/stores';
import { OpsScreen, opsScreensFor } from './ops-screens';

interface ScreenEntry {
  id: Screen;
  label: MessageKey;
}

const AUDITOR: ScreenEntry[] = [
  { id: 'checkpoints', label: 'nav.checkpoints' },
  { id: 'verify', label: 'nav.verify' },
  { id: 'search', label: 'nav.search' },
  { id: 'refusals', label: 'nav.refusals' },
];
/** Roles the referrals API admits for people (the service role is a system's). */
const ADVOCATE: ScreenEntry[] = [
  { id: 'inbox', label: 'nav.inbox' },
  { id: 'outbox', label: 'nav.outbox' },
  { id: 'releases', label: 'nav.releases' },
  { id: 'cases', label: 'adv.nav.cases' },
];
const EVERYONE: ScreenEntry[] = [{ id: 'passkeys', label: 'nav.passkeys' }];

/** The screens a person's roles give them, in order (the server still decides every request). */
export function screensFor(roles: readonly string[]): ScreenEntry[] {
  const advocate = roles.includes('advocate') || roles.includes('agency_worker');
  // The coordinator's screens (decision 0140); an administrator who is no auditor sees witness status on Checkpoints.
  const witnesses: ScreenEntry[] = roles.includes('admin') && !roles.includes('auditor') ? [{ id: 'checkpoints', label: 'nav.witnesses' }] : [];
  const coord = coordScreens(roles).map((id): ScreenEntry => ({ id, label: `nav.${id}` }));
  return [...(advocate ? ADVOCATE : []), ...(roles.includes('auditor') ? AUDITOR : []), ...witnesses, ...coord, ...opsScreensFor(roles), ...EVERYONE];
}

/** The screen shown: the chosen one if the roles give it, else the first they give. */
function shownScreen(current: Screen, screens: ScreenEntry[]): Screen {
  return screens.some((screen) => screen.id === current) ? current : screens[0].id;
}

function choose(screen: Screen): void {
  openReferralStore.set(null);
  openCaseStore.set(null);
  screenStore.set(screen);
}

/** Screens are state, not URLs: switching never adds a history entry (research §4.3). */
export function AuditorNav({ roles }: { roles: readonly string[] }) {
  const t = useT();
  const screens = screensFor(roles);
  const current = shownScreen(useStore(screenStore), screens);
  const label = roles.includes('auditor') ? 'nav.label' : roles.includes('admin') ? 'nav.coordLabel' : 'nav.advocateLabel';
  return (
    <nav aria-label={t(label)}>
      <ul className="nav">
        {screens.map((screen) => (
          <li key={screen.id}>
            <button type="button" aria-current={current === screen.id ? 'page' : undefined} onClick={() => choose(screen.id)}>
              {t(screen.label)}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export function AuditorScreen({ roles }: { roles: readonly string[] }) {
  const current = shownScreen(useStore(screenStore), screensFor(roles));
  switch (current) {
    case 'checkpoints':
      return <CheckpointsScreen />;
    case 'verify':
      return <VerifyScreen />;
    case 'search':
      return <SearchScreen />;
    case 'refusals':
      return <RefusalsScreen />;
    case 'passkeys':
      return <PasskeysScreen />;
    case 'inbox':
      return <ReferralsScreen key="in" box="in" />;
    case 'outbox':
      return <ReferralsScreen key="out" box="out" />;
    case 'releases':
      return <ReleasesScreen />;
    case 'people':
      return <PeopleScreen />;
    case 'members':
      return <MembersScreen />;
    case 'mykeys':
      return <MyKeysScreen />;
    case 'secret':
      return <ChangeSecretScreen />;
    case 'cases':
      return <CasesScreen />;
    case 'agreements':
    case 'team':
    case 'actions':
    case 'contributions':
    case 'monitoring':
    case 'cracks':
      return <OpsScreen id={current} />;
  }
}
