import { Client } from 'pg';

export interface MarkerHit {
  table: string;
  column: string;
  marker: string;
}

/**
 * Looks for each marker in every text, json/jsonb, array and bytea column of every table of the
 * database (as the owner, so nothing is hidden). Survivor data must never be stored in clear.
 */
export async function findMarkersInDatabase(databaseUrl: string, markers: readonly string[]): Promise<MarkerHit[]> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows: columns } = await client.query<{ table: string; column: string; type: string }>(
      `SELECT c.table_name AS table, c.column_name AS column, c.data_type AS type
         FROM information_schema.columns c JOIN information_schema.tables t USING (table_schema, table_name)
        WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
          AND c.data_type IN ('text', 'character varying', 'json', 'jsonb', 'bytea', 'ARRAY')`,
    );
    const hits: MarkerHit[] = [];
    for (const { table, column, type } of columns) {
      for (const marker of markers) {
        const condition =
          type === 'bytea'
            ? `position($1::bytea IN "${column}") > 0`
            : `"${column}"::text LIKE '%' || $1 || '%'`;
        const parameter = type === 'bytea' ? Buffer.from(marker) : marker;
        const { rows } = await client.query(`SELECT 1 FROM "${table}" WHERE ${condition} LIMIT 1`, [parameter]);
        if (rows.length > 0) hits.push({ table, column, marker });
      }
    }
    return hits;
  } finally {
    await client.end();
  }
}
