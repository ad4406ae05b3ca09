import { Client } from 'pg';
import { withAdminClient } from './database';

const PROBE_ROLE = 'ccr_api_probe';
const PROBE_PASSWORD = 'probe-only-not-a-secret';

/**
 * A client logged in as a member of the API role `ccr_api`, holding exactly its privileges: to show
 * what the database itself refuses the service, whatever its code does.
 */
export async function connectAsApiRole(databaseUrl: string): Promise<Client> {
  await withAdminClient(async (admin) => {
    await admin.query(`DO $$ BEGIN
        CREATE ROLE ${PROBE_ROLE} LOGIN PASSWORD '${PROBE_PASSWORD}' IN ROLE ccr_api;
      EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$`);
  });
  const url = new URL(databaseUrl);
  url.username = PROBE_ROLE;
  url.password = PROBE_PASSWORD;
  const client = new Client({ connectionString: url.toString() });
  await client.connect();
  const { rows } = await client.query<{ user: string }>('SELECT current_user AS user');
  if (rows[0].user !== PROBE_ROLE) throw new Error('not connected as the probe role');
  return client;
}
