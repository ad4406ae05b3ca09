import { useCallback, useEffect, useRef, useState } from 'react';
import { startWorker } from '../safety/trusted-types';
import verifyWorkerUrl from './verify.worker.ts?worker&url';
import { type VerifyReply, type VerifySummary } from './verify-protocol';
import { forget, track } from './worker-registry';

export type VerifyState =
  | { status: 'idle' }
  | { status: 'running'; done: number; total: number }
  | { status: 'cancelled' }
  | { status: 'done'; summary: VerifySummary }
  | { status: 'failed'; message: string };

/** Verifies the log in a worker; cancel terminates it (nothing half-done is reported). */
export function useVerify() {
  const [state, setState] = useState<VerifyState>({ status: 'idle' });
  const worker = useRef<Worker | null>(null);

  const stop = useCallback(() => {
    if (worker.current) forget(worker.current);
    worker.current = null;
  }, []);

  const start = useCallback(
    (trustPolicy: string | null) => {
      stop();
      const started = track(startWorker(verifyWorkerUrl, 'ccr-verify'));
      worker.current = started;
      setState({ status: 'running', done: 0, total: 0 });
      started.onmessage = (event: MessageEvent<VerifyReply>) => {
        const message = event.data;
        if (message.type === 'progress') setState({ status: 'running', done: message.done, total: message.total });
        else {
          setState(message.type === 'done' ? { status: 'done', summary: message.summary } : { status: 'failed', message: message.message });
          stop();
        }
      };
      started.onerror = (event) => {
        setState({ status: 'failed', message: event.message || 'the verify worker stopped' });
        stop();
      };
      started.postMessage({ type: 'verify', origin: window.location.origin, trustPolicy });
    },
    [stop],
  );

  const cancel = useCallback(() => {
    stop();
    setState({ status: 'cancelled' });
  }, [stop]);

  useEffect(() => stop, [stop]);
  return { state, start, cancel };
}
