/** A referral packet (JSON, as the sender's system wrote it) shown as plain text: React escapes every value. */
export function SealedContent({ content }: { content: unknown }) {
  if (content === null || typeof content !== 'object' || Array.isArray(content)) return <p className="sealed-text">{String(JSON.stringify(content))}</p>;
  return (
    <dl>
      {Object.entries(content as Record<string, unknown>).map(([key, value]) => (
        <div key={key} className="dl-row">
          <dt>{key}</dt>
          <dd className="sealed-text">{typeof value === 'string' ? value : JSON.stringify(value)}</dd>
        </div>
      ))}
    </dl>
  );
}
