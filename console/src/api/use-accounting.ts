import { useCallback, useEffect, useRef, useState } from 'react';
import { startWorker } from '../safety/trusted-types';
import { csrfStore } from '../state/stores';
import accountingWorkerUrl from '../workers/verify-accounting.worker.ts?worker&url';
import { type AccountingCheck, type AccountingReply, type AccountingRequest } from '../workers/verify-accounting-protocol';
import { forget, track } from '../workers/worker-registry';
import { type AccountingView } from './accounting-rules';

export type AccountingState =
  | { status: 'idle' }
  | { status: 'running' }
  | { status: 'done'; accounting: AccountingView; check: AccountingCheck }
  | { status: 'failed'; message: string };

/**
 * A case's accounting, fetched and verified in a worker (the page never trusts it unchecked).
 * Every fetch is itself an entry of the accounting (accounting_provided), so it runs when asked.
 */
export function useAccounting(caseId: string) {
  const [state, setState] = useState<AccountingState>({ status: 'idle' });
  const worker = useRef<Worker | null>(null);
  const stop = useCallback(() => {
    if (worker.current) forget(worker.current);
    worker.current = null;
  }, []);

  const fetchAndVerify = useCallback(
    (trustPolicy: string | null) => {
      stop();
      const started = track(startWorker(accountingWorkerUrl, 'ccr-accounting'));
      worker.current = started;
      setState({ status: 'running' });
      started.onmessage = (event: MessageEvent<AccountingReply>) => {
        const message = event.data;
        setState(message.type === 'done' ? { status: 'done', accounting: message.accounting, check: message.check } : { status: 'failed', message: message.message });
        stop();
      };
      started.onerror = (event) => {
        setState({ status: 'failed', message: event.message || 'the accounting worker stopped' });
        stop();
      };
      started.postMessage({ type: 'accounting', origin: window.location.origin, csrf: csrfStore.get(), caseId, trustPolicy } satisfies AccountingRequest);
    },
    [caseId, stop],
  );

  useEffect(() => stop, [stop]);
  return { state, fetchAndVerify };
}
