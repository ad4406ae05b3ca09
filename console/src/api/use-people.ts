import { useState } from 'react';
import { type Agency } from '../../../src/sdk/browser';
import { personFormProblem, type PersonFormProblem, rolesFor } from './coord-rules';
import { coordTransport, type EnrolmentLink } from './coord-transport';
import { type AgencyForm, agencyFormProblem, type AgencyFormProblem } from './onboard-rules';
import { useAsync } from './use-async';

export interface PersonForm {
  username: string;
  displayName: string;
  roles: string[];
}

/**
 * The administrator's people screen: the agencies, the people of the one chosen, and onboarding a
 * person with a single-use enrolment link (shown once; the server keeps only its hash).
 */
export function usePeople() {
  const agencies = useAsync(() => coordTransport.agencies(), []);
  const [agencyId, setAgencyId] = useState<string | null>(null);
  const list: Agency[] = agencies.status === 'ready' ? agencies.value.filter((agency) => agency.status === 'active') : [];
  const agency = list.find((each) => each.id === agencyId) ?? list[0] ?? null;
  const people = useAsync(() => (agency ? coordTransport.people(agency.id) : Promise.resolve([])), [agency?.id]);
  const [problem, setProblem] = useState<PersonFormProblem | 'refused' | 'failed'>(null);
  const [issued, setIssued] = useState<(EnrolmentLink & { username: string }) | null>(null);
  const [busy, setBusy] = useState(false);
  const [agencyProblem, setAgencyProblem] = useState<AgencyFormProblem | 'refused' | 'failed'>(null);
  const [created, setCreated] = useState<Agency | null>(null);

  const run = async (work: () => Promise<EnrolmentLink & { username: string }>) => {
    setBusy(true);
    setProblem(null);
    setIssued(null);
    setCreated(null);
    try {
      setIssued(await work());
      people.reload();
    } catch (error) {
      setProblem((error as { status?: number }).status === 409 || (error as { status?: number }).status === 422 ? 'refused' : 'failed');
    } finally {
      setBusy(false);
    }
  };

  const onboard = (form: PersonForm) => {
    const found = personFormProblem(form);
    if (found) return setProblem(found);
    if (!agency) return;
    void run(async () => ({ ...(await coordTransport.onboard(agency.id, form)), username: form.username }));
  };

  const newLink = (personId: string, username: string) => {
    if (agency) void run(async () => ({ ...(await coordTransport.enrolmentLink(agency.id, personId)), username }));
  };

  /** A new agency, chosen at once so its first person is added next (they make its keys in their browser). */
  const createAgency = (form: AgencyForm) => {
    setCreated(null);
    const found = agencyFormProblem(form);
    setAgencyProblem(found);
    if (found) return;
    setBusy(true);
    void coordTransport
      .createAgency(form)
      .then(
        (agency) => {
          setCreated(agency);
          setAgencyId(agency.id);
          setIssued(null);
          agencies.reload();
        },
        (error: unknown) => setAgencyProblem((error as { status?: number }).status === 409 || (error as { status?: number }).status === 422 ? 'refused' : 'failed'),
      )
      .finally(() => setBusy(false));
  };

  return { agencies, list, createAgency, created, agencyProblem, agency, choose: setAgencyId, roles: agency ? rolesFor(agency) : [], people, onboard, newLink, issued, problem, busy };
}
