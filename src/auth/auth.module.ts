import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { PassportModule } from '@nestjs/passport';
import { PeopleModule } from '../people/people.module';
import { PrincipalsModule } from '../principals/principals.module';
import { AccessGuard } from './access.guard';
import { JwtStrategy } from './jwt.strategy';
import { AssertionReplayRepository } from './oauth/assertion-replay.repository';
import { ClientAssertionVerifier } from './oauth/client-assertion.verifier';
import { ExternalIdentityVerifier } from './oauth/external-identity.verifier';
import { OAuthController } from './oauth/oauth.controller';
import { TokenFailuresRepository } from './oauth/token-failures.repository';
import { TokenThrottle } from './oauth/token-throttle';
import { TokenService } from './oauth/token.service';
import { TokenIssuer } from './token-issuer';
import { TokenKeyRing } from './token-keys';
import { WellKnownController } from './well-known.controller';

@Module({
  imports: [PassportModule, PrincipalsModule, PeopleModule],
  controllers: [OAuthController, WellKnownController],
  providers: [
    TokenKeyRing,
    TokenIssuer,
    JwtStrategy,
    TokenService,
    ClientAssertionVerifier,
    ExternalIdentityVerifier,
    TokenThrottle,
    TokenFailuresRepository,
    AssertionReplayRepository,
    { provide: APP_GUARD, useClass: AccessGuard },
  ],
})
export class AuthModule {}
