import { PasskeySignInService } from './passkey-sign-in.service';
import { PasskeysController } from './passkeys.controller';
import { PasskeysRepository } from './passkeys.repository';
import { PasskeysService } from './passkeys.service';
import { RelyingParty } from './relying-party';

/** The passkey parts of PeopleModule: they share its sign-in, sessions and back-off, so they live in it rather than beside it. */
export const PASSKEY_CONTROLLERS = [PasskeysController];
export const PASSKEY_PROVIDERS = [RelyingParty, PasskeysRepository, PasskeysService, PasskeySignInService];
