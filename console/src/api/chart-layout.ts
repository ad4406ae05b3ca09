import { scaleLinear, scalePoint } from 'd3-scale';
import { line } from 'd3-shape';
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

/** One point of a trend line: drawn at its count, or a hidden count marked on the axis (never at a height). */
export type LinePoint = { kind: 'point'; label: string; value: number; x: number; y: number } | { kind: 'hidden'; label: string; x: number; y: number };

export interface LineLayout {
  /** The SVG path of the released counts; a hidden count breaks the line (no line is drawn through it). */
  path: string;
  points: LinePoint[];
  /** Value axis ticks (whole counts) with their height. */
  ticks: { value: number; at: number }[];
  /** The period labels printed under the axis: every one when few, else evenly thinned (the table has all). */
  labels: { label: string; x: number }[];
  /** Where the plot area ends: the x axis's height and the right edge. */
  axisY: number;
  left: number;
  right: number;
  height: number;
}

/** At most this many period labels under a line; a long trend keeps every point, the table every label. */
const MAX_LINE_LABELS = 8;
const LINE_LEFT = 40;
const LINE_TOP = 12;
const LINE_BOTTOM = 28;

/**
 * A line over the periods (d3-scale places them, d3-shape draws the path; decision 0164). Hidden
 * counts are `defined` false, so the line stops at each and starts again after: a reader never
 * sees a slope through a number nobody may know.
 */
export function trendLine(data: readonly BarInput[], width: number, height = 220): LineLayout {
  const max = Math.max(1, ...data.map((item) => item.value ?? 0));
  const axisY = height - LINE_BOTTOM;
  const x = scalePoint<number>()
    .domain(data.map((_, index) => index))
    .range([LINE_LEFT + 8, width - 32])
    .padding(0.2);
  const y = scaleLinear().domain([0, max]).nice().range([axisY, LINE_TOP]);
  const points = data.map((item, index): LinePoint => {
    const at = x(index) ?? LINE_LEFT;
    return item.value === null ? { kind: 'hidden', label: item.label, x: at, y: axisY } : { kind: 'point', label: item.label, value: item.value, x: at, y: y(item.value) };
  });
  const path =
    line<LinePoint>()
      .defined((point) => point.kind === 'point')
      .x((point) => point.x)
      .y((point) => point.y)(points) ?? '';
  const step = Math.max(1, Math.ceil(data.length / MAX_LINE_LABELS));
  // Counted back from the latest period, so the newest is always labelled and no two labels crowd.
  const labels = points.filter((_, index) => (points.length - 1 - index) % step === 0).map((point) => ({ label: point.label, x: point.x }));
  const ticks = y
    .ticks(Math.min(5, max))
    .filter((tick) => Number.isInteger(tick))
    .map((tick) => ({ value: tick, at: y(tick) }));
  return { path, points, ticks, labels, axisY, left: LINE_LEFT, right: width - 4, height };
}
