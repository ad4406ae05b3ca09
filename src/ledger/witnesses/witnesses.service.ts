import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AgenciesRepository } from '../../agencies/agencies.repository';
import { type CallerContext } from '../../auth/caller-context';
import { CONFIG } from '../../config/config';
import { type AppConfig } from '../../config/config.types';
import { sqlStateOf, UNIQUE_VIOLATION } from '../../database/database-errors';
import { inTransaction } from '../../database/transactions';
import { UnprocessableError } from '../../platform/errors/domain-error';
import {
  createNoteVerifier,
  formatKeyId,
  KeyFormatError,
  NoteError,
  type NoteSignature,
  parseNote,
  parseVerifierKey,
  type PublicKeyInfo,
  SignatureType,
  verifyCosignature,
} from '../checkpoint';
import { CheckpointNotFoundError, CosignatureExistsError, InvalidCosignatureError, WitnessExistsError, WitnessNotFoundError } from '../ledger.errors';
import { actorOf, LedgerWriter } from '../ledger-writer';
import { CheckpointsRepository } from '../log/checkpoints.repository';
import { type WitnessRow, WitnessesRepository } from './witnesses.repository';

export interface NewWitness {
  name: string;
  verifierKey: string;
  agencyId: string;
}

export interface StoredCosignature {
  treeSize: number;
  witness: string;
  /** The cosignature's own timestamp (Unix seconds), as the witness signed it. */
  timestamp: number;
  cosignedAt: Date;
}

/**
 * Witnesses are member agencies that cosign checkpoints consistent with what they saw before
 * (c2sp.org/tlog-witness). The service stores and serves their cosignatures; it can never make
 * one, and accepts only lines that verify under the registered key over a stored checkpoint.
 */
@Injectable()
export class WitnessesService {
  constructor(
    @Inject(CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly witnesses: WitnessesRepository,
    private readonly checkpoints: CheckpointsRepository,
    private readonly agencies: AgenciesRepository,
    private readonly ledger: LedgerWriter,
  ) {}

  list(): Promise<WitnessRow[]> {
    return this.witnesses.list();
  }

  async register(caller: CallerContext, input: NewWitness): Promise<WitnessRow> {
    const key = this.checkKey(input);
    await this.checkAgency(input.agencyId);
    await this.checkKeyUnused(key.publicKey);
    try {
      return await inTransaction(this.dataSource, async (manager) => {
        const witness = await this.witnesses.insert(manager, input);
        await this.ledger.record(manager, 'witness_registered', {
          actor: actorOf(caller),
          requestId: caller.requestId,
          detail: { witness: input.name, keyId: formatKeyId(key.keyId), agency: input.agencyId },
        });
        return witness;
      });
    } catch (error) {
      if (sqlStateOf(error) === UNIQUE_VIOLATION) throw new WitnessExistsError();
      throw error;
    }
  }

  async cosign(caller: CallerContext, treeSize: number, line: string): Promise<StoredCosignature> {
    const checkpoint = await this.checkpoints.bySize(treeSize);
    if (!checkpoint) throw new CheckpointNotFoundError();
    const text = parseNote(checkpoint.note).text;
    const signature = parseCosignatureLine(text, line);
    const witness = await this.witnesses.findForAgency(signature.name, caller.principal.agencyId);
    if (!witness) throw new WitnessNotFoundError();
    const timestamp = verifyCosignature(await createNoteVerifier(witness.verifierKey), text, signature);
    if (timestamp === null) throw new InvalidCosignatureError('the cosignature does not verify for this checkpoint under the registered witness key');
    const normalized = line.endsWith('\n') ? line : `${line}\n`;
    const stored = await this.witnesses.insertCosignature(treeSize, witness.name, normalized);
    if (!stored.inserted && stored.line !== normalized) throw new CosignatureExistsError();
    return { treeSize, witness: witness.name, timestamp, cosignedAt: stored.cosignedAt };
  }

  /** A cosignature/v1 key (type 0x04) whose key name is the witness name, and not the log's own name. */
  private checkKey(input: NewWitness): PublicKeyInfo {
    let info;
    try {
      info = parseVerifierKey(input.verifierKey);
    } catch (error) {
      if (error instanceof KeyFormatError) throw UnprocessableError.field('verifierKey', `not a valid C2SP verifier key: ${error.message}`);
      throw error;
    }
    if (info.type !== SignatureType.CosignatureV1) throw UnprocessableError.field('verifierKey', 'a witness key must be a cosignature/v1 (type 0x04) key');
    if (info.name !== input.name) throw UnprocessableError.field('name', 'must equal the key name inside verifierKey');
    if (input.name === this.config.ledger.origin) throw UnprocessableError.field('name', "must differ from the log's own key name");
    return info;
  }

  /** One public key under two names would let one witness count twice towards a quorum. */
  private async checkKeyUnused(publicKey: Buffer): Promise<void> {
    const registered = await this.witnesses.list();
    if (registered.some((witness) => parseVerifierKey(witness.verifierKey).publicKey.equals(publicKey))) throw new WitnessExistsError();
  }

  /** Witnesses are independent member agencies: never the coordinating body that runs the log. */
  private async checkAgency(agencyId: string): Promise<void> {
    const agency = await this.agencies.findById(agencyId);
    if (!agency) throw UnprocessableError.field('agencyId', 'no such agency');
    if (agency.coordinatingBody) throw UnprocessableError.field('agencyId', 'the coordinating body runs the log and cannot witness it');
  }
}

/** Exactly one note signature line (the trailing newline may be omitted in JSON). */
function parseCosignatureLine(checkpointText: string, line: string): NoteSignature {
  const body = line.endsWith('\n') ? line : `${line}\n`;
  if (body.indexOf('\n') !== body.length - 1) throw new InvalidCosignatureError('send exactly one signature line');
  try {
    return parseNote(`${checkpointText}\n${body}`).signatures[0];
  } catch (error) {
    if (error instanceof NoteError) throw new InvalidCosignatureError('not a C2SP note signature line ("— <name> <base64>")');
    throw error;
  }
}
