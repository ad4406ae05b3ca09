import { type CountTable } from '../figures/tables';

/** A count table as released: null where suppressed; totals are always the true sums or null. */
export interface ReleasedCountTable {
  figure: string;
  bucket: string;
  rows: string[];
  columns: readonly string[];
  cells: (number | null)[][];
  rowTotals: (number | null)[];
  columnTotals: (number | null)[];
  total: number | null;
}

/**
 * The table extended with its margins: entry (i, j) with i = rows.length the column totals, j =
 * columns.length the row totals, and (rows, columns) the grand total. With the margins negated,
 * every extended row and column sums to zero, so each entry is an edge between its row and its
 * column, and a hidden entry can be computed from the shown ones exactly when it is a bridge of
 * the graph of hidden entries (decision 0129).
 */
export function extend(table: CountTable): number[][] {
  const rowTotals = table.cells.map((row) => row.reduce((sum, value) => sum + value, 0));
  const columnTotals = table.columns.map((_, j) => table.cells.reduce((sum, row) => sum + row[j], 0));
  const total = rowTotals.reduce((sum, value) => sum + value, 0);
  return [...table.cells.map((row, i) => [...row, rowTotals[i]]), [...columnTotals, total]];
}

/** Primary suppression below k, then complementary suppression until no hidden entry is a bridge. */
export function suppressionPattern(extended: readonly number[][], k: number): boolean[][] {
  const hidden = extended.map((row) => row.map((value) => value < k));
  for (let bridge = findBridge(hidden); bridge !== null; bridge = findBridge(hidden)) {
    const [i, j] = pickComplement(extended, hidden, bridge);
    hidden[i][j] = true;
  }
  return hidden;
}

export function suppressTable(table: CountTable, k: number): ReleasedCountTable {
  const extended = extend(table);
  const hidden = suppressionPattern(extended, k);
  const rows = table.rows.length;
  const columns = table.columns.length;
  const shown = (i: number, j: number) => (hidden[i][j] ? null : extended[i][j]);
  return {
    figure: table.figure,
    bucket: table.bucket,
    rows: table.rows,
    columns: table.columns,
    cells: table.rows.map((_, i) => table.columns.map((__, j) => shown(i, j))),
    rowTotals: table.rows.map((_, i) => shown(i, columns)),
    columnTotals: table.columns.map((_, j) => shown(rows, j)),
    total: shown(rows, columns),
  };
}

/** A hidden entry whose removal disconnects its row from its column, or null. */
export function findBridge(hidden: readonly boolean[][]): [number, number] | null {
  for (let i = 0; i < hidden.length; i++) {
    for (let j = 0; j < hidden[i].length; j++) {
      if (hidden[i][j] && !connectedWithout(hidden, i, j)) return [i, j];
    }
  }
  return null;
}

/** Breadth-first search from row i to column j over hidden entries, skipping (i, j) itself. */
function connectedWithout(hidden: readonly boolean[][], row: number, column: number): boolean {
  const rows = hidden.length;
  const columns = hidden[0].length;
  const seenRows = new Set<number>([row]);
  const seenColumns = new Set<number>();
  const queue: ['r' | 'c', number][] = [['r', row]];
  while (queue.length > 0) {
    const [side, index] = queue.shift() as ['r' | 'c', number];
    if (side === 'r') {
      for (let j = 0; j < columns; j++) {
        if (!hidden[index][j] || (index === row && j === column) || seenColumns.has(j)) continue;
        if (j === column) return true;
        seenColumns.add(j);
        queue.push(['c', j]);
      }
    } else {
      for (let i = 0; i < rows; i++) {
        if (!hidden[i][index] || (i === row && index === column) || seenRows.has(i)) continue;
        seenRows.add(i);
        queue.push(['r', i]);
      }
    }
  }
  return false;
}

/** The next entry to hide for a bridge: in its row or column, interior before totals, smallest first. */
function pickComplement(extended: readonly number[][], hidden: readonly boolean[][], [row, column]: [number, number]): [number, number] {
  const lastRow = extended.length - 1;
  const lastColumn = extended[0].length - 1;
  const shownIn = (cells: [number, number][]) => cells.filter(([i, j]) => !hidden[i][j]);
  const line = shownIn([...extended[row].map((_, j) => [row, j] as [number, number]), ...extended.map((_, i) => [i, column] as [number, number])]);
  const anywhere = shownIn(extended.flatMap((values, i) => values.map((_, j) => [i, j] as [number, number])));
  const candidates = line.length > 0 ? line : anywhere;
  const rank = ([i, j]: [number, number]) => [i === lastRow || j === lastColumn ? 1 : 0, extended[i][j], i, j];
  candidates.sort((a, b) => compareTuples(rank(a), rank(b)));
  return candidates[0];
}

function compareTuples(a: number[], b: number[]): number {
  for (let index = 0; index < a.length; index++) if (a[index] !== b[index]) return a[index] - b[index];
  return 0;
}
