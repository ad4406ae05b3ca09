import { useEffect } from 'react';
import { CcrApiError, CcrAuthError } from '../../../src/sdk/browser-plain';
import { useStore } from '../state/store';
import { sessionStore, type SessionState } from '../state/stores';
import { principalsApi } from './http';

/** Asks the server who the session cookie belongs to; a 401 means nobody is signed in. */
export async function refreshSession(): Promise<void> {
  try {
    const me = await principalsApi.me();
    sessionStore.set({ status: 'signed-in', principal: { id: me.id, username: me.username, displayName: me.username, agencyId: me.agencyId, roles: me.roles } });
  } catch (error) {
    // 401: no session; 403: a session cookie this page has no CSRF value for (e.g. after a reload).
    const unauthenticated = error instanceof CcrAuthError || (error instanceof CcrApiError && (error.status === 401 || error.status === 403));
    if (!unauthenticated) throw error;
    sessionStore.set({ status: 'signed-out' });
  }
}

export function useSession(): SessionState {
  const session = useStore(sessionStore);
  useEffect(() => {
    if (session.status === 'checking') void refreshSession().catch(() => sessionStore.set({ status: 'signed-out' }));
  }, [session.status]);
  return session;
}
