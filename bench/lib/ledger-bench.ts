import { Client } from 'pg';

/**
 * Raw append throughput of the log: `writers` connections, each committing one
 * ccr_ledger_record() per transaction for `seconds` and then integrating, as the API does after
 * every act (as the owner, the functions are the same). An append counts once its entry is in the
 * tree; the queue is empty at the end (checked).
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
          await client.query('SELECT ccr_ledger_integrate()');
          appends += 1;
        }
      }),
    );
    const left = await clients[0].query<{ n: string }>('SELECT count(*) AS n FROM ledger_queue');
    if (Number(left.rows[0].n) !== 0) throw new Error(`${left.rows[0].n} appended entries were left out of the tree`);
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

/**
 * Latency of one inclusion proof on its own: one client, requests one after another for random
 * leaves, so the figure is the proof's cost and not the queueing of 32 concurrent requests.
 */
export async function proofLatency(baseUrl: string, token: string, treeSize: number, requests: number): Promise<{ requests: number; treeSize: number; p50: number; p99: number }> {
  const millis: number[] = [];
  for (let i = 0; i < requests; i += 1) {
    const index = Math.floor(Math.random() * treeSize);
    const started = process.hrtime.bigint();
    const response = await fetch(`${baseUrl}/ledger/proofs/inclusion?index=${index}&size=${treeSize}`, { headers: { Authorization: `Bearer ${token}` } });
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`inclusion proof answered ${response.status}`);
    millis.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  millis.sort((a, b) => a - b);
  const at = (q: number) => Math.round(millis[Math.min(millis.length - 1, Math.floor(q * millis.length))] * 100) / 100;
  return { requests, treeSize, p50: at(0.5), p99: at(0.99) };
}
