import { Fragment } from 'react';
import { fingerprintGroups } from '../api/coord-rules';

/** A key fingerprint in groups of four hex digits, to read aloud and compare group by group. */
export function Fingerprint({ value, label }: { value: string; label: string }) {
  return (
    <div className="fingerprint" role="group" aria-label={label} translate="no">
      {fingerprintGroups(value).map((group, index) => (
        <Fragment key={index}>
          {index > 0 && ' '}
          <code>{group}</code>
        </Fragment>
      ))}
    </div>
  );
}
