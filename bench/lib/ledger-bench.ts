import { Client } from 'pg';

/**
 * Raw append throughput of the log: `writers` connections, each committing one
 * ccr_ledger_record() per transaction for `seconds` (as the owner, the function is the same).
 */
export async function appendThroughput(databaseUrl: string, writers: number, seconds: number): Promise<{ writers: number; appends: number; appendsPerSecond: number }> {
  const clients = await Promise.all(
    Array.from({ length: writers }, async () => {
      const client = new Client({ connectionString: databaseUrl });
      await client.connect();
      return client;
    }),
  );
  const deadline = Date.now() + seconds * 1000;
  let appends = 0;
  const started = Date.now();
  try {
    await Promise.all(
      clients.map(async (client, writer) => {
        while (Date.now() < deadline) {
          await client.query(`SELECT ccr_ledger_record('denied', $1::jsonb)`, [JSON.stringify({ reason: 'benchmark', requestId: `bench-${writer}-${appends}` })]);
          appends += 1;
        }
      }),
    );
  } finally {
    await Promise.all(clients.map((client) => client.end()));
  }
  const elapsed = (Date.now() - started) / 1000;
  return { writers, appends, appendsPerSecond: Math.round(appends / elapsed) };
}

/** Density check straight from the database: indices 0..n-1, no gap, state size = n. */
export async function logDensity(databaseUrl: string): Promise<{ entries: number; maxIndex: number; stateSize: number; dense: boolean }> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string; max: string; size: string }>(
      `SELECT count(*)::text AS n, max(idx)::text AS max, (SELECT tree_size::text FROM ledger_state) AS size FROM ledger_entries`,
    );
    const entries = Number(rows[0].n);
    const maxIndex = Number(rows[0].max);
    const stateSize = Number(rows[0].size);
    return { entries, maxIndex, stateSize, dense: entries === maxIndex + 1 && entries === stateSize };
  } finally {
    await client.end();
  }
}
