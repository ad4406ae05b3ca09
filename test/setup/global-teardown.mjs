import pg from 'pg';

/** Stops the embedded cluster, or drops what this run created on an external server. */
export default async function globalTeardown() {
  const embedded = globalThis.__CCR_EMBEDDED_PG__;
  if (embedded) {
    await embedded.stop();
    return;
  }
  const adminUrl = process.env.CCR_TEST_ADMIN_URL;
  const runId = process.env.CCR_TEST_RUN_ID;
  if (!adminUrl || !runId) return;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rows } = await client.query(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`ccr_test_${runId}_%`]);
    for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
