import { type CheckpointRow } from './checkpoints.repository';
import { CheckpointPublisher, type PublishOutcome } from './checkpoint-publisher';

const SIGNED_AT = new Date('2026-01-01T00:00:00Z');
const row = (treeSize: number): CheckpointRow => ({ treeSize, root: Buffer.alloc(32), note: `note ${treeSize}`, signedAt: SIGNED_AT });

/** The publisher with its storage replaced: `covering` is about when it publishes, not how. */
function publisherWith(latest: CheckpointRow | null, publish: () => Promise<PublishOutcome | null>): CheckpointPublisher {
  const publisher = Object.create(CheckpointPublisher.prototype) as CheckpointPublisher;
  Object.assign(publisher, { checkpoints: { latest: () => Promise.resolve(latest) }, inFlight: null });
  publisher.publish = publish;
  return publisher;
}

describe('a checkpoint covering an accounting', () => {
  it('is the latest one when it already covers the entries: nothing is signed', async () => {
    const publish = jest.fn();
    await expect(publisherWith(row(10), publish).covering(10)).resolves.toEqual(row(10));
    expect(publish).not.toHaveBeenCalled();
  });

  it('is signed once for every accounting asking at the same time', async () => {
    let release: (outcome: PublishOutcome) => void = () => undefined;
    const publish = jest.fn(() => new Promise<PublishOutcome>((resolve) => (release = resolve)));
    const publisher = publisherWith(row(10), publish);
    const asked = [publisher.covering(11), publisher.covering(12), publisher.covering(12)];
    await new Promise((resolve) => setImmediate(resolve));
    release({ checkpoint: row(12), published: true });
    await expect(Promise.all(asked)).resolves.toEqual([row(12), row(12), row(12)]);
    expect(publish).toHaveBeenCalledTimes(1);
  });

  it('is null when the log does not hold the entries asked for (after a second try)', async () => {
    const publish = jest.fn(() => Promise.resolve({ checkpoint: row(10), published: false }));
    await expect(publisherWith(row(10), publish).covering(11)).resolves.toBeNull();
    expect(publish).toHaveBeenCalledTimes(2);
  });
});
