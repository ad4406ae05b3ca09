import { type Provider } from '@nestjs/common';
import { CONFIG } from '../../config/config';
import { type AppConfig } from '../../config/config.types';
import { createEd25519NoteSigner, type Ed25519NoteSigner } from '../checkpoint';

/** Injection token of the log's checkpoint signer (Ed25519, key name = the log's origin). */
export const LOG_SIGNER = Symbol('LOG_SIGNER');

export type LogSigner = Ed25519NoteSigner;

/** Built once at boot from LEDGER_ORIGIN and LEDGER_SIGNING_KEY; a bad origin stops the service. */
export const logSignerProvider: Provider = {
  provide: LOG_SIGNER,
  inject: [CONFIG],
  useFactory: (config: AppConfig): Promise<LogSigner> => createEd25519NoteSigner(config.ledger.origin, config.ledger.signingSeed),
};
