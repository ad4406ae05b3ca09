/**
 * Envelope v1 throughput, single core, in-process. Returns plain JSON; the bench runner writes it.
 *   seal+sign     client: sealRecord (pad, AEAD, key commitment, one sealed box per recipient, Ed25519 sign)
 *   verify+open   client: openRecord (structure, Ed25519 verify, sealed-box open, binding, commitment, AEAD)
 *   verifyEnvelope server: structure, sizes, canonical wraps, Ed25519 verify (target >= 2,000/s)
 */
import { getSodium, openRecord, sealRecord, verifyEnvelope, DEFAULT_ENVELOPE_LIMITS, SUITE_CCR1 } from '../src/crypto';
import {
  directoryOf,
  fixtureAgencies,
  fixtureSealInput,
  identityOf,
  type FixtureAgency,
} from '../src/crypto/testing/fixtures';

export interface CryptoBenchCase {
  name: string;
  operation: 'seal+sign' | 'verify+open' | 'verifyEnvelope';
  bodyBytes: number;
  recipients: number;
  iterations: number;
  seconds: number;
  opsPerSec: number;
}

export interface CryptoBenchResult {
  suite: string;
  libsodium: string;
  node: string;
  secondsPerCase: number;
  cases: CryptoBenchCase[];
  targets: { case: string; opsPerSec: number; target: number; met: boolean }[];
}

const BODY_SIZES = [1024, 64 * 1024];
const RECIPIENT_COUNTS = [1, 3, 10];
const VERIFY_TARGET_OPS = 2000;
const WARMUP_ITERATIONS = 5;

export async function runCryptoBench(opts: { seconds?: number } = {}): Promise<CryptoBenchResult> {
  const sodium = await getSodium();
  const seconds = opts.seconds ?? 1;
  const agencies = await fixtureAgencies(Math.max(...RECIPIENT_COUNTS), 'bench');
  const cases: CryptoBenchCase[] = [];
  for (const bodyBytes of BODY_SIZES) {
    for (const recipients of RECIPIENT_COUNTS) {
      cases.push(...(await sealAndOpenCases(agencies.slice(0, recipients), bodyBytes, seconds)));
    }
  }
  const server = await verifyEnvelopeCase(agencies.slice(0, 3), 1024, seconds);
  cases.push(server);
  return {
    suite: SUITE_CCR1,
    libsodium: sodium.SODIUM_VERSION_STRING,
    node: process.version,
    secondsPerCase: seconds,
    cases,
    targets: [{ case: server.name, opsPerSec: server.opsPerSec, target: VERIFY_TARGET_OPS, met: server.opsPerSec >= VERIFY_TARGET_OPS }],
  };
}

async function sealAndOpenCases(agencies: FixtureAgency[], bodyBytes: number, seconds: number): Promise<CryptoBenchCase[]> {
  const sodium = await getSodium();
  const [author, ...others] = agencies;
  const input = await fixtureSealInput({ author, others, body: sodium.randombytes_buf(bodyBytes), label: `bench-${bodyBytes}` });
  const envelope = await sealRecord(input);
  const reader = identityOf(agencies[agencies.length - 1]);
  const directory = directoryOf(...agencies);
  const shape = { bodyBytes, recipients: agencies.length };
  return [
    { ...shape, operation: 'seal+sign', ...(await measure(seconds, () => sealRecord(input))), name: caseName('seal+sign', shape) },
    { ...shape, operation: 'verify+open', ...(await measure(seconds, () => openRecord(envelope, reader, directory))), name: caseName('verify+open', shape) },
  ];
}

async function verifyEnvelopeCase(agencies: FixtureAgency[], bodyBytes: number, seconds: number): Promise<CryptoBenchCase> {
  const sodium = await getSodium();
  const [author, ...others] = agencies;
  const envelope = await sealRecord(await fixtureSealInput({ author, others, body: sodium.randombytes_buf(bodyBytes), label: 'bench-server' }));
  // As the server sees it: JSON text off the wire, parsed per request.
  const wire = JSON.stringify(envelope);
  const directory = directoryOf(...agencies);
  const shape = { bodyBytes, recipients: agencies.length };
  const timing = await measure(seconds, () => verifyEnvelope(JSON.parse(wire), DEFAULT_ENVELOPE_LIMITS, directory));
  return { ...shape, operation: 'verifyEnvelope', ...timing, name: caseName('verifyEnvelope', shape) };
}

async function measure(seconds: number, operation: () => Promise<unknown>) {
  for (let i = 0; i < WARMUP_ITERATIONS; i++) await operation();
  const budgetNs = BigInt(Math.round(seconds * 1e9));
  const start = process.hrtime.bigint();
  let iterations = 0;
  let elapsed = 0n;
  do {
    await operation();
    iterations++;
    elapsed = process.hrtime.bigint() - start;
  } while (elapsed < budgetNs);
  const measured = Number(elapsed) / 1e9;
  return { iterations, seconds: round(measured, 3), opsPerSec: round(iterations / measured, 1) };
}

function caseName(operation: string, shape: { bodyBytes: number; recipients: number }): string {
  return `${operation} ${shape.bodyBytes / 1024} KiB x ${shape.recipients} recipient${shape.recipients === 1 ? '' : 's'}`;
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

if (require.main === module) {
  runCryptoBench({ seconds: Number(process.env.BENCH_SECONDS ?? 1) })
    .then((result) => console.log(JSON.stringify(result, null, 2)))
    .catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    });
}
