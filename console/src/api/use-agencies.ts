import { useEffect } from 'react';
import { useStore } from '../state/store';
import { agencyNamesStore } from '../state/stores';
import { agenciesApi } from './http';

/** The CCR's agencies by id (for names in the log), fetched once per unlock. */
export function useAgencyNames(): ReadonlyMap<string, string> {
  const names = useStore(agencyNamesStore);
  useEffect(() => {
    if (names.size > 0) return;
    agenciesApi.list().then(
      (agencies) => agencyNamesStore.set(new Map(agencies.map((agency) => [agency.id, agency.name]))),
      () => undefined,
    );
  }, [names]);
  return names;
}
