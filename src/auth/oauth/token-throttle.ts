import { Inject, Injectable } from '@nestjs/common';
import { CONFIG } from '../../config/config';
import { type AppConfig } from '../../config/config.types';
import { TooManyAttemptsError } from '../auth.errors';
import { type BackoffPolicy, TokenFailuresRepository } from './token-failures.repository';

export interface ThrottleKeys {
  address: string;
  client?: string;
}

/** Exponential back-off on failed token requests, per client (or username) and per address. */
@Injectable()
export class TokenThrottle {
  private readonly clientPolicy: BackoffPolicy;
  private readonly addressPolicy: BackoffPolicy;

  constructor(
    @Inject(CONFIG) config: AppConfig,
    private readonly failures: TokenFailuresRepository,
  ) {
    const { freeAttemptsPerClient, freeAttemptsPerAddress, ...timing } = config.auth.tokenFailures;
    this.clientPolicy = { freeAttempts: freeAttemptsPerClient, ...timing };
    this.addressPolicy = { freeAttempts: freeAttemptsPerAddress, ...timing };
  }

  static keys(clientName: string | undefined, address: string): ThrottleKeys {
    return { address: `address:${address}`, client: clientName ? `client:${clientName}` : undefined };
  }

  async assertNotBlocked(keys: ThrottleKeys): Promise<void> {
    const seconds = await this.failures.secondsBlocked(keys.client ? [keys.address, keys.client] : [keys.address]);
    if (seconds > 0) throw new TooManyAttemptsError(seconds);
  }

  async recordFailure(keys: ThrottleKeys): Promise<void> {
    await this.failures.recordFailure([keys.address], this.addressPolicy);
    if (keys.client) await this.failures.recordFailure([keys.client], this.clientPolicy);
    if (Math.random() < 0.01) await this.failures.prune(this.clientPolicy.windowSeconds);
  }

  /** A success clears the client's record; the address keeps its count (one address, many names). */
  async recordSuccess(clientName: string | undefined): Promise<void> {
    if (clientName) await this.failures.clear(`client:${clientName}`);
  }
}
