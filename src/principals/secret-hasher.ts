import { randomBytes } from 'node:crypto';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { getSodium, type Sodium } from '../crypto/sodium';

/** 256 bits, URL-safe: shown once at creation or rotation, stored only as an Argon2id hash. */
export function generateSecret(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Argon2id cost: 19 MiB, 2 passes — OWASP's recommended minimum for Argon2id (one lane, as
 * libsodium computes it). Not libsodium's "interactive" 64 MiB: the WebAssembly memory that hashes
 * in never shrinks, and 64 MiB of it would stay resident in every API process for good. Client
 * secrets are 256 random bits, beyond any guessing whatever the cost; the cost protects the
 * passwords of people on self-hosted deployments. The parameters are stored in each hash, so
 * raising them later still verifies the old ones.
 */
export const ARGON2ID_MEMORY_BYTES = 19 * 1024 * 1024;
export const ARGON2ID_PASSES = 2;

/**
 * Argon2id (libsodium crypto_pwhash_str) for passwords and client secrets. Unknown users are
 * checked against a dummy hash so timing does not reveal which names exist.
 */
@Injectable()
export class SecretHasher implements OnModuleInit {
  private sodium!: Sodium;
  private dummyHash!: string;

  async onModuleInit(): Promise<void> {
    this.sodium = await getSodium();
    this.dummyHash = this.hash(generateSecret());
  }

  hash(secret: string): string {
    return this.sodium.crypto_pwhash_str(secret, ARGON2ID_PASSES, ARGON2ID_MEMORY_BYTES);
  }

  /** Constant work whether or not a hash exists. */
  verify(secret: string, hash: string | null | undefined): boolean {
    try {
      const matches = this.sodium.crypto_pwhash_str_verify(hash ?? this.dummyHash, secret);
      return matches && hash !== null && hash !== undefined;
    } catch {
      return false;
    }
  }
}
