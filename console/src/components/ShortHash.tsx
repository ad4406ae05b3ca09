/** A long id or hash: its first characters shown, the whole in the title for those who need it. */
export function ShortId({ value, length = 8 }: { value: string; length?: number }) {
  return (
    <code title={value} translate="no">
      {value.length > length ? `${value.slice(0, length)}…` : value}
    </code>
  );
}
