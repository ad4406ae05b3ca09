import type { AgencyPin, DirectoryEntry, PinnedEpoch, PublicClientJwk, RegistrationOutcome, RotationOutcome } from '../../sdk';
import type { CommandOutput } from '../cli-context';
import { lines } from '../command-kit';

export interface LocalKeystoreView {
  keystore: string;
  agencyId: string;
  epochs: PinnedEpoch[];
  clientId: string | null;
  clientJwk: PublicClientJwk | null;
  pins: AgencyPin[];
  /** Partners' keys not pinned yet are refused rather than pinned on first use. */
  strictPins: boolean;
}

export function initOutput(view: LocalKeystoreView): CommandOutput {
  const [first] = view.epochs;
  const serviceAccount = view.clientJwk && { kind: 'service', username: view.clientId, displayName: view.clientId, roles: ['service'], clientJwk: view.clientJwk };
  const text = [
    `Created ${view.keystore} for agency ${view.agencyId}.`,
    '',
    lines([
      ['epoch', first.epoch],
      ['fingerprint', first.fingerprint],
      ['client id', view.clientId],
    ]),
    '',
    'Next steps:',
    `1. A CCR administrator creates the service account: POST /agencies/${view.agencyId}/principals with`,
    `   ${JSON.stringify(serviceAccount)}`,
    '2. Register the agency keys: ccrx keys register',
    '3. Read the fingerprint above to partner agencies over a channel you trust.',
    'Keep the keystore (mode 0600) and its passphrase apart; back both up: a lost key cannot be recovered.',
  ].join('\n');
  return { json: { ...view, serviceAccount }, text };
}

export function localOutput(view: LocalKeystoreView): CommandOutput {
  const current = view.epochs[view.epochs.length - 1];
  const text = [
    lines([
      ['keystore', view.keystore],
      ['agency', view.agencyId],
      ['client id', view.clientId],
      ['client JWK', view.clientJwk && JSON.stringify(view.clientJwk)],
    ]),
    '',
    'Epochs:',
    ...view.epochs.map((e) => `  ${e.epoch === current.epoch ? '*' : ' '} ${String(e.epoch).padStart(3)}  ${e.fingerprint}  created ${e.createdAt}`),
    '',
    `Strict pins: ${view.strictPins ? 'on (unpinned keys are refused; pin with keys pin --fingerprint)' : 'off (unpinned keys are pinned on first use, with a warning)'}`,
    view.pins.length === 0 ? 'Pinned agencies: none' : 'Pinned agencies:',
    ...view.pins.map((pin) => pinRow(pin, view.agencyId)),
  ].join('\n');
  return { json: view, text };
}

export function directoryOutput(entry: DirectoryEntry): CommandOutput {
  const current = entry.epochs[entry.epochs.length - 1];
  const text = [
    lines([
      ['agency', entry.agencyId],
      ['current epoch', entry.currentEpoch],
      ['fingerprint', current.fingerprint],
      ['pinned', `${entry.pinnedAt} (${entry.origin === 'fingerprint' ? 'verified by fingerprint' : 'trust on first use'})`],
    ]),
    '',
    'Epochs:',
    ...entry.epochs.map((e) => `    ${String(e.epoch).padStart(3)}  ${e.fingerprint}  created ${e.createdAt}${e.retiredAt ? `  retired ${e.retiredAt}` : ''}`),
    ...changeNotice(entry),
  ].join('\n');
  return { json: entry, text };
}

export function registrationOutput(outcome: RegistrationOutcome | RotationOutcome): CommandOutput {
  const rotated = 'resumed' in outcome;
  const headline = rotated
    ? outcome.resumed
      ? `Finished an interrupted rotation: epoch ${outcome.epoch} is now registered.`
      : `Rotated to epoch ${outcome.epoch} (signed by epoch ${outcome.epoch - 1}) and registered it.`
    : outcome.registered.length > 0
      ? `Registered epoch${outcome.registered.length > 1 ? 's' : ''} ${outcome.registered.join(', ')}.`
      : 'Nothing to register: the directory already holds every epoch of this keystore.';
  const text = [
    headline,
    lines([
      ['agency', outcome.agencyId],
      ['current epoch', outcome.currentEpoch],
      ['fingerprint', outcome.fingerprint],
    ]),
    rotated ? 'Older epochs stay in the keystore to open earlier records. The service account client key is unchanged.' : '',
  ].join('\n');
  return { json: outcome, text };
}

function changeNotice(entry: DirectoryEntry): string[] {
  switch (entry.change) {
    case 'first_use':
      return entry.origin === 'fingerprint'
        ? ['', 'Pinned now: the fingerprint matched the one you gave.']
        : ['', 'Pinned now on FIRST USE: compare the fingerprint with the agency over a channel you trust (phone),', `or pin with: ccrx keys pin --agency ${entry.agencyId} --fingerprint "<fingerprint>"`];
    case 'rotated':
      return ['', 'New epoch(s) pinned: each verified against the pinned previous key.'];
    case 'confirmed':
      return ['', 'The fingerprint matched: the pin is now verified.'];
    default:
      return [];
  }
}

function pinRow(pin: AgencyPin, ownAgencyId: string): string {
  const current = pin.epochs[pin.epochs.length - 1];
  const origin = pin.agencyId === ownAgencyId ? 'this agency, as registered' : pin.origin === 'fingerprint' ? 'verified' : 'first use';
  return `    ${pin.agencyId}  epoch ${current.epoch}  ${current.fingerprint}  (${origin})`;
}
