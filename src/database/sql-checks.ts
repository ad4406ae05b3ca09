/**
 * CHECK constraint expressions built from the same vocabularies the code validates against, so the
 * database refuses what the API would refuse even if a code path forgot to validate.
 */
function literals(values: readonly string[]): string {
  return values.map((value) => `'${value.replace(/'/g, "''")}'`).join(', ');
}

export function sqlIn(column: string, values: readonly string[]): string {
  return `"${column}" IN (${literals(values)})`;
}

export function sqlSubsetOf(column: string, values: readonly string[]): string {
  return `"${column}" <@ ARRAY[${literals(values)}]::text[]`;
}
