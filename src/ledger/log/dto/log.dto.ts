import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { MayBeOmitted } from '../../../platform/http/may-be-omitted';
import { formatKeyId, keyFingerprint, type LogKeyHistory } from '../../checkpoint';
import { LogNumber } from '../../dto/log-number';
import { type CosignedCheckpoint } from '../checkpoints.service';
import { MAX_ENTRIES_PAGE } from '../entries.service';
import { type ConsistencyProof, type InclusionProof } from '../proofs.service';

const b64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');

export const CHECKPOINT_FORMATS = ['note', 'json'] as const;
export type CheckpointFormat = (typeof CHECKPOINT_FORMATS)[number];

export class CheckpointFormatQueryDto {
  @ApiPropertyOptional({ enum: CHECKPOINT_FORMATS, description: 'note: the signed note as text/plain (default, unless Accept prefers JSON); json: the same with its parts.' })
  @MayBeOmitted()
  @IsIn(CHECKPOINT_FORMATS)
  format?: CheckpointFormat;
}

export class CheckpointListQueryDto {
  @LogNumber('Only checkpoints of a larger tree size (default 0: from the first).', { optional: true })
  after?: number;

  @LogNumber('Page size (default 100).', { optional: true, min: 1, max: 1000 })
  limit?: number;
}

export class EntriesQueryDto {
  @LogNumber('First leaf index.')
  start!: number;

  @LogNumber(`End (exclusive); capped at the tree size and at start + ${MAX_ENTRIES_PAGE}.`, { optional: true })
  end?: number;
}

export class InclusionQueryDto {
  @LogNumber('Leaf index.')
  index!: number;

  @LogNumber('Tree size to prove against (any size up to the current one); default: the latest checkpoint.', { optional: true })
  size?: number;
}

export class ConsistencyQueryDto {
  @LogNumber('The older tree size (e.g. a receipt you kept, or a witness\'s last cosigned size).')
  from!: number;

  @LogNumber('The newer tree size; default: the latest checkpoint.', { optional: true })
  to?: number;
}

export class LogKeyDto {
  @ApiProperty({ description: 'The log\'s origin line; also the name of its key.' }) origin!: string;
  @ApiProperty({ description: 'C2SP verifier key (type 0x01 Ed25519) that signs new checkpoints. Pin the root of GET /ledger/log-keys out of band; this endpoint is a convenience.' }) verifierKey!: string;
}

export class KeyTransitionDto {
  @ApiProperty({ type: 'integer', description: 'Index of the log_key_transition entry (from − 1).' }) index!: number;
  @ApiProperty({ description: 'The signed transition statement (a C2SP signed note, signed by the outgoing and the incoming key; docs/ledger-format.md §8.1).' })
  note!: string;
}

export class LogKeyPeriodDto {
  @ApiProperty({ description: 'C2SP verifier key (type 0x01 Ed25519).' }) verifierKey!: string;
  @ApiProperty({ description: 'Its signed-note key ID, 8 hex digits, as checkpoint signature lines carry it.' }) keyId!: string;
  @ApiProperty({ description: 'SHA-256 of the vkey text, first 16 bytes, in groups of 4 hex digits: compare it out of band.' }) fingerprint!: string;
  @ApiProperty({ type: 'integer', description: 'The first tree size whose checkpoint this key signs.' }) from!: number;
  @ApiPropertyOptional({ type: KeyTransitionDto, nullable: true, description: 'The transition that brought this key in; null for the root key.' })
  transition!: KeyTransitionDto | null;
}

export class LogKeysDto {
  @ApiProperty({ description: 'The log\'s origin line.' }) origin!: string;
  @ApiProperty({ type: [LogKeyPeriodDto], description: 'The root key first, then each key a signed transition handed over to. Verifiers follow them from the root in their own trust policy.' })
  keys!: LogKeyPeriodDto[];

  static from(origin: string, history: LogKeyHistory): LogKeysDto {
    return {
      origin,
      keys: history.periods.map((period) => ({
        verifierKey: period.vkey,
        keyId: formatKeyId(period.verifier.keyId),
        fingerprint: keyFingerprint(period.vkey),
        from: period.from,
        transition: period.transition ? { index: period.transition.index ?? period.from - 1, note: period.transition.note } : null,
      })),
    };
  }
}

export class CosignatureDto {
  @ApiProperty({ description: 'Witness key name.' }) witness!: string;
  @ApiProperty({ description: 'The cosignature/v1 note signature line, newline included.' }) line!: string;
  @ApiProperty({ format: 'date-time' }) cosignedAt!: string;
}

export class CheckpointDto {
  @ApiProperty() origin!: string;
  @ApiProperty({ type: 'integer' }) treeSize!: number;
  @ApiProperty({ description: 'base64 root hash.' }) rootHash!: string;
  @ApiProperty({ format: 'date-time' }) signedAt!: string;
  @ApiProperty({ description: 'The signed note (C2SP) with every stored cosignature line appended.' }) note!: string;
  @ApiProperty({ type: [CosignatureDto] }) cosignatures!: CosignatureDto[];

  static from(view: CosignedCheckpoint, origin: string): CheckpointDto {
    return {
      origin,
      treeSize: view.checkpoint.treeSize,
      rootHash: b64(view.checkpoint.root),
      signedAt: view.checkpoint.signedAt.toISOString(),
      note: view.note,
      cosignatures: view.cosignatures.map((each) => ({ witness: each.witnessName, line: each.signatureLine, cosignedAt: each.cosignedAt.toISOString() })),
    };
  }
}

export class CheckpointListDto {
  @ApiProperty({ type: [CheckpointDto] }) checkpoints!: CheckpointDto[];
  @ApiPropertyOptional({ type: 'integer', nullable: true, description: 'Pass as `after` for the next page; null at the end.' }) next!: number | null;
}

export class PublishedCheckpointDto {
  @ApiProperty({ description: 'False when the log had not grown: the latest checkpoint is returned unchanged.' }) published!: boolean;
  @ApiProperty({ type: CheckpointDto }) checkpoint!: CheckpointDto;
}

export class EntryBytesDto {
  @ApiProperty({ type: 'integer' }) index!: number;
  @ApiProperty({ description: 'base64 stored leaf hash; recompute it as SHA-256(0x00 || entry) and compare.' }) leafHash!: string;
  @ApiProperty({ description: 'base64 of the exact entry bytes (UTF-8 JSON as hashed).' }) entry!: string;
}

export class EntriesPageDto {
  @ApiProperty({ type: 'integer' }) start!: number;
  @ApiProperty({ type: 'integer', description: 'Exclusive end of this page: continue from here.' }) end!: number;
  @ApiProperty({ type: 'integer', description: 'Tree size when the page was read.' }) treeSize!: number;
  @ApiProperty({ type: [EntryBytesDto] }) entries!: EntryBytesDto[];
}

export class InclusionProofDto {
  @ApiProperty({ type: 'integer' }) index!: number;
  @ApiProperty({ type: 'integer' }) treeSize!: number;
  @ApiProperty({ description: 'base64 stored leaf hash (a verifier recomputes it from the entry).' }) leafHash!: string;
  @ApiProperty({ type: [String], description: 'base64 hashes, leaf to root (RFC 9162 §2.1.3.1).' }) proof!: string[];

  static from(proof: InclusionProof): InclusionProofDto {
    return { index: proof.index, treeSize: proof.treeSize, leafHash: b64(proof.leafHash), proof: proof.proof.map(b64) };
  }
}

export class ConsistencyProofDto {
  @ApiProperty({ type: 'integer' }) from!: number;
  @ApiProperty({ type: 'integer' }) to!: number;
  @ApiProperty({ type: [String], description: 'base64 hashes (RFC 9162 §2.1.4.1); empty when from is 0 or equals to.' }) proof!: string[];

  static from(proof: ConsistencyProof): ConsistencyProofDto {
    return { from: proof.from, to: proof.to, proof: proof.proof.map(b64) };
  }
}
