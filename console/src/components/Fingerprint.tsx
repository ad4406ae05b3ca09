import { fingerprintGroups } from '../api/coord-rules';

/** A key fingerprint in groups of four hex digits, to read aloud and compare group by group. */
export function Fingerprint({ value, label }: { value: string; label: string }) {
  return (
    <p className="fingerprint" aria-label={label} translate="no">
      {fingerprintGroups(value).map((group, index) => (
        <code key={index}>{group}</code>
      ))}
    </p>
  );
}
