import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { type JsonHttp } from '../../src/ledger/verifier';
import { type TestApp } from './app';
import { type Actor } from './ccr';

/**
 * Disclosure-log fixtures written straight into PostgreSQL (as the owner, or as the API role for
 * the log's own functions): cases, consents, mandates and sealed records with the entries the
 * service would write, so the log's endpoints can be tested on realistic chains.
 */
export class LedgerFixtures {
  private constructor(
    readonly owner: Client,
    readonly api: Client,
  ) {}

  static async connect(databaseUrl: string, api: Client): Promise<LedgerFixtures> {
    const owner = new Client({ connectionString: databaseUrl });
    await owner.connect();
    return new LedgerFixtures(owner, api);
  }

  async close(): Promise<void> {
    await this.api.end();
    await this.owner.end();
  }

  async openCase(custodian: string, actor: Actor, linkedFrom: string | null = null): Promise<string> {
    const caseId = randomUUID();
    await this.owner.query('INSERT INTO cases (id, custodian_agency_id, linked_from_case_id) VALUES ($1, $2, $3)', [caseId, custodian, linkedFrom]);
    await this.log('case_opened', { actor: actorOf(actor), case: caseId, requestId: `open-${caseId}` });
    return caseId;
  }

  async recordConsent(caseId: string, custodian: string, recipient: string, actor: Actor, options: { categories?: string[]; purpose?: string } = {}): Promise<string> {
    const consentId = randomUUID();
    await this.owner.query('INSERT INTO consents (id, case_id, custodian_agency_id, recipient_agency_id, current_version) VALUES ($1, $2, $3, $4, 1)', [consentId, caseId, custodian, recipient]);
    await this.owner.query(
      `INSERT INTO consent_versions (consent_id, version, categories, actions, purpose, valid_from, valid_until, capture_mode, language,
         interpreter, informed_consent, deny_agency_ids, recorded_by_principal_id, recorded_at, signer_epoch, signature)
       VALUES ($1, 1, $2, '{receive_notes}', $3, now() - interval '1 day', now() + interval '90 days',
         'written_signature', 'en', '{"used": false}', '{}', '{}', $4, now(), 1, '\\x00')`,
      [consentId, options.categories ?? ['risk'], options.purpose ?? 'prosecution_support', actor.id],
    );
    await this.log('consent_recorded', { actor: actorOf(actor), case: caseId, recipient, basis: { kind: 'consent', consent: consentId, version: 1 }, requestId: `consent-${consentId}` });
    return consentId;
  }

  async revokeConsent(consentId: string, caseId: string, recipient: string, actor: Actor): Promise<void> {
    await this.owner.query(`UPDATE consents SET revoked_at = now(), revoked_by_principal_id = $2, revocation_channel = 'phone' WHERE id = $1`, [consentId, actor.id]);
    await this.log('consent_revoked', { actor: actorOf(actor), case: caseId, recipient, basis: { kind: 'consent', consent: consentId, version: 1 }, requestId: `revoke-${consentId}` });
  }

  async registerMandate(caseId: string, custodian: string, recipient: string, actor: Actor, notification: 'pending' | 'delayed' | 'notified' = 'delayed'): Promise<string> {
    const mandateId = randomUUID();
    const notifiedAt = notification === 'notified' ? new Date() : null;
    const reason = notification === 'delayed' ? 'risk_of_serious_harm' : null;
    await this.owner.query(
      `INSERT INTO mandates (id, case_id, custodian_agency_id, recipient_agency_id, basis, categories, valid_from, reviewed_by_principal_id,
         reviewed_at, survivor_notification, survivor_notified_at, notification_reason, recorded_by_principal_id, recorded_at)
       VALUES ($1, $2, $3, $4, 'court_order', '{legal}', now() - interval '1 hour', $5, now(), $6, $7, $8, $5, now())`,
      [mandateId, caseId, custodian, recipient, actor.id, notification, notifiedAt, reason],
    );
    await this.log('mandate_registered', { actor: actorOf(actor), case: caseId, recipient, basis: { kind: 'mandate', mandate: mandateId }, requestId: `mandate-${mandateId}` });
    return mandateId;
  }

  /** A sealed record (dummy ciphertext) of the case, wrapped for the author and the given recipients. */
  async storeRecord(caseId: string, author: string, category: string, recipients: { agency: string; basis: 'consent' | 'mandate'; basisId: string }[]): Promise<string> {
    const recordId = randomUUID();
    await this.owner.query(
      `INSERT INTO records (id, case_id, category, author_agency_id, signer_epoch, created_at, nonce, ciphertext, ciphertext_sha256, key_commitment, signature)
       VALUES ($1, $2, $3, $4, 1, '2026-11-21T00:00:00.000Z', '\\x01', '\\xc1c1c1c1deadbeef', '\\x02', '\\x03', '\\x04')`,
      [recordId, caseId, category, author],
    );
    const wraps = [{ agency: author, basis: 'custodian', basisId: null as string | null }, ...recipients];
    for (const wrap of wraps) {
      await this.owner.query(`INSERT INTO record_recipients (record_id, agency_id, epoch, basis_kind, basis_id, wrap_hash, via) VALUES ($1, $2, 1, $3, $4, '\\x05', 'manifest')`, [
        recordId,
        wrap.agency,
        wrap.basis,
        wrap.basisId,
      ]);
      await this.owner.query('INSERT INTO record_wraps (record_id, agency_id, wrap) VALUES ($1, $2, $3)', [recordId, wrap.agency, Buffer.from(`wrap-${wrap.agency}`)]);
    }
    return recordId;
  }

  /** A read through the database's disclosure function: logs a disclosure (or an access). */
  async read(recordId: string, reader: Actor, purpose = 'prosecution_support'): Promise<number> {
    await this.api.query(`SELECT 1 FROM ccr_open_record($1, $2::jsonb, $3, $4)`, [recordId, JSON.stringify(actorOf(reader)), purpose, `read-${randomUUID()}`]);
    return this.integrate();
  }

  async refuse(caseId: string, reader: Actor, discloser: string, reason: string): Promise<number> {
    return this.log('denied', { actor: actorOf(reader), case: caseId, discloser, recipient: reader.agencyId, categories: ['health'], purpose: 'housing', outcome: 'denied', reason, requestId: `deny-${randomUUID()}` });
  }

  async log(kind: string, fields: Record<string, unknown>): Promise<number> {
    await this.api.query('SELECT ccr_ledger_record($1, $2::jsonb)', [kind, JSON.stringify(fields)]);
    return this.integrate();
  }

  /** Integrates the queue into the tree, as the API does after each act: the index of this session's last entry. */
  private async integrate(): Promise<number> {
    const { rows } = await this.api.query<{ idx: string }>('SELECT ccr_ledger_integrate() AS idx');
    return Number(rows[0].idx);
  }

  async treeSize(): Promise<number> {
    const { rows } = await this.owner.query<{ tree_size: string }>('SELECT tree_size FROM ledger_state');
    return Number(rows[0].tree_size);
  }

  async entriesOfKind(kind: string): Promise<{ idx: number; entry: Record<string, unknown> }[]> {
    const { rows } = await this.owner.query<{ idx: string; entry: Buffer }>('SELECT idx, entry FROM ledger_entries WHERE kind = $1 ORDER BY idx', [kind]);
    return rows.map((row) => ({ idx: Number(row.idx), entry: JSON.parse(row.entry.toString('utf8')) as Record<string, unknown> }));
  }

  /**
   * Makes every write of a log entry fail — into the queue, where an act writes it, and into the
   * tree — until the returned function is called. `tables` narrows the fault to one of them.
   */
  async failLedgerInserts(tables: readonly ('ledger_queue' | 'ledger_entries')[] = ['ledger_queue', 'ledger_entries']): Promise<() => Promise<void>> {
    const name = `fail_ledger_${randomUUID().replace(/-/g, '')}`;
    await this.owner.query(`CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'injected fault'; END $$`);
    for (const table of tables) await this.owner.query(`CREATE TRIGGER ${name} BEFORE INSERT ON ${table} FOR EACH ROW EXECUTE FUNCTION ${name}()`);
    return async () => {
      for (const table of tables) await this.owner.query(`DROP TRIGGER ${name} ON ${table}`);
      await this.owner.query(`DROP FUNCTION ${name}()`);
    };
  }
}

export function actorOf(actor: Actor): { principal: string; agency: string; roles: string[] } {
  return { principal: actor.id, agency: actor.agencyId, roles: actor.roles };
}

/** The verifier's and witness's HTTP port, over the in-process app (supertest) with a bearer token. */
export function apiAs(t: TestApp, actor: Actor): JsonHttp {
  return {
    async request<T>(request: { method: 'GET' | 'POST'; path: string; query?: Record<string, string | number | boolean | undefined>; json?: unknown }): Promise<{ body: T }> {
      const query = Object.fromEntries(Object.entries(request.query ?? {}).filter(([, value]) => value !== undefined)) as Record<string, string>;
      const pending = request.method === 'GET' ? t.http().get(request.path).query(query) : t.http().post(request.path).send(request.json as object);
      const response = await pending.set('Authorization', actor.bearer);
      if (response.status >= 400) throw new Error(`${request.method} ${request.path} answered ${response.status}: ${JSON.stringify(response.body)}`);
      return { body: response.body as T };
    },
  };
}
