import fc from 'fast-check';
import { type CountTable } from '../figures/tables';
import { extend, suppressTable } from './suppression';

/**
 * Independent of the bridge code: a hidden entry is recoverable from the shown ones exactly when
 * its unit vector lies in the row space of the margin constraints restricted to the hidden entries
 * (Gaussian elimination over the rationals, here with exact small integers as doubles).
 */
function recoverable(hidden: boolean[][]): boolean[][] {
  const rows = hidden.length;
  const columns = hidden[0].length;
  const unknowns: [number, number][] = [];
  hidden.forEach((line, i) => line.forEach((isHidden, j) => isHidden && unknowns.push([i, j])));
  // One constraint per extended row and column (margins negated so each sums to zero).
  const constraints: number[][] = [];
  for (let i = 0; i < rows; i++) constraints.push(unknowns.map(([a, b]) => (a === i ? sign(a, b, rows, columns) : 0)));
  for (let j = 0; j < columns; j++) constraints.push(unknowns.map(([a, b]) => (b === j ? sign(a, b, rows, columns) : 0)));
  const base = rank(constraints);
  return hidden.map((line, i) =>
    line.map((isHidden, j) => {
      if (!isHidden) return false;
      const unit = unknowns.map(([a, b]) => (a === i && b === j ? 1 : 0));
      return rank([...constraints, unit]) === base;
    }),
  );
}

function sign(i: number, j: number, rows: number, columns: number): number {
  const margins = (i === rows - 1 ? 1 : 0) + (j === columns - 1 ? 1 : 0);
  return margins === 1 ? -1 : 1;
}

function rank(matrix: number[][]): number {
  const m = matrix.map((row) => [...row]);
  let r = 0;
  const width = m[0]?.length ?? 0;
  for (let c = 0; c < width && r < m.length; c++) {
    const pivot = m.findIndex((row, index) => index >= r && Math.abs(row[c]) > 1e-9);
    if (pivot < 0) continue;
    [m[r], m[pivot]] = [m[pivot], m[r]];
    for (let i = 0; i < m.length; i++) {
      if (i === r || Math.abs(m[i][c]) < 1e-9) continue;
      const factor = m[i][c] / m[r][c];
      for (let j = c; j < width; j++) m[i][j] -= factor * m[r][j];
    }
    r++;
  }
  return r;
}

const tables = fc
  .record({ rows: fc.integer({ min: 1, max: 5 }), columns: fc.integer({ min: 1, max: 5 }) })
  .chain(({ rows, columns }) =>
    fc.record({
      cells: fc.array(fc.array(fc.oneof(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 60 })), { minLength: columns, maxLength: columns }), { minLength: rows, maxLength: rows }),
      k: fc.integer({ min: 5, max: 15 }),
    }),
  )
  .map(({ cells, k }): { table: CountTable; k: number } => ({
    table: { figure: 't', bucket: 'b', rows: cells.map((_, i) => `r${i}`), columns: cells[0].map((_, j) => `c${j}`), cells },
    k,
  }));

function released(table: ReturnType<typeof suppressTable>): (number | null)[][] {
  return [...table.cells.map((row, i) => [...row, table.rowTotals[i]]), [...table.columnTotals, table.total]];
}

describe('small-cell suppression (decision 0129), properties', () => {
  it('never releases a cell or total below k', () => {
    fc.assert(
      fc.property(tables, ({ table, k }) => {
        const small = released(suppressTable(table, k))
          .flat()
          .filter((value) => value !== null && value < k);
        expect(small).toEqual([]);
      }),
    );
  });

  it('leaves no suppressed cell recoverable from the released cells and totals', () => {
    fc.assert(
      fc.property(tables, ({ table, k }) => {
        const hidden = released(suppressTable(table, k)).map((row) => row.map((value) => value === null));
        expect(recoverable(hidden).flat().some(Boolean)).toBe(false);
      }),
    );
  });

  it('never changes a released total, nor any released cell', () => {
    fc.assert(
      fc.property(tables, ({ table, k }) => {
        const truth = extend(table);
        const changed = released(suppressTable(table, k)).flatMap((row, i) => row.filter((value, j) => value !== null && value !== truth[i][j]));
        expect(changed).toEqual([]);
      }),
    );
  });

  it('releases a table of large counts whole', () => {
    const table: CountTable = { figure: 't', bucket: 'b', rows: ['a', 'b'], columns: ['x', 'y'], cells: [[20, 30], [40, 50]] };
    expect(suppressTable(table, 11)).toMatchObject({ cells: [[20, 30], [40, 50]], rowTotals: [50, 90], columnTotals: [60, 80], total: 140 });
  });

  it('hides a second cell beside a single small one, so the totals do not give it away', () => {
    const table: CountTable = { figure: 't', bucket: 'b', rows: ['a', 'b'], columns: ['x', 'y'], cells: [[3, 30], [40, 50]] };
    const result = suppressTable(table, 11);
    expect(result.cells[0][0]).toBeNull();
    expect(result.cells.flat().filter((value) => value === null)).toHaveLength(4);
    expect(result.total).toBe(123);
  });

  it('the independent check does catch a recoverable pattern', () => {
    expect(recoverable([[true, false], [false, false]]).flat().some(Boolean)).toBe(true);
    expect(recoverable([[true, true, false], [true, true, false], [false, false, false]]).flat().some(Boolean)).toBe(false);
  });
});
