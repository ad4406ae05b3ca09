import { type BarInput, trendLine } from '../api/chart-layout';
import { useT } from '../i18n/i18n';
import { HatchPattern } from './HatchPattern';

/**
 * A trend over many periods as an SVG line (d3-scale and d3-shape compute the geometry; decision
 * 0164): painted by CSS classes, never inline style, under the console's CSP. A hidden count is a
 * hatched mark on the axis and a break in the line. Screen readers get the label and the table
 * that follows each chart.
 */
export function LineChart({ caption, data, k, width = 760 }: { caption: string; data: readonly BarInput[]; k: number; width?: number }) {
  const t = useT();
  const layout = trendLine(data, width);
  const hidden = layout.points.some((point) => point.kind === 'hidden');
  return (
    <figure className="chart">
      <svg role="img" aria-label={t('mon.lineLabel', { caption, periods: data.length })} viewBox={`0 0 ${width} ${layout.height}`} width={width} height={layout.height}>
        <HatchPattern id="ccr-line-hatch" />
        {layout.ticks.map((tick) => (
          <g key={tick.value}>
            <line x1={layout.left} x2={layout.right} y1={tick.at} y2={tick.at} className="chart-grid" />
            <text x={layout.left - 6} y={tick.at + 4} className="chart-tick" textAnchor="end">
              {tick.value}
            </text>
          </g>
        ))}
        <path d={layout.path} className="chart-line" />
        {layout.points.map((point, index) =>
          point.kind === 'point' ? (
            <circle key={index} cx={point.x} cy={point.y} r={3} className="chart-dot" />
          ) : (
            <rect key={index} x={point.x - 5} y={point.y - 10} width={10} height={10} fill="url(#ccr-line-hatch)" className="chart-hidden" />
          ),
        )}
        {layout.labels.map((label) => (
          <text key={label.label} x={label.x} y={layout.height - 8} className="chart-tick" textAnchor="middle">
            {label.label}
          </text>
        ))}
      </svg>
      <figcaption>{caption}</figcaption>
      {hidden && <p className="hint">{t('mon.lineHidden', { k })}</p>}
    </figure>
  );
}
