import { useState } from 'react';
import { type Agreement } from '../../../src/sdk/browser';
import { useStore } from '../state/store';
import { openAgreementStore } from '../state/ops-stores';
import { sessionStore } from '../state/stores';
import { type AgreementStanding, currentVersion, sortAgreements, standing } from './agreement-rules';
import { coordinationTransport } from './coordination-transport';
import { useAgencyNames } from './use-agencies';
import { useAsync } from './use-async';

export interface AgreementRow {
  agreement: Agreement;
  standing: AgreementStanding;
  /** The other parties by name (this agency left out). */
  counterparts: string[];
  /** Agencies yet to sign the current version, by name. */
  awaiting: string[];
}

function myAgencyId(): string {
  const session = sessionStore.get();
  return session.status === 'signed-in' ? session.principal.agencyId : '';
}

/** The agreements this agency is a party to: awaiting its signature first, with names for every agency. */
export function useAgreements() {
  const names = useAgencyNames();
  const list = useAsync(() => coordinationTransport.agreements(), []);
  const agencyId = myAgencyId();
  const name = (id: string) => names.get(id) ?? '…';
  const rows: AgreementRow[] =
    list.status === 'ready'
      ? sortAgreements(list.value, agencyId).map((agreement) => {
          const version = currentVersion(agreement);
          return { agreement, standing: standing(agreement, agencyId), counterparts: version.terms.parties.filter((id) => id !== agencyId).map(name), awaiting: version.awaiting.map(name) };
        })
      : [];
  const openId = useStore(openAgreementStore);
  const [signing, setSigning] = useState<'idle' | 'busy' | 'failed' | 'signed'>('idle');
  /** Signs the current version in the key worker (the agency's keys must be open), then reloads the list. */
  const sign = async (agreement: Agreement) => {
    setSigning('busy');
    try {
      await coordinationTransport.signAgreement(agreement, currentVersion(agreement).version);
      setSigning('signed');
      list.reload();
    } catch {
      setSigning('failed');
    }
  };
  const choose = (id: string | null) => {
    setSigning('idle');
    openAgreementStore.set(id);
  };
  return { list, rows, name, open: rows.find((row) => row.agreement.id === openId) ?? null, choose, signing, sign: (agreement: Agreement) => void sign(agreement) };
}
