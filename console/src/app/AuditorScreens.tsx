import { type MessageKey } from '../i18n/en';
import { useT } from '../i18n/i18n';
import { CheckpointsScreen } from '../screens/CheckpointsScreen';
import { PasskeysScreen } from '../screens/PasskeysScreen';
import { RefusalsScreen } from '../screens/RefusalsScreen';
import { SearchScreen } from '../screens/SearchScreen';
import { VerifyScreen } from '../screens/VerifyScreen';
import { useStore } from '../state/store';
import { type Screen, screenStore } from '../state/stores';

const SCREENS: { id: Screen; label: MessageKey }[] = [
  { id: 'checkpoints', label: 'nav.checkpoints' },
  { id: 'verify', label: 'nav.verify' },
  { id: 'search', label: 'nav.search' },
  { id: 'refusals', label: 'nav.refusals' },
  { id: 'passkeys', label: 'nav.passkeys' },
];

/** Screens are state, not URLs: switching never adds a history entry (research §4.3). */
export function AuditorNav() {
  const t = useT();
  const current = useStore(screenStore);
  return (
    <nav aria-label={t('nav.label')}>
      <ul className="nav">
        {SCREENS.map((screen) => (
          <li key={screen.id}>
            <button type="button" aria-current={current === screen.id ? 'page' : undefined} onClick={() => screenStore.set(screen.id)}>
              {t(screen.label)}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export function AuditorScreen() {
  const current = useStore(screenStore);
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
  }
}
