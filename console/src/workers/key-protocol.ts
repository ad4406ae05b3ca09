/** Messages between the page and the key worker. Secret keys go in (after unlock), never out. */
export type KeyWorkerRequest = { type: 'status' };
export type KeyWorkerReply = { type: 'status'; sodium: 'ready'; keysHeld: number } | { type: 'error'; message: string };
