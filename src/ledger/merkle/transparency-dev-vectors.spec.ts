/**
 * Every inclusion and consistency vector of the public transparency-dev/merkle repository:
 * `testdata/inclusion/**` and `testdata/consistency/**` as its `cmd/proofgen` writes them at commit
 * 8c666a79ae695b010ac709a5d662e1f4fae5cd1a (happy paths and mutated variants, each with `wantErr`).
 * They are reproduced as data in test/vectors/transparency-dev-merkle/vectors.ts; the files fetched
 * from that repository in test/vectors/transparency-dev-merkle/sample/ (commits in SOURCES.tsv)
 * prove the reproduction byte for byte. Every vector must give the answer it names.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { type Probe, renderProbe, transparencyDevVectors } from '../../../test/vectors/transparency-dev-merkle/vectors';
import { verifyConsistency, verifyInclusion } from './verify';

const SAMPLE = join(__dirname, '../../../test/vectors/transparency-dev-merkle/sample');
const vectors = transparencyDevVectors();

function sampleFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sampleFiles(path);
    return name.endsWith('.json') ? [relative(SAMPLE, path)] : [];
  });
}

/** A uint64 from the vector as the verifier's number: beyond 2^53 it is not an index at all. */
function asNumber(value: bigint): number {
  return value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : Number.POSITIVE_INFINITY;
}

function verifies(probe: Probe): boolean {
  const proof = probe.proof ?? [];
  return probe.kind === 'inclusion'
    ? verifyInclusion(probe.leafHash, asNumber(probe.leafIdx), asNumber(probe.treeSize), proof, probe.root)
    : verifyConsistency(asNumber(probe.size1), asNumber(probe.size2), proof, probe.root1, probe.root2);
}

describe('transparency-dev/merkle testdata (reproduced)', () => {
  const samples = sampleFiles(SAMPLE);

  it('holds the whole set: 98 inclusion and 98 consistency files', () => {
    const paths = [...vectors.keys()];
    expect(paths.filter((path) => path.startsWith('inclusion/'))).toHaveLength(98);
    expect(paths.filter((path) => path.startsWith('consistency/'))).toHaveLength(98);
  });

  it('is checked against at least 20 fetched files of both kinds, including every empty-proof and equal-size case', () => {
    expect(samples.length).toBeGreaterThanOrEqual(20);
    expect(samples.filter((path) => path.startsWith('inclusion/')).length).toBeGreaterThanOrEqual(8);
    expect(samples.filter((path) => path.startsWith('consistency/')).length).toBeGreaterThanOrEqual(12);
    expect(samples).toEqual(expect.arrayContaining(['consistency/1/empty-proof.json', 'consistency/2/empty-proof.json', 'consistency/3/empty-proof.json', 'consistency/4/empty-proof.json']));
    expect(samples).toEqual(expect.arrayContaining(['consistency/0/happy-path.json', 'consistency/additional/sizes-are-equal-one-and-proof-is-empty.json', 'consistency/additional/sizes-are-equal-zero-and-proof-is-empty.json']));
  });

  it.each(sampleFiles(SAMPLE))('reproduces %s byte for byte', (path) => {
    const fetched = readFileSync(join(SAMPLE, path), 'utf8');
    const probe = vectors.get(path);
    expect(probe).toBeDefined();
    const layout = fetched.startsWith('{\n') ? 'indent' : 'compact';
    expect(renderProbe(probe as Probe, layout)).toBe(fetched);
  });

  it.each([...vectors.entries()].map(([path, probe]) => [path, probe.wantErr ? 'refused' : 'accepted', probe] as const))('%s is %s', (_path, _answer, probe) => {
    expect(verifies(probe)).toBe(!probe.wantErr);
  });

  it('has valid vectors of both kinds, so the refusals are not a verifier that refuses everything', () => {
    const valid = [...vectors.values()].filter((probe) => !probe.wantErr);
    expect(valid.filter((probe) => probe.kind === 'inclusion').length).toBeGreaterThanOrEqual(6);
    expect(valid.filter((probe) => probe.kind === 'consistency').length).toBeGreaterThanOrEqual(6);
  });
});
