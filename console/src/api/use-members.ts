import { useState } from 'react';
import { useStore } from '../state/store';
import { agencyKeysStore, sessionStore } from '../state/stores';
import { isMember, type Member, sameFingerprint } from './coord-rules';
import { coordTransport } from './coord-transport';
import { useAsync } from './use-async';

export type MembersNotice =
  | { kind: 'added'; name: string }
  | { kind: 'removed'; name: string }
  | { kind: 'rotated'; epoch: number; people: number }
  | { kind: 'fingerprint-differs' }
  | { kind: 'failed' }
  | null;

/**
 * The agency's membership as a member manages it (decisions 0084, 0115): the people with keys, who
 * is a member, adding one after the fingerprint check (the wraps made in this browser's key worker),
 * removing one (their wraps deleted at once) and rotating the agency's keys with re-wrap.
 */
export function useMembers() {
  const session = sessionStore.get();
  const agencyId = session.status === 'signed-in' ? session.principal.agencyId : '';
  const keysOpen = useStore(agencyKeysStore) !== null;
  const listed = useAsync(() => coordTransport.members(agencyId), [agencyId]);
  const [checking, setChecking] = useState<Member | null>(null);
  const [notice, setNotice] = useState<MembersNotice>(null);
  const [busy, setBusy] = useState(false);
  const members = listed.status === 'ready' ? listed.value.members : [];

  const run = async (work: () => Promise<MembersNotice>) => {
    setBusy(true);
    setNotice(null);
    try {
      setNotice(await work());
    } catch {
      setNotice({ kind: 'failed' });
    } finally {
      setBusy(false);
      listed.reload();
    }
  };

  /** Adds the person being checked: the fingerprint shown is the one the newcomer read from their own screen. */
  const confirmAdd = (readAloud: string) => {
    const person = checking;
    if (!person) return;
    if (!sameFingerprint(person.fingerprint, readAloud)) return setNotice({ kind: 'fingerprint-differs' });
    void run(async () => {
      await coordTransport.add(person.personId, readAloud);
      setChecking(null);
      return { kind: 'added', name: person.displayName };
    });
  };

  const remove = (person: Member) =>
    run(async () => {
      await coordTransport.remove(agencyId, person.personId);
      return { kind: 'removed', name: person.displayName };
    });

  const rotate = () =>
    run(async () => {
      const rotated = await coordTransport.rotate();
      agencyKeysStore.set([...(agencyKeysStore.get() ?? []), rotated.epoch]);
      return { kind: 'rotated', epoch: rotated.epoch, people: rotated.people.length };
    });

  return {
    listed,
    members: members.filter(isMember),
    waiting: members.filter((member) => !isMember(member)),
    rotationDue: listed.status === 'ready' && listed.value.rotationDue,
    selfId: session.status === 'signed-in' ? session.principal.id : '',
    keysOpen,
    checking,
    check: (person: Member | null) => {
      setNotice(null);
      setChecking(person);
    },
    confirmAdd,
    clearNotice: () => setNotice(null),
    remove: (person: Member) => void remove(person),
    rotate: () => void rotate(),
    notice,
    busy,
  };
}
