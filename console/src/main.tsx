import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { enrolmentStore } from './state/stores';
import { keyWorkerStatus } from './workers/key-worker';

// An enrolment link (PUBLIC_URL/#enrol=<code>) hands its code over in the fragment: keep it in
// memory, then make this tab's one console entry plain `/`, with no code, screen or id (research §4.3).
const enrolment = /^#enrol=([A-Za-z0-9_-]{16,128})$/.exec(location.hash);
if (enrolment) enrolmentStore.set(enrolment[1]);
history.replaceState(null, '', '/');

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

// Start the key worker early: libsodium's WebAssembly takes a moment to compile.
void keyWorkerStatus().then((status) => document.documentElement.setAttribute('data-key-worker', status.type === 'status' ? status.sodium : 'failed'));
