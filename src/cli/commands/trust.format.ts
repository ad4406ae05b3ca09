import { keyFingerprint, parseVerifierKey } from '../../ledger/checkpoint';
import { type TrustPolicyFile } from '../../ledger/verifier';
import type { CommandOutput } from '../cli-context';

/** The log's keys as the server published them (checked: each transition signed by the key before). */
export interface ServerKeys {
  origin: string;
  root: string;
  current: string;
  transitions: number;
}

export function initOutput(path: string, root: string, server: ServerKeys | null): CommandOutput {
  const lines = [
    `Wrote ${path}: it trusts the disclosure log whose root key is`,
    `  ${root}`,
    `  fingerprint ${keyFingerprint(root)}`,
  ];
  if (server) {
    lines.push(
      '',
      `The server at hand published this key. Before you rely on ${path}, compare the fingerprint above with the one`,
      'the CCR published out of band (in the MOU, or read to you by the CCR coordinator over a channel you trust).',
      'If they differ, delete the file: this server is not the log you mean to check.',
    );
    if (server.transitions > 0) {
      lines.push('', `The log changed its key ${server.transitions} time(s) since, each change signed by the key before it; its key now is`, `  ${server.current}`, `  fingerprint ${keyFingerprint(server.current)}`);
    }
  }
  lines.push('', `Add the witnesses you rely on with: ccrx ledger trust add-witness --trust ${path} --witness <vkey> --quorum <n>`);
  return {
    json: { file: path, log: root, fingerprint: keyFingerprint(root), fromServer: server !== null, currentKey: server?.current ?? root, transitions: server?.transitions ?? 0 },
    text: lines.join('\n'),
  };
}

/** A trust policy in plain words: whom it trusts, how many witnesses it requires, and the fingerprints to compare. */
export function describeTrustPolicy(path: string, file: TrustPolicyFile): CommandOutput {
  const log = parseVerifierKey(file.log);
  const witnesses = file.witnesses.map((vkey) => ({ name: parseVerifierKey(vkey).name, verifierKey: vkey, fingerprint: keyFingerprint(vkey) }));
  const lines = [
    `Trust policy ${path}`,
    '',
    `It trusts the disclosure log "${file.origin ?? log.name}" whose root key (the key of its first checkpoints) is`,
    `  ${file.log}`,
    `  fingerprint ${keyFingerprint(file.log)}`,
    'A checkpoint must be signed by the key in force for its tree size: that key, or a key it handed the log over to',
    'in a key transition signed by the key before (ccrx follows those itself; this file needs no change when the key changes).',
    '',
  ];
  if (witnesses.length === 0) {
    lines.push('It lists no witness. A log operator who rewrote history and signed it again would be caught only by checkpoints', 'and receipts you kept (--previous): add witnesses with ccrx ledger trust add-witness.');
  } else {
    lines.push(`It lists ${witnesses.length} witness(es); every checkpoint must be cosigned by at least ${file.quorum} of them:`);
    for (const witness of witnesses) lines.push(`  - ${witness.name}, fingerprint ${witness.fingerprint}`);
    if (file.quorum === 0) lines.push('With a quorum of 0, no cosignature is required: set one with --quorum.');
  }
  lines.push('', 'Compare every fingerprint with the one its owner published out of band before you rely on this file.');
  return {
    json: { file: path, origin: file.origin ?? log.name, log: { verifierKey: file.log, fingerprint: keyFingerprint(file.log) }, witnesses, quorum: file.quorum },
    text: lines.join('\n'),
  };
}
