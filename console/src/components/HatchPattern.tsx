/** The hatching that marks a hidden count in a chart (a pattern, not inline style, under the console's CSP); `fill="url(#id)"` uses it. */
export function HatchPattern({ id }: { id: string }) {
  return (
    <defs>
      <pattern id={id} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
        <line x1="0" y1="0" x2="0" y2="6" className="chart-hatch" />
      </pattern>
    </defs>
  );
}
