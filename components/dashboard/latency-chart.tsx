import { formatClock, formatLatency } from "@/lib/dashboard/format";
import type { LatencyBucket } from "@/lib/dashboard/delivery-health";

const WIDTH = 600;
const HEIGHT = 160;
const GAP = 6;

/**
 * Commit-to-delivered latency per five minutes: a bar for the median, a tick for the worst. The
 * picture is for the eye (hidden from assistive technology); the table below it says the same.
 */
export function LatencyChart({ buckets, timeZone, locale }: { buckets: LatencyBucket[]; timeZone: string; locale: string }) {
  const top = Math.max(1, ...buckets.map((b) => b.maxMs ?? 0));
  const barWidth = WIDTH / buckets.length - GAP;
  const y = (ms: number) => HEIGHT - (ms / top) * (HEIGHT - 10);
  const delivered = buckets.reduce((n, b) => n + b.deliveries, 0);
  const busyBuckets = buckets.filter((b) => b.deliveries > 0);

  return (
    <div className="space-y-3">
      {delivered === 0 ? (
        <p className="text-stone-700">Nothing was delivered in the last hour.</p>
      ) : (
        <figure>
          <svg viewBox={`0 0 ${WIDTH} ${HEIGHT + 20}`} className="h-auto w-full max-w-2xl" aria-hidden="true" focusable="false">
            <line x1="0" y1={HEIGHT} x2={WIDTH} y2={HEIGHT} stroke="#a8a29e" />
            {buckets.map((b, i) => {
              const x = i * (barWidth + GAP) + GAP / 2;
              return (
                <g key={b.start}>
                  {b.p50Ms !== null && <rect x={x} y={y(b.p50Ms)} width={barWidth} height={HEIGHT - y(b.p50Ms)} fill="#115e59" rx="2" />}
                  {b.maxMs !== null && <line x1={x} x2={x + barWidth} y1={y(b.maxMs)} y2={y(b.maxMs)} stroke="#b45309" strokeWidth="3" />}
                  {i % 3 === 0 && (
                    <text x={x} y={HEIGHT + 15} fontSize="11" fill="#57534e">
                      {formatClock(new Date(b.start), timeZone, locale)}
                    </text>
                  )}
                </g>
              );
            })}
          </svg>
          <figcaption className="mt-1 text-sm text-stone-700">
            <span aria-hidden="true" className="mr-1 inline-block h-3 w-3 rounded-sm bg-teal-800 align-middle" /> median
            <span aria-hidden="true" className="mr-1 ml-4 inline-block h-1 w-3 bg-amber-700 align-middle" /> slowest · scale up to{" "}
            {formatLatency(top)}
          </figcaption>
        </figure>
      )}
      {/* The five minutes that had deliveries; a row of zeros per quiet five minutes says nothing. */}
      {delivered > 0 && (
        <table className="w-full max-w-2xl text-left text-sm">
          <caption className="text-left font-medium text-stone-700">Deliveries per five minutes, times in the salon&apos;s zone</caption>
          <thead>
            <tr className="border-b border-stone-200">
              <th scope="col" className="py-1 pr-2 font-medium">From</th>
              <th scope="col" className="py-1 pr-2 font-medium">Deliveries</th>
              <th scope="col" className="py-1 pr-2 font-medium">Median</th>
              <th scope="col" className="py-1 font-medium">Slowest</th>
            </tr>
          </thead>
          <tbody>
            {busyBuckets.map((b) => (
              <tr key={b.start} className="border-b border-stone-100">
                <th scope="row" className="py-1 pr-2 font-normal">
                  <time dateTime={b.start}>{formatClock(new Date(b.start), timeZone, locale)}</time>
                </th>
                <td className="py-1 pr-2">{b.deliveries}</td>
                <td className="py-1 pr-2">{b.p50Ms === null ? "—" : formatLatency(b.p50Ms)}</td>
                <td className="py-1">{b.maxMs === null ? "—" : formatLatency(b.maxMs)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
