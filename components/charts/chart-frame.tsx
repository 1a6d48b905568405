import type { ReactNode } from "react";

/**
 * A chart in a figure with a caption, plus the same numbers as a visually hidden table so screen
 * readers get the data the picture shows. The picture is hidden from assistive technology, so the charts inside
 * are built with `accessibilityLayer={false}` (no keyboard focus inside an aria-hidden wrapper).
 */
export function ChartFrame({
  title,
  description,
  columns,
  rows,
  children,
  height,
}: {
  title: string;
  description?: string;
  columns: string[];
  rows: (string | number)[][];
  children: ReactNode;
  height: number;
}) {
  return (
    <figure className="flex flex-col gap-2" aria-label={title}>
      <figcaption className="text-base font-semibold text-slate-900">
        {title}
        {description && <span className="block text-sm font-normal text-slate-600">{description}</span>}
      </figcaption>
      <div aria-hidden="true" style={{ height }} className="w-full min-w-0">
        {children}
      </div>
      <table className="sr-only">
        <caption>{title}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i}>
              {r.map((v, j) => (
                <td key={j}>{v}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
