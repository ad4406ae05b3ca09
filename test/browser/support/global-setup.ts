import { seedWorld } from './seed';
import { startService } from './service';

/** One service and one seeded CCR for the whole browser run; the tests read it from CCR_BROWSER_WORLD. */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const service = await startService();
  try {
    process.env.CCR_BROWSER_WORLD = JSON.stringify(await seedWorld(service));
  } catch (error) {
    const output = service.output();
    await service.stop();
    throw new Error(`seeding the browser tests' CCR failed; the service said:\n${output.slice(-4000)}`, { cause: error });
  }
  return () => service.stop();
}
