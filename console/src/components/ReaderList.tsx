import { type ReactNode } from 'react';
import { type MessageKey } from '../i18n/en';
import { useT } from '../i18n/i18n';

/** Which message each part of a reader list says: a note's and a team contribution's word it apart. */
export interface ReaderLabels {
  readers: MessageKey;
  leftOut: MessageKey;
  /** Takes {agency} and {reason}. */
  leftOutItem: MessageKey;
}

/** Who will be able to read what is about to be sealed, as the SDK computed it, and who not and why. */
export function ReaderList({ own, readerIds, leftOut, nameOf, labels, children }: { own: string; readerIds: readonly string[]; leftOut: readonly { agencyId: string; reason: string }[]; nameOf: (agencyId: string) => string; labels: ReaderLabels; children?: ReactNode }) {
  const t = useT();
  return (
    <div aria-live="polite">
      <h3>{t(labels.readers)}</h3>
      <ul>
        <li>{own}</li>
        {readerIds.map((agencyId) => (
          <li key={agencyId}>{nameOf(agencyId)}</li>
        ))}
      </ul>
      {leftOut.length > 0 && (
        <>
          <h3>{t(labels.leftOut)}</h3>
          <ul>
            {leftOut.map((each) => (
              <li key={each.agencyId}>{t(labels.leftOutItem, { agency: nameOf(each.agencyId), reason: t(`adv.refused.${each.reason}` as MessageKey) })}</li>
            ))}
          </ul>
        </>
      )}
      {children}
    </div>
  );
}
