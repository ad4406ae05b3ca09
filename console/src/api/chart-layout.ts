import { scaleLinear } from 'd3-scale';
import { type Cell } from './monitoring-rules';

/** One bar as SVG draws it, or a hidden count marked as such (never drawn at a height). */
export type BarShape =
  | { kind: 'bar'; label: string; labelY: number; value: number; x: number; y: number; width: number; height: number }
  | { kind: 'hidden'; label: string; labelY: number; x: number; y: number; height: number };

export interface BarLayout {
  bars: BarShape[];
  /** Value axis ticks (whole counts), with their position along the value axis. */
  ticks: { value: number; at: number }[];
  height: number;
}

export interface BarInput {
  label: string;
  value: Cell;
}

/** Each row: its label on one line, its bar under it (long agency names fit; rows read top-down as the table does). */
const LABEL_LINE = 18;
const BAR_HEIGHT = 16;
const ROW_GAP = 10;
const ROW = LABEL_LINE + BAR_HEIGHT + ROW_GAP;
const AXIS = 22;
/** Room right of the longest bar for its value or the words of a hidden count. */
const VALUE_ROOM = 180;

/**
 * Horizontal bars (d3-scale maps counts to lengths). Only coordinates come out, so the SVG needs
 * no inline style under the console's `style-src 'self'` (decision 0145).
 */
export function horizontalBars(data: readonly BarInput[], width: number): BarLayout {
  const max = Math.max(1, ...data.map((item) => item.value ?? 0));
  const value = scaleLinear().domain([0, max]).nice().range([0, Math.max(60, width - VALUE_ROOM)]);
  const bars = data.map((item, index): BarShape => {
    const top = index * ROW;
    const y = top + LABEL_LINE;
    const labelY = top + LABEL_LINE - 5;
    if (item.value === null) return { kind: 'hidden', label: item.label, labelY, x: 0, y, height: BAR_HEIGHT };
    return { kind: 'bar', label: item.label, labelY, value: item.value, x: 0, y, width: value(item.value), height: BAR_HEIGHT };
  });
  const ticks = value
    .ticks(Math.min(5, max))
    .filter((tick) => Number.isInteger(tick))
    .map((tick) => ({ value: tick, at: value(tick) }));
  return { bars, ticks, height: data.length * ROW + AXIS };
}
