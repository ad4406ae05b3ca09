import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService, Reflector } from '@nestjs/core';
import { REVOCATION_PARTICIPANTS, type RevocationParticipant } from './revocation-participant';

function isParticipant(instance: unknown): instance is RevocationParticipant {
  return typeof (instance as Partial<RevocationParticipant> | null)?.onConsentRevoked === 'function';
}

/**
 * Finds every provider marked with @RevocationParticipantProvider() once all modules are up, in
 * a stable order (by class name), so the cascade runs the same way in every process.
 */
@Injectable()
export class RevocationParticipants implements OnApplicationBootstrap {
  private participants: RevocationParticipant[] = [];

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly reflector: Reflector,
  ) {}

  onApplicationBootstrap(): void {
    const found = this.discovery
      .getProviders()
      .filter((wrapper) => wrapper.metatype && this.reflector.get<boolean>(REVOCATION_PARTICIPANTS, wrapper.metatype) === true)
      .sort((a, b) => String(a.name).localeCompare(String(b.name)))
      .map((wrapper) => wrapper.instance as unknown);
    const invalid = found.filter((instance) => !isParticipant(instance));
    if (invalid.length > 0) throw new Error('a provider marked @RevocationParticipantProvider() does not implement onConsentRevoked');
    this.participants = [...new Set(found as RevocationParticipant[])];
  }

  /** Adds a participant by hand (tests; a module that cannot be discovered). */
  register(participant: RevocationParticipant): void {
    if (!this.participants.includes(participant)) this.participants.push(participant);
  }

  unregister(participant: RevocationParticipant): void {
    this.participants = this.participants.filter((each) => each !== participant);
  }

  all(): readonly RevocationParticipant[] {
    return this.participants;
  }
}
