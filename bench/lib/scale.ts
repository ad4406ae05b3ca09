import { randomBytes, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { appendToFrontier, leafHash } from '../../src/ledger/merkle';

const DAY = 86_400_000;

/**
 * Bulk seeding for the "at scale" runs, straight into PostgreSQL as the owner (seeding a million
 * log entries through the API would take longer than the benchmark). Consents are realistic rows
 * (their signatures are not checked on the read paths measured); log entries are real RFC 9162
 * leaves appended after the existing ones, with their subtree nodes and per-case chains, so the
 * log stays verifiable.
 */
export async function seedScale(databaseUrl: string, options: { consents: number; entries: number; custodianAgencyId: string; recipientAgencyIds: string[] }, log: (line: string) => void): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const caseIds = Array.from({ length: Math.max(1, Math.ceil(options.consents / 10)) }, () => randomUUID());
    await insertCases(client, caseIds, options.custodianAgencyId);
    await insertConsents(client, caseIds, options, log);
    await appendEntries(client, caseIds, options, log);
    await client.query('ANALYZE');
  } finally {
    await client.end();
  }
}

async function insertCases(client: Client, caseIds: string[], custodian: string): Promise<void> {
  for (let start = 0; start < caseIds.length; start += 10_000) {
    await client.query(`INSERT INTO cases (id, custodian_agency_id) SELECT unnest($1::uuid[]), $2`, [caseIds.slice(start, start + 10_000), custodian]);
  }
}

async function insertConsents(client: Client, caseIds: string[], options: { consents: number; custodianAgencyId: string; recipientAgencyIds: string[] }, log: (line: string) => void): Promise<void> {
  const batch = 5_000;
  for (let start = 0; start < options.consents; start += batch) {
    const ids: string[] = [];
    const cases: string[] = [];
    const recipients: string[] = [];
    for (let i = start; i < Math.min(options.consents, start + batch); i += 1) {
      ids.push(randomUUID());
      cases.push(caseIds[i % caseIds.length]);
      recipients.push(options.recipientAgencyIds[i % options.recipientAgencyIds.length]);
    }
    await client.query(
      `INSERT INTO consents (id, case_id, custodian_agency_id, recipient_agency_id, current_version)
       SELECT id, case_id, $3, recipient, 1 FROM unnest($1::uuid[], $2::uuid[], $4::uuid[]) AS t(id, case_id, recipient)`,
      [ids, cases, options.custodianAgencyId, recipients],
    );
    await client.query(
      `INSERT INTO consent_versions (consent_id, version, categories, actions, purpose, valid_from, valid_until, capture_mode, language,
                                     interpreter, informed_consent, deny_agency_ids, recorded_by_principal_id, recorded_at, signer_epoch, signature)
       SELECT id, 1, '{risk}', '{receive_notes}', 'prosecution_support', $2, $3, 'written_signature', 'en', '{"used": false}',
              '{}', '{}', $4, now(), 1, $5 FROM unnest($1::uuid[]) AS id`,
      [ids, new Date(Date.now() - DAY), new Date(Date.now() + 90 * DAY), randomUUID(), randomBytes(64)],
    );
    if ((start / batch) % 4 === 0) log(`  consents: ${Math.min(options.consents, start + batch)} / ${options.consents}`);
  }
}

interface PendingEntry {
  idx: number;
  hash: Buffer;
  entry: Buffer;
  caseId: string;
  caseSeq: number;
}

async function appendEntries(client: Client, caseIds: string[], options: { entries: number; custodianAgencyId: string; recipientAgencyIds: string[] }, log: (line: string) => void): Promise<void> {
  const state = (await client.query<{ tree_size: string; frontier: Buffer[] }>('SELECT tree_size, frontier FROM ledger_state WHERE id = 1')).rows[0];
  let size = Number(state.tree_size);
  let frontier = state.frontier;
  const chains = new Map<string, { seq: number; last: Buffer | null }>();
  const batch = 5_000;
  const started = Date.now();
  for (let done = 0; done < options.entries; done += batch) {
    const entries: PendingEntry[] = [];
    const nodes: { level: number; index: number; hash: Buffer }[] = [];
    for (let i = 0; i < Math.min(batch, options.entries - done); i += 1) {
      const caseId = caseIds[(done + i) % caseIds.length];
      const chain = chains.get(caseId) ?? { seq: 0, last: null };
      const entry = Buffer.from(JSON.stringify(syntheticEntry(caseId, chain, options.custodianAgencyId, options.recipientAgencyIds[(done + i) % options.recipientAgencyIds.length])));
      const hash = leafHash(entry);
      const appended = appendToFrontier(frontier, size, hash);
      frontier = appended.frontier;
      nodes.push(...appended.newNodes.filter((node) => node.level > 0));
      entries.push({ idx: size, hash, entry, caseId, caseSeq: chain.seq + 1 });
      chains.set(caseId, { seq: chain.seq + 1, last: hash });
      size += 1;
    }
    await insertEntries(client, entries, options.custodianAgencyId);
    await client.query(`INSERT INTO ledger_nodes (level, idx, hash) SELECT * FROM unnest($1::smallint[], $2::bigint[], $3::bytea[])`, [
      nodes.map((node) => node.level),
      nodes.map((node) => node.index),
      nodes.map((node) => node.hash),
    ]);
    if ((done / batch) % 20 === 0) log(`  log entries: ${done + entries.length} / ${options.entries} (${Math.round((Date.now() - started) / 1000)} s)`);
  }
  // The state moves forward by a whole batch, as an integration moves it (decision 0036).
  await client.query(`UPDATE ledger_state SET tree_size = $1, frontier = $2 WHERE id = 1`, [size, frontier]);
}

async function insertEntries(client: Client, entries: PendingEntry[], actorAgency: string): Promise<void> {
  await client.query(
    `INSERT INTO ledger_entries (idx, leaf_hash, entry, kind, recorded_at, actor_agency_id, case_id, case_seq, outcome)
     SELECT idx, hash, entry, 'access', now(), $4, case_id, seq, 'permitted'
       FROM unnest($1::bigint[], $2::bytea[], $3::bytea[], $5::uuid[], $6::int[]) AS t(idx, hash, entry, case_id, seq)`,
    [entries.map((e) => e.idx), entries.map((e) => e.hash), entries.map((e) => e.entry), actorAgency, entries.map((e) => e.caseId), entries.map((e) => e.caseSeq)],
  );
}

/** An entry shaped like a real custodian access (ids and codes only), about 600 bytes. */
function syntheticEntry(caseId: string, chain: { seq: number; last: Buffer | null }, agency: string, recipient: string): Record<string, unknown> {
  return {
    v: 1,
    id: randomUUID(),
    kind: 'access',
    time: new Date().toISOString(),
    actor: { principal: randomUUID(), agency, roles: ['agency_worker'] },
    discloser: agency,
    recipient,
    case: caseId,
    records: [randomUUID()],
    categories: ['risk'],
    purpose: 'custodian_case_work',
    basis: { kind: 'custodian' },
    outcome: 'permitted',
    requestId: randomUUID(),
    caseSeq: chain.seq + 1,
    casePrev: chain.last ? chain.last.toString('hex') : null,
  };
}
