import { type ReactNode } from 'react';

/**
 * A captioned table in a region that scrolls sideways on a narrow screen; the region takes focus so
 * a keyboard can scroll it too (WCAG 2.1.1, 1.4.10). Rows come as children.
 */
export function ScrollTable({ caption, columns, children }: { caption: string; columns: string[]; children: ReactNode }) {
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={caption}>
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th scope="col" key={column}>
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
