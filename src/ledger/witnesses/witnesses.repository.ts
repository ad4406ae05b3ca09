import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

export interface WitnessRow {
  name: string;
  verifierKey: string;
  agencyId: string;
  registeredAt: Date;
}

interface RawWitness {
  name: string;
  verifier_key: string;
  agency_id: string;
  registered_at: Date;
}

const COLUMNS = 'name, verifier_key, agency_id, registered_at';

/** Registered witnesses and the cosignatures they post (insert-only tables). */
@Injectable()
export class WitnessesRepository {
  constructor(private readonly dataSource: DataSource) {}

  async list(): Promise<WitnessRow[]> {
    const rows: RawWitness[] = await this.dataSource.query(`SELECT ${COLUMNS} FROM ledger_witnesses ORDER BY name`);
    return rows.map(toWitness);
  }

  /** A witness run by this agency; another agency's witness is as absent as a missing one. */
  async findForAgency(name: string, agencyId: string): Promise<WitnessRow | null> {
    const rows: RawWitness[] = await this.dataSource.query(`SELECT ${COLUMNS} FROM ledger_witnesses WHERE name = $1 AND agency_id = $2`, [name, agencyId]);
    return rows.length === 0 ? null : toWitness(rows[0]);
  }

  async insert(manager: EntityManager, witness: Omit<WitnessRow, 'registeredAt'>): Promise<WitnessRow> {
    const rows: RawWitness[] = await manager.query(
      `INSERT INTO ledger_witnesses (name, verifier_key, agency_id) VALUES ($1, $2, $3) RETURNING ${COLUMNS}`,
      [witness.name, witness.verifierKey, witness.agencyId],
    );
    return toWitness(rows[0]);
  }

  /** Stores a cosignature unless the witness already has one for this size; returns the stored line. */
  async insertCosignature(treeSize: number, witnessName: string, line: string): Promise<{ line: string; cosignedAt: Date; inserted: boolean }> {
    const inserted: { cosigned_at: Date }[] = await this.dataSource.query(
      `INSERT INTO ledger_cosignatures (tree_size, witness_name, signature_line, cosigned_at) VALUES ($1, $2, $3, now())
       ON CONFLICT (tree_size, witness_name) DO NOTHING RETURNING cosigned_at`,
      [treeSize, witnessName, line],
    );
    if (inserted.length > 0) return { line, cosignedAt: inserted[0].cosigned_at, inserted: true };
    const existing: { signature_line: string; cosigned_at: Date }[] = await this.dataSource.query(
      'SELECT signature_line, cosigned_at FROM ledger_cosignatures WHERE tree_size = $1 AND witness_name = $2',
      [treeSize, witnessName],
    );
    return { line: existing[0].signature_line, cosignedAt: existing[0].cosigned_at, inserted: false };
  }
}

function toWitness(row: RawWitness): WitnessRow {
  return { name: row.name, verifierKey: row.verifier_key, agencyId: row.agency_id, registeredAt: row.registered_at };
}
