import { Module } from '@nestjs/common';
import { AgenciesModule } from '../agencies/agencies.module';
import { LedgerCoreModule } from '../ledger/ledger-core.module';
import { EnvelopeVerifier } from './envelope-verifier';
import { KeyDirectoryService } from './key-directory.service';
import { KeyRegistrationService } from './key-registration.service';
import { KeysController } from './keys.controller';
import { KeysRepository } from './keys.repository';

/** The agency key directory, and the server-side verification of uploaded envelopes and shares. */
@Module({
  imports: [AgenciesModule, LedgerCoreModule],
  controllers: [KeysController],
  providers: [KeysRepository, KeyDirectoryService, KeyRegistrationService, EnvelopeVerifier],
  exports: [KeyDirectoryService, EnvelopeVerifier, KeyRegistrationService],
})
export class KeysModule {}
