/**
 * The ledger verifier's modules use Node's global Buffer; a worker that imports them imports this
 * first (module evaluation follows import order). Only the verify worker does; decision 0105.
 */
import { Buffer } from 'buffer';

(globalThis as { Buffer?: typeof Buffer }).Buffer ??= Buffer;
