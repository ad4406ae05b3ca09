import { type BarInput, horizontalBars } from '../api/chart-layout';
import { useT } from '../i18n/i18n';
import { HatchPattern } from './HatchPattern';

/**
 * Horizontal bars as SVG (d3-scale computes the geometry; decision 0145): classes, not inline
 * style, so the console's CSP holds. A hidden count is a hatched mark with its words, never a bar
 * of some height. Screen readers get the label and the table that follows each chart.
 */
export function BarChart({ caption, data, k, width = 760 }: { caption: string; data: readonly BarInput[]; k: number; width?: number }) {
  const t = useT();
  const layout = horizontalBars(data, width);
  const axisY = layout.height - 20;
  return (
    <figure className="chart">
      <svg role="img" aria-label={t('monitoring.chartLabel', { caption })} viewBox={`-4 0 ${width + 8} ${layout.height}`} width={width + 8} height={layout.height}>
        <HatchPattern id="ccr-hatch" />
        {layout.ticks.map((tick) => (
          <g key={tick.value}>
            <line x1={tick.at} x2={tick.at} y1={0} y2={axisY} className="chart-grid" />
            <text x={tick.at} y={layout.height - 6} className="chart-tick" textAnchor="middle">
              {tick.value}
            </text>
          </g>
        ))}
        {layout.bars.map((bar, index) => (
          <g key={`${bar.label}-${index}`}>
            <text x={0} y={bar.labelY} className="chart-label">
              {bar.label}
            </text>
            {bar.kind === 'bar' ? (
              <>
                <rect x={bar.x} y={bar.y} width={Math.max(bar.width, 1)} height={bar.height} className="chart-bar" />
                <text x={bar.x + bar.width + 6} y={bar.y + bar.height - 3} className="chart-value">
                  {bar.value}
                </text>
              </>
            ) : (
              <>
                <rect x={bar.x} y={bar.y} width={24} height={bar.height} fill="url(#ccr-hatch)" className="chart-hidden" />
                <text x={bar.x + 30} y={bar.y + bar.height - 3} className="chart-value">
                  {t('monitoring.hidden', { k })}
                </text>
              </>
            )}
          </g>
        ))}
      </svg>
      <figcaption>{caption}</figcaption>
    </figure>
  );
}
