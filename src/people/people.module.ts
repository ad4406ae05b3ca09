import { Module } from '@nestjs/common';
import { TokenFailuresRepository } from '../auth/oauth/token-failures.repository';
import { TokenThrottle } from '../auth/oauth/token-throttle';
import { KeysModule } from '../keys/keys.module';
import { LedgerCoreModule } from '../ledger/ledger-core.module';
import { PrincipalsModule } from '../principals/principals.module';
import { EnrolmentCodesController } from './enrolment-codes.controller';
import { EnrolmentService } from './enrolment.service';
import { MemberRotationService } from './member-rotation.service';
import { RecoveryService } from './recovery.service';
import { OpaqueServer } from './opaque-server';
import { PASSKEY_CONTROLLERS, PASSKEY_PROVIDERS } from './passkeys/passkeys.parts';
import { PeopleController } from './people.controller';
import { PeopleRepository } from './people.repository';
import { PersonKeysController } from './person-keys.controller';
import { PersonKeysRepository } from './person-keys.repository';
import { PersonKeysService } from './person-keys.service';
import { PersonSessionAuthenticator } from './sessions/session-authenticator';
import { SessionsRepository } from './sessions/sessions.repository';
import { SignInService } from './sign-in.service';

/**
 * People and their sign-in (issue 19). The access guard (AuthModule) takes the session
 * authenticator from here; the login back-off is the token endpoint's (same table, same policy).
 */
@Module({
  imports: [PrincipalsModule, LedgerCoreModule, KeysModule],
  controllers: [PeopleController, EnrolmentCodesController, PersonKeysController, ...PASSKEY_CONTROLLERS],
  providers: [OpaqueServer, PeopleRepository, PersonKeysRepository, PersonKeysService, MemberRotationService, RecoveryService, SessionsRepository, PersonSessionAuthenticator, EnrolmentService, SignInService, TokenThrottle, TokenFailuresRepository, ...PASSKEY_PROVIDERS],
  exports: [PersonSessionAuthenticator, EnrolmentService],
})
export class PeopleModule {}
