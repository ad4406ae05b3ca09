import { type TimeSummary } from './stats';

/** Exact counts of one figure in one bucket: rows are groups, columns the catalogue's. */
export interface CountTable {
  figure: string;
  bucket: string;
  rows: string[];
  columns: readonly string[];
  cells: number[][];
}

/** Exact time summaries of one figure in one bucket (null: no value reached that step). */
export interface TimeTable {
  figure: string;
  bucket: string;
  rows: string[];
  columns: readonly string[];
  cells: (TimeSummary | null)[][];
}

/** Counts keyed by bucket, then row, then column; turned into sorted tables at the end. */
export class CountGrid {
  private readonly byBucket = new Map<string, Map<string, Map<string, number>>>();

  constructor(
    readonly figure: string,
    readonly columns: readonly string[],
  ) {}

  add(bucket: string, row: string, column: string, count = 1): void {
    if (!this.columns.includes(column)) return;
    const rows = getOr(this.byBucket, bucket, () => new Map<string, Map<string, number>>());
    const cells = getOr(rows, row, () => new Map<string, number>());
    cells.set(column, (cells.get(column) ?? 0) + count);
  }

  tables(): CountTable[] {
    return [...this.byBucket.keys()].sort().map((bucket) => {
      const rows = this.byBucket.get(bucket) as Map<string, Map<string, number>>;
      const names = [...rows.keys()].sort();
      return { figure: this.figure, bucket, rows: names, columns: this.columns, cells: names.map((row) => this.columns.map((column) => rows.get(row)?.get(column) ?? 0)) };
    });
  }
}

/** Durations keyed by bucket, row and column, summarized at the end. */
export class TimeGrid {
  private readonly byBucket = new Map<string, Map<string, Map<string, number[]>>>();

  constructor(
    readonly figure: string,
    readonly columns: readonly string[],
    private readonly summarize: (values: readonly number[]) => TimeSummary | null,
  ) {}

  add(bucket: string, row: string, column: string, minutes: number): void {
    const rows = getOr(this.byBucket, bucket, () => new Map<string, Map<string, number[]>>());
    getOr(getOr(rows, row, () => new Map<string, number[]>()), column, () => []).push(minutes);
  }

  tables(): TimeTable[] {
    return [...this.byBucket.keys()].sort().map((bucket) => {
      const rows = this.byBucket.get(bucket) as Map<string, Map<string, number[]>>;
      const names = [...rows.keys()].sort();
      return {
        figure: this.figure,
        bucket,
        rows: names,
        columns: this.columns,
        cells: names.map((row) => this.columns.map((column) => this.summarize(rows.get(row)?.get(column) ?? []))),
      };
    });
  }
}

function getOr<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = make();
    map.set(key, value);
  }
  return value;
}
