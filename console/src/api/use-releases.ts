import { useState } from 'react';
import { type Agency, type ConsentRecord, type RevocationChannel, type RevocationResult } from '../../../src/sdk/browser';
import { useLanguage } from '../i18n/i18n';
import { useStore } from '../state/store';
import { releaseViewStore, type ReleaseView, sessionStore } from '../state/stores';
import { agenciesApi } from './http';
import { changesOf, emptyForm, type FormField, formOfRelease, formProblems, type ReleaseForm, termsOf } from './release-rules';
import { releasesTransport } from './releases-transport';
import { useAsync } from './use-async';

const ownAgencyId = () => {
  const session = sessionStore.get();
  return session.status === 'signed-in' ? session.principal.agencyId : '';
};

/** Where the advocate is in the releases screens, and moving between them (state, not URLs). */
export function useReleaseView() {
  const view = useStore(releaseViewStore);
  const go = (next: Partial<ReleaseView>) => releaseViewStore.set((current) => ({ ...current, ...next }));
  return {
    ...view,
    chooseCase: (caseId: string | null) => go({ caseId, view: 'list', consentId: null }),
    show: (next: ReleaseView['view'], consentId: string | null = null) => go({ view: next, consentId }),
    back: () => go({ view: 'list', consentId: null }),
  };
}

export function useCases() {
  return useAsync(() => releasesTransport.cases(), []);
}

/** The member agencies a release may name (not this agency, not the coordinating body), by name. */
export function usePartnerAgencies(): Agency[] {
  const list = useAsync(() => agenciesApi.list(), []);
  if (list.status !== 'ready') return [];
  const own = ownAgencyId();
  return list.value.filter((agency) => !agency.coordinatingBody && agency.id !== own).sort((a, b) => a.name.localeCompare(b.name));
}

export function useReleases(caseId: string) {
  return useAsync(() => releasesTransport.list(caseId), [caseId]);
}

/** Each release's signatures checked against the agency's own keys, once the keys are open (null until then). */
export function useReleaseSignatures(releases: ConsentRecord[], keysOpen: boolean) {
  const checked = useAsync(() => (keysOpen ? releasesTransport.verify(releases) : Promise.resolve(null)), [releases, keysOpen]);
  return checked.status === 'ready' ? checked.value : null;
}

/** The one release a view is about (from the case's list). */
export function useRelease(caseId: string, consentId: string | null) {
  const list = useReleases(caseId);
  const consent = list.status === 'ready' ? (list.value.find((each) => each.id === consentId) ?? null) : null;
  return { list, consent };
}

type Submit = { status: 'idle' } | { status: 'busy' } | { status: 'done'; consent: ConsentRecord } | { status: 'failed'; message: string };

/**
 * The guided form's state: a new release (consent null) or an amendment of `consent`. The rules
 * run on every change but show only after a first attempt; nothing is signed while one fails.
 */
export function useReleaseForm(caseId: string, consent: ConsentRecord | null) {
  const { language } = useLanguage();
  const [form, setForm] = useState<ReleaseForm>(() => (consent ? formOfRelease(consent) : emptyForm(new Date(), language)));
  const [tried, setTried] = useState(false);
  const [submit, setSubmit] = useState<Submit>({ status: 'idle' });
  const problems: FormField[] = formProblems(form);
  const send = async () => {
    setTried(true);
    if (problems.length > 0) return;
    setSubmit({ status: 'busy' });
    try {
      const saved = consent ? await releasesTransport.amend(consent.id, changesOf(form, consent)) : await releasesTransport.record(caseId, termsOf(form));
      setForm((current) => ({ ...current, survivorWords: '' }));
      setSubmit({ status: 'done', consent: saved });
    } catch (error) {
      setSubmit({ status: 'failed', message: error instanceof Error ? error.message : String(error) });
    }
  };
  return {
    form,
    change: (patch: Partial<ReleaseForm>) => setForm((current) => ({ ...current, ...patch })),
    problems: tried ? problems : [],
    submit,
    send: () => void send(),
  };
}

type Revoked = { status: 'idle' } | { status: 'busy' } | { status: 'done'; result: RevocationResult } | { status: 'failed'; message: string };

/** Revoking a release on the survivor's word: signed in the key worker; the answer lists what was not recalled. */
export function useRevoke(consentId: string | null) {
  const [state, setState] = useState<Revoked>({ status: 'idle' });
  const revoke = async (channel: RevocationChannel) => {
    if (!consentId) return;
    setState({ status: 'busy' });
    try {
      setState({ status: 'done', result: await releasesTransport.revoke(consentId, channel) });
    } catch (error) {
      setState({ status: 'failed', message: error instanceof Error ? error.message : String(error) });
    }
  };
  return { state, revoke: (channel: RevocationChannel) => void revoke(channel) };
}
