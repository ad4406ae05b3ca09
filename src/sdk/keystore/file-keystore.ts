import { AgencyKeystore as PortableAgencyKeystore } from './agency-keystore';
import { FileKeystoreStorage } from './keystore-files';
import type { KeystoreStorage } from './keystore-storage';

/**
 * The Node entry's AgencyKeystore: the same keystore, which also creates and opens files by path
 * (`AgencyKeystore.open('/var/lib/…/ccrx-keystore.json', passphrase)`). The browser entry
 * exports the portable class, which takes a KeystoreStorage instead.
 */
export class AgencyKeystore extends PortableAgencyKeystore {
  protected static override storageAt(path: string): KeystoreStorage {
    return new FileKeystoreStorage(path);
  }
}
