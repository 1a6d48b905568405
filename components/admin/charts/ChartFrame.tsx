/**
 * A chart with its heading and a data table behind a disclosure: screen-reader and keyboard users
 * get the same numbers as the picture.
 */
export function ChartFrame({ title, description, children, table }: { title: string; description?: string; children: React.ReactNode; table: { head: string[]; rows: (string | number)[][] } }) {
  const id = `c-${title.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;
  return (
    <figure aria-labelledby={id} className="flex min-w-0 flex-col gap-2 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <figcaption>
        <h2 id={id} className="text-base font-semibold">
          {title}
        </h2>
        {description ? <p className="text-xs text-slate-500">{description}</p> : null}
      </figcaption>
      <div aria-hidden="true" className="h-64 w-full min-w-0">
        {children}
      </div>
      <details className="text-sm">
        <summary className="cursor-pointer text-brand-700">Show the data as a table</summary>
        <div className="mt-2 max-h-64 overflow-auto" tabIndex={0} role="region" aria-label={`${title} data`}>
          <table className="min-w-full text-xs">
            <thead>
              <tr>
                {table.head.map((h) => (
                  <th key={h} scope="col" className="px-2 py-1 text-left font-semibold">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.rows.map((r, i) => (
                <tr key={i} className="border-t border-slate-100">
                  {r.map((c, j) => (
                    <td key={j} className="px-2 py-1 tabular-nums">
                      {c}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
