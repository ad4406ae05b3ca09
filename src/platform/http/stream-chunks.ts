import { type Response } from 'express';

/**
 * Writes chunks with back-pressure. On a failure midway the connection is destroyed instead of
 * ended, so the client sees a broken chunked response and never mistakes a truncated export for
 * a complete one (the audit export, the log's entry pages).
 */
export async function streamChunks(response: Response, chunks: AsyncIterable<string>, onError: (error: unknown) => void): Promise<void> {
  try {
    for await (const chunk of chunks) {
      if (response.destroyed) return; // the client went away; stop reading the database
      if (!response.write(chunk)) await drained(response);
    }
    response.end();
  } catch (error) {
    onError(error);
    response.destroy();
  }
}

function drained(response: Response): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      response.off('drain', done);
      response.off('close', done);
      resolve();
    };
    response.on('drain', done);
    response.on('close', done);
  });
}
