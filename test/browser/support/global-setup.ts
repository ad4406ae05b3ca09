import { seedWorld } from './seed';
import { startService } from './service';

/** One service and one seeded CCR for the whole browser run; the tests read it from CCR_BROWSER_WORLD. */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const service = await startService();
  try {
    process.env.CCR_BROWSER_WORLD = JSON.stringify(await seedWorld(service));
  } catch (error) {
    await service.stop();
    throw error;
  }
  return () => service.stop();
}
