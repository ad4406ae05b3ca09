import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Hashes of complete perfect subtrees at level ≥ 1 (level 0 is ledger_entries.leaf_hash): node
 * (level L, index i) covers leaves [i·2^L, (i+1)·2^L). Any proof is O(log n) point reads.
 */
@Entity({ name: 'ledger_nodes' })
export class LedgerNodeEntity {
  @PrimaryColumn({ type: 'smallint' })
  level!: number;

  @PrimaryColumn({ type: 'bigint' })
  idx!: string;

  @Column({ type: 'bytea' })
  hash!: Buffer;
}

/**
 * The single row every append locks (FOR UPDATE, READ COMMITTED): it serializes appenders across
 * all API processes, so indices are dense and the tree never forks.
 */
@Entity({ name: 'ledger_state' })
@Check('ledger_state_single_row', 'id = 1')
export class LedgerStateEntity {
  @PrimaryColumn({ type: 'smallint' })
  id!: number;

  @Column({ name: 'tree_size', type: 'bigint' })
  treeSize!: string;

  /** Roots of the perfect subtrees along the right edge, left to right. */
  @Column({ type: 'bytea', array: true })
  frontier!: Buffer[];
}

/** A signed checkpoint (C2SP signed note) published by the log. */
@Entity({ name: 'ledger_checkpoints' })
export class LedgerCheckpointEntity {
  @PrimaryColumn({ name: 'tree_size', type: 'bigint' })
  treeSize!: string;

  @Column({ type: 'bytea' })
  root!: Buffer;

  @Column({ type: 'text' })
  note!: string;

  @Column({ name: 'signed_at', type: 'timestamptz' })
  signedAt!: Date;
}

/** A witness's cosignature line (C2SP cosignature/v1) over a checkpoint. */
@Entity({ name: 'ledger_cosignatures' })
export class LedgerCosignatureEntity {
  @PrimaryColumn({ name: 'tree_size', type: 'bigint' })
  treeSize!: string;

  @PrimaryColumn({ name: 'witness_name', type: 'text' })
  witnessName!: string;

  @Column({ name: 'signature_line', type: 'text' })
  signatureLine!: string;

  @Column({ name: 'cosigned_at', type: 'timestamptz' })
  cosignedAt!: Date;
}

/** Witnesses whose cosignatures the service accepts and serves (registered by administrators). */
@Entity({ name: 'ledger_witnesses' })
export class LedgerWitnessEntity {
  @PrimaryColumn({ type: 'text' })
  name!: string;

  /** C2SP vkey: <name>+<hex key id>+<base64(0x04 || Ed25519 public key)>. */
  @Column({ name: 'verifier_key', type: 'text', unique: true })
  verifierKey!: string;

  @Column({ name: 'agency_id', type: 'uuid', nullable: true })
  agencyId!: string | null;

  @Column({ name: 'registered_at', type: 'timestamptz', default: () => 'now()' })
  registeredAt!: Date;
}
