/**
 * The inclusion and consistency proof vectors of the public transparency-dev/merkle repository
 * (`testdata/inclusion/**` and `testdata/consistency/**`, 196 files — 98 of each — at commit
 * 8c666a79ae695b010ac709a5d662e1f4fae5cd1a), reproduced here as data: the proof tables of that
 * commit's `cmd/proofgen` (the CT test tree of RFC 6962 / RFC 9162: its roots, leaves and proofs)
 * and the same mutations, probe by probe, file name by file name. Written for this project; no
 * code of theirs is copied. `sample/` holds files fetched from that repository byte for byte (their
 * commits in sample/SOURCES.tsv); the spec checks that this reproduction renders each of them
 * exactly, in the JSON layout of the commit it was fetched at (indented or compact).
 */

import { createHash } from 'node:crypto';

/** One file's content: JSON numbers as bigint (a mutated index can be 2^64 - 1), hashes as bytes. */
export interface InclusionProbe {
  kind: 'inclusion';
  leafIdx: bigint;
  treeSize: bigint;
  root: Buffer;
  leafHash: Buffer;
  /** null is Go's nil slice (written `null`); [] an empty one. */
  proof: Buffer[] | null;
  desc: string;
  wantErr: boolean;
}

export interface ConsistencyProbe {
  kind: 'consistency';
  size1: bigint;
  size2: bigint;
  root1: Buffer;
  root2: Buffer;
  proof: Buffer[] | null;
  desc: string;
  wantErr: boolean;
}

export type Probe = InclusionProbe | ConsistencyProbe;

const hex = (value: string): Buffer => Buffer.from(value, 'hex');
const text = (value: string): Buffer => Buffer.from(value, 'utf8');
const U64 = (1n << 64n) - 1n;
/** Go's uint64 arithmetic wraps. */
const u64 = (value: bigint): bigint => value & U64;

const SOME_HASH = hex('abacaba000000000000000000000000000000000000000000060061e00123456');
const EMPTY_TREE_HASH = hex('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');

/** Roots of the CT test tree for sizes 1..8. */
const ROOTS = [
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
].map(hex);

/** Leaf inputs the generator hashes (its table leaves entries 4 and 5 empty: no proof uses them). */
const LEAVES = ['', '00', '10', '', '', '40414243'].map(hex);

/** (leaf number from 1, tree size, proof) */
const INCLUSION_PROOFS: [number, number, string[] | null][] = [
  [1, 1, null],
  [1, 8, ['96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7', '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4']],
  [6, 8, ['bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b', 'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0', 'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7']],
  [3, 3, ['fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125']],
  [2, 5, ['6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d', '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', 'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b']],
];

/** (size1, size2, proof) */
const CONSISTENCY_PROOFS: [number, number, string[] | null][] = [
  [1, 1, null],
  [1, 8, ['96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7', '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4']],
  [6, 8, ['0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a', 'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0', 'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7']],
  [2, 5, ['5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', 'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b']],
  [6, 7, ['0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a', 'b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f', 'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7']],
];

/** RFC 6962 leaf hash, computed here with node:crypto. */
function hashLeaf(leaf: Buffer): Buffer {
  return createHash('sha256').update(Buffer.concat([Buffer.from([0]), leaf])).digest();
}

const copy = (proof: Buffer[] | null): Buffer[] => (proof ?? []).map((hash) => Buffer.from(hash));
const flipped = (proof: Buffer[] | null, at: number, mask: number): Buffer[] => copy(proof).map((hash, i) => (i === at ? Buffer.from([hash[0] ^ mask, ...hash.subarray(1)]) : hash));

function inclusion(leafIdx: bigint, treeSize: bigint, root: Buffer, leafHash: Buffer, proof: Buffer[] | null, desc: string, wantErr: boolean): InclusionProbe {
  return { kind: 'inclusion', leafIdx: u64(leafIdx), treeSize: u64(treeSize), root, leafHash, proof, desc, wantErr };
}

function consistency(size1: bigint, size2: bigint, root1: Buffer, root2: Buffer, proof: Buffer[] | null, desc: string, wantErr: boolean): ConsistencyProbe {
  return { kind: 'consistency', size1: u64(size1), size2: u64(size2), root1, root2, proof, desc, wantErr };
}

function invalidInclusion(idx: bigint, size: bigint, proof: Buffer[] | null, root: Buffer, leaf: Buffer): InclusionProbe[] {
  const probes = [
    inclusion(idx - 1n, size, root, leaf, proof, 'leafIdx sub @1', true),
    inclusion(idx + 1n, size, root, leaf, proof, 'leafIdx plus @1', true),
    inclusion(idx ^ 2n, size, root, leaf, proof, 'leafIdx XOR @2', true),
    inclusion(idx, size * 2n, root, leaf, proof, 'treeSize mul @2', true),
    inclusion(idx, size / 2n, root, leaf, proof, 'treeSize div @2', true),
    inclusion(idx, size, root, text('WrongLeaf'), proof, 'wrong leaf', true),
    inclusion(idx, size, EMPTY_TREE_HASH, leaf, proof, 'empty root', true),
    inclusion(idx, size, SOME_HASH, leaf, proof, 'random root', true),
    inclusion(idx, size, root, leaf, [...copy(proof), Buffer.alloc(0)], 'trailing garbage', true),
    inclusion(idx, size, root, leaf, [...copy(proof), root], 'trailing root', true),
    inclusion(idx, size, root, leaf, [Buffer.alloc(0), ...copy(proof)], 'preceding garbage', true),
    inclusion(idx, size, root, leaf, [root, ...copy(proof)], 'preceding root', true),
  ];
  const length = proof?.length ?? 0;
  for (let i = 0; i < length; i += 1) probes.push(inclusion(idx, size, root, leaf, flipped(proof, i, 8), `modified proof[${i}] bit @3`, true));
  if (length > 0) probes.push(inclusion(idx, size, root, leaf, copy(proof).slice(0, length - 1), 'removed component', true));
  if (length > 1) probes.push(inclusion(idx, size, root, leaf, [copy(proof)[0], SOME_HASH, ...copy(proof).slice(1)], 'inserted component', true));
  return probes;
}

function invalidConsistency(size1: bigint, size2: bigint, root1: Buffer, root2: Buffer, proof: Buffer[]): ConsistencyProbe[] {
  const probes = [
    consistency(size1 - 1n, size2, root1, root2, proof, 'size1 sub @1', true),
    consistency(size1 + 1n, size2, root1, root2, proof, 'size1 plus @1', true),
    consistency(size1 ^ 2n, size2, root1, root2, proof, 'size1 XOR @2', true),
    consistency(size1, size2 * 2n, root1, root2, proof, 'size2 mul @2', true),
    consistency(size1, size2 / 2n, root1, root2, proof, 'size2 div @2', true),
    consistency(size1, size2, text('WrongRoot'), root2, proof, 'wrong root1', true),
    consistency(size1, size2, root1, text('WrongRoot'), proof, 'wrong root2', true),
    consistency(size1, size2, root2, root1, proof, 'swapped roots', true),
    consistency(size1, size2, root1, root2, [], 'empty proof', true),
    consistency(size1, size2, root1, root2, [...copy(proof), Buffer.alloc(0)], 'trailing garbage', true),
    consistency(size1, size2, root1, root2, [...copy(proof), root1], 'trailing root1', true),
    consistency(size1, size2, root1, root2, [...copy(proof), root2], 'trailing root2', true),
    consistency(size1, size2, root1, root2, [Buffer.alloc(0), ...copy(proof)], 'preceding garbage', true),
    consistency(size1, size2, root1, root2, [root1, ...copy(proof)], 'preceding root1', true),
    consistency(size1, size2, root1, root2, [root2, ...copy(proof)], 'preceding root2', true),
    consistency(size1, size2, root1, root2, [proof[0], ...copy(proof)], 'preceding proof @0', true),
  ];
  if (proof.length > 0) probes.push(consistency(size1, size2, root1, root2, copy(proof).slice(0, proof.length - 1), 'truncated proof', true));
  for (let i = 0; i < proof.length; i += 1) probes.push(consistency(size1, size2, root1, root2, flipped(proof, i, 16), `modified proof@${i} bit @4`, true));
  return probes;
}

function inclusionProbes(): [string, Probe][] {
  const files: [string, Probe][] = [];
  INCLUSION_PROOFS.forEach(([leaf, size, hexProof], n) => {
    const proof = hexProof === null ? null : hexProof.map(hex);
    const idx = BigInt(leaf - 1);
    const root = ROOTS[size - 1];
    const leafHash = hashLeaf(LEAVES[leaf - 1]);
    const probes = [inclusion(idx, BigInt(size), root, leafHash, proof, 'happy path', false), ...invalidInclusion(idx, BigInt(size), proof, root, leafHash)];
    for (const probe of probes) files.push([`inclusion/${n}/${fileName(probe.desc)}`, probe]);
  });
  [[0n, 0n], [0n, 1n], [1n, 0n], [2n, 1n]].forEach(([index, size], n) => {
    for (const probe of [
      inclusion(index, size, Buffer.alloc(0), SOME_HASH, [], 'random leaf', true),
      inclusion(index, size, EMPTY_TREE_HASH, Buffer.alloc(0), [], 'empty root', true),
      inclusion(index, size, EMPTY_TREE_HASH, SOME_HASH, [], 'empty root and random leaf', true),
    ]) {
      files.push([`inclusion/additional/${n}/${fileName(probe.desc)}`, probe]);
    }
  });
  const single = hashLeaf(text('data'));
  const empty = Buffer.alloc(0);
  for (const [root, leaf, desc, wantErr] of [
    [single, single, 'matching root and leaf', false],
    [single, empty, 'empty leaf', true],
    [empty, single, 'empty root', true],
    [empty, empty, 'empty root and leaf', true],
  ] as const) {
    files.push([`inclusion/single-entry/${fileName(desc)}`, inclusion(0n, 1n, root, leaf, [], desc, wantErr)]);
  }
  return files;
}

function consistencyProbes(): [string, Probe][] {
  const files: [string, Probe][] = [];
  CONSISTENCY_PROOFS.forEach(([size1, size2, hexProof], n) => {
    const proof = hexProof === null ? null : hexProof.map(hex);
    const [root1, root2] = [ROOTS[size1 - 1], ROOTS[size2 - 1]];
    const happy = consistency(BigInt(size1), BigInt(size2), root1, root2, proof, 'happy path', false);
    // Like the generator: only proofs with elements get mutated variants.
    const probes = proof === null || proof.length === 0 ? [happy] : [happy, ...invalidConsistency(BigInt(size1), BigInt(size2), root1, root2, proof)];
    for (const probe of probes) files.push([`consistency/${n}/${fileName(probe.desc)}`, probe]);
  });
  const [root1, root2] = [text("don't care 1"), text("don't care 2")];
  const statics: ConsistencyProbe[] = [
    consistency(0n, 0n, root1, root2, [], 'sizes are equal (zero) but roots are not', true),
    consistency(1n, 1n, root1, root2, [], 'sizes are equal (one) but roots are not', true),
    consistency(0n, 0n, root1, root1, [], 'sizes are equal (zero) and proof is empty', true),
    consistency(0n, 1n, root1, root2, [], 'size1 is zero and does not equal size2', true),
    consistency(1n, 1n, root2, root2, [], 'sizes are equal (one) and proof is empty', false),
    consistency(1n, 0n, root1, root2, [], 'size1 is greater than size2', true),
    consistency(2n, 1n, root1, root2, [], 'size1 is greater than size2 again', true),
    consistency(1n, 2n, root1, root2, [], 'sizes do not watch and proof is empty', true),
    consistency(0n, 0n, EMPTY_TREE_HASH, root2, [], 'roots do not match and sizes are zero', true),
    consistency(1n, 1n, EMPTY_TREE_HASH, root2, [], 'roots do not not match and sizes are one', true),
    consistency(0n, 0n, EMPTY_TREE_HASH, EMPTY_TREE_HASH, [EMPTY_TREE_HASH], 'sizes match but proof is not empty and sizes are zero', true),
    consistency(1n, 1n, EMPTY_TREE_HASH, EMPTY_TREE_HASH, [EMPTY_TREE_HASH], 'sizes match but proof is not empty and sizes are one', true),
    consistency(0n, 1n, EMPTY_TREE_HASH, root2, [], 'size1 is zero and size2 is not zero', true),
    consistency(0n, 1n, EMPTY_TREE_HASH, EMPTY_TREE_HASH, [EMPTY_TREE_HASH], 'consistency check on empty tree (size1 is zero) is useless', true),
  ];
  for (const probe of statics) files.push([`consistency/additional/${fileName(probe.desc)}`, probe]);
  return files;
}

/** The generator's file names: parentheses dropped, spaces to dashes. */
function fileName(desc: string): string {
  return `${desc.replace(/[()]/g, '').replace(/ /g, '-')}.json`;
}

/** Every vector file, by its path under testdata/, in the order the generator writes them. */
export function transparencyDevVectors(): Map<string, Probe> {
  return new Map([...inclusionProbes(), ...consistencyProbes()]);
}

/**
 * The file's bytes as Go's encoding/json writes the probe: MarshalIndent(probe, "", "  ") at the
 * pinned commit, Marshal at some earlier ones (`compact`). Bytes are standard base64; a nil slice is
 * null. No string here needs escaping beyond what JSON.stringify does identically.
 */
export function renderProbe(probe: Probe, layout: 'indent' | 'compact'): string {
  const fields: [string, string][] =
    probe.kind === 'inclusion'
      ? [
          ['leafIdx', probe.leafIdx.toString()],
          ['treeSize', probe.treeSize.toString()],
          ['root', b64(probe.root)],
          ['leafHash', b64(probe.leafHash)],
        ]
      : [
          ['size1', probe.size1.toString()],
          ['size2', probe.size2.toString()],
          ['root1', b64(probe.root1)],
          ['root2', b64(probe.root2)],
        ];
  const proof = probe.proof === null ? null : probe.proof.map(b64);
  if (layout === 'compact') {
    const body = [...fields.map(([key, value]) => `"${key}":${value}`), `"proof":${proof === null ? 'null' : `[${proof.join(',')}]`}`, `"desc":${JSON.stringify(probe.desc)}`, `"wantErr":${probe.wantErr}`];
    return `{${body.join(',')}}`;
  }
  const proofText = proof === null ? 'null' : proof.length === 0 ? '[]' : `[\n${proof.map((hash) => `    ${hash}`).join(',\n')}\n  ]`;
  const body = [...fields.map(([key, value]) => `  "${key}": ${value}`), `  "proof": ${proofText}`, `  "desc": ${JSON.stringify(probe.desc)}`, `  "wantErr": ${probe.wantErr}`];
  return `{\n${body.join(',\n')}\n}`;
}

const b64 = (bytes: Buffer): string => JSON.stringify(bytes.toString('base64'));
