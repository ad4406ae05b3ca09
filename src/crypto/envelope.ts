/** Envelope v1: the sealed-record format shared by the server (verify) and clients (seal, open). */
export { sealRecord } from './envelope-seal';
export { openRecord, type OpenOptions } from './envelope-open';
export { verifyEnvelope } from './envelope-verify';
export { rewrapForAgency, verifyShare } from './envelope-share';
export { toDeliveredRecord } from './envelope-delivery';
export {
  ENVELOPE_VERSION,
  SUITE_CCR1,
  PAD_BLOCK_BYTES,
  expectedWrapLength,
} from './envelope-format';
export * from './envelope-types';
