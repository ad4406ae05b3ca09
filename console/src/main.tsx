import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { keyWorkerStatus } from './workers/key-worker';

// One console entry in this tab's history, with no screen or id in it (research §4.3).
history.replaceState(null, '', '/');

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

// Start the key worker early: libsodium's WebAssembly takes a moment to compile.
void keyWorkerStatus().then((status) => document.documentElement.setAttribute('data-key-worker', status.type === 'status' ? status.sodium : 'failed'));
