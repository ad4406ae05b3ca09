import { writeFile } from 'node:fs/promises';
import { CcrUsageError } from '../errors';
import { TempFolder } from '../testing/fixtures';
import { passphraseFromEnvironment } from './passphrase-source';

describe('passphraseFromEnvironment', () => {
  let folder: TempFolder;
  beforeEach(async () => (folder = await TempFolder.create()));
  afterEach(() => folder.remove());

  it('reads CCRX_PASSPHRASE, or the first line of CCRX_PASSPHRASE_FILE', async () => {
    await expect(passphraseFromEnvironment({ CCRX_PASSPHRASE: 'from env' })).resolves.toBe('from env');
    const file = folder.file('pass');
    await writeFile(file, 'from file\nignored\n');
    await expect(passphraseFromEnvironment({ CCRX_PASSPHRASE_FILE: file })).resolves.toBe('from file');
    await expect(passphraseFromEnvironment({})).resolves.toBeUndefined();
  });

  it('refuses both at once, an unreadable file and an empty one, without echoing the passphrase', async () => {
    await expect(passphraseFromEnvironment({ CCRX_PASSPHRASE: 'p', CCRX_PASSPHRASE_FILE: '/x' })).rejects.toBeInstanceOf(CcrUsageError);
    await expect(passphraseFromEnvironment({ CCRX_PASSPHRASE_FILE: folder.file('missing') })).rejects.toThrow('cannot read');
    const empty = folder.file('empty');
    await writeFile(empty, '\n');
    await expect(passphraseFromEnvironment({ CCRX_PASSPHRASE_FILE: empty })).rejects.toThrow('empty');
  });
});
