export interface SummaryRow {
  term: string;
  detail: string;
}

/** A labelled list of what is (or will be) booked. */
export function BookingSummary({ rows }: { rows: SummaryRow[] }) {
  return (
    <dl className="grid grid-cols-1 gap-x-6 gap-y-2 sm:grid-cols-[max-content_minmax(0,1fr)]">
      {rows.map((row) => (
        <div key={row.term} className="contents">
          <dt className="font-medium text-stone-600">{row.term}</dt>
          <dd className="mb-2 text-stone-900 sm:mb-0">
            <bdi>{row.detail}</bdi>
          </dd>
        </div>
      ))}
    </dl>
  );
}
