import { Inject, Injectable } from '@nestjs/common';
import {
  type AuthenticationResponseJSON,
  generateAuthenticationOptions,
  generateRegistrationOptions,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from '@simplewebauthn/server';
import { CONFIG } from '../../config/config';
import { type AppConfig } from '../../config/config.types';

export interface VerifiedPasskey {
  credentialId: string;
  publicKey: Uint8Array;
  counter: number;
  transports: string[];
  aaguid: string;
}

/**
 * This service as a WebAuthn relying party (decision 0111), through @simplewebauthn/server: the RP
 * ID is PUBLIC_URL's host name and the only accepted origin is PUBLIC_URL itself, so an answer
 * made for another site (or another port) does not verify. User verification is required in every
 * ceremony: a passkey is then itself two factors (the device and its PIN or biometric).
 * Verification failures come back as null; their reasons are not shown to the caller.
 */
@Injectable()
export class RelyingParty {
  readonly rpId: string;
  readonly origin: string;

  constructor(@Inject(CONFIG) config: AppConfig) {
    this.origin = config.http.publicUrl;
    this.rpId = new URL(config.http.publicUrl).hostname;
  }

  registrationOptions(person: { id: string; username: string }, exclude: readonly { credentialId: string; transports: string[] }[]): Promise<PublicKeyCredentialCreationOptionsJSON> {
    return generateRegistrationOptions({
      rpName: 'CCR Exchange',
      rpID: this.rpId,
      userName: person.username,
      userID: new TextEncoder().encode(person.id),
      attestationType: 'none',
      excludeCredentials: exclude.map((each) => ({ id: each.credentialId, transports: each.transports as never })),
      authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
    });
  }

  authenticationOptions(allow: readonly { credentialId: string; transports: string[] }[]): Promise<PublicKeyCredentialRequestOptionsJSON> {
    return generateAuthenticationOptions({
      rpID: this.rpId,
      allowCredentials: allow.map((each) => ({ id: each.credentialId, transports: each.transports as never })),
      userVerification: 'required',
    });
  }

  async verifyRegistration(response: RegistrationResponseJSON, challenges: readonly string[]): Promise<VerifiedPasskey | null> {
    try {
      const verified = await verifyRegistrationResponse({
        response,
        expectedChallenge: (challenge) => challenges.includes(challenge),
        expectedOrigin: this.origin,
        expectedRPID: this.rpId,
        requireUserVerification: true,
      });
      if (!verified.verified) return null;
      const { credential, aaguid } = verified.registrationInfo;
      return { credentialId: credential.id, publicKey: credential.publicKey, counter: credential.counter, transports: credential.transports ?? [], aaguid };
    } catch {
      return null;
    }
  }

  /** The new counter if the assertion verifies for this stored credential (the library refuses a counter that did not move forward). */
  async verifyAssertion(response: AuthenticationResponseJSON, challenges: readonly string[], stored: { credentialId: string; publicKey: Uint8Array; counter: number }): Promise<number | null> {
    try {
      const verified = await verifyAuthenticationResponse({
        response,
        expectedChallenge: (challenge) => challenges.includes(challenge),
        expectedOrigin: this.origin,
        expectedRPID: this.rpId,
        credential: { id: stored.credentialId, publicKey: new Uint8Array(stored.publicKey), counter: stored.counter },
        requireUserVerification: true,
      });
      return verified.verified && verified.authenticationInfo.userVerified ? verified.authenticationInfo.newCounter : null;
    } catch {
      return null;
    }
  }
}
