import type { CcrClient } from '../../sdk';

/** An agency's name beside its id, for people reading a listing: "Riverside Shelter (9f1d…)". */
export type NameOf = (agencyId: string) => string;

/**
 * Reads the directory once per command. The directory lists member agencies only: an id it does
 * not know (a coordinating body, an agency removed since) stays a bare id rather than failing.
 */
export async function agencyNames(client: CcrClient): Promise<NameOf> {
  const names = new Map((await client.agencies.list()).map((agency) => [agency.id, agency.name]));
  return (agencyId) => {
    const name = names.get(agencyId);
    return name === undefined ? agencyId : `${name} (${agencyId})`;
  };
}
