import { Injectable, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { type RevocationEffect, type RevocationParticipant, RevocationParticipantProvider } from './revocation-participant';
import { RevocationParticipants } from './revocation-participants';

@Injectable()
@RevocationParticipantProvider()
class ReferralsOnRevocation implements RevocationParticipant {
  onConsentRevoked(): Promise<RevocationEffect[]> {
    return Promise.resolve([{ kind: 'referral_cancelled', ids: [], summary: 'none open' }]);
  }
}

@Injectable()
@RevocationParticipantProvider()
class EventsOnRevocation implements RevocationParticipant {
  onConsentRevoked(): Promise<RevocationEffect[]> {
    return Promise.resolve([]);
  }
}

@Injectable()
class Unmarked implements RevocationParticipant {
  onConsentRevoked(): Promise<RevocationEffect[]> {
    return Promise.resolve([]);
  }
}

/** Another module, which the consent module does not import: discovery still finds its participant. */
@Module({ providers: [ReferralsOnRevocation, EventsOnRevocation, Unmarked] })
class ElsewhereModule {}

@Injectable()
@RevocationParticipantProvider()
class Broken {}

describe('RevocationParticipants', () => {
  it('discovers every marked provider of any module, in class-name order, and nothing unmarked', async () => {
    const moduleRef = await Test.createTestingModule({ imports: [DiscoveryModule, ElsewhereModule], providers: [RevocationParticipants] }).compile();
    const app = await moduleRef.createNestApplication().init();
    try {
      const found = app.get(RevocationParticipants).all();
      expect(found.map((participant) => participant.constructor.name)).toEqual(['EventsOnRevocation', 'ReferralsOnRevocation']);
    } finally {
      await app.close();
    }
  });

  it('refuses to start with a marked provider that does not implement the hook', async () => {
    const moduleRef = await Test.createTestingModule({ imports: [DiscoveryModule], providers: [RevocationParticipants, Broken] }).compile();
    await expect(moduleRef.createNestApplication().init()).rejects.toThrow(/does not implement onConsentRevoked/);
  });
});
