import { type World } from './seed';

export function world(): World {
  const text = process.env.CCR_BROWSER_WORLD;
  if (!text) throw new Error('CCR_BROWSER_WORLD is not set: run through npm run test:browser');
  return JSON.parse(text) as World;
}

/** An access token for the seeded auditor (password grant), until personal sign-in (issue 19) lands. */
export async function auditorToken(): Promise<string> {
  const { url, auditor } = world();
  const response = await fetch(`${url}/oauth/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'password', username: auditor.username, password: auditor.password }),
  });
  if (!response.ok) throw new Error(`auditor token: ${response.status}`);
  return ((await response.json()) as { access_token: string }).access_token;
}
