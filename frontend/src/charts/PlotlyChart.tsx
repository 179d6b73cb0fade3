// A Plotly figure; plotly.js (≈4.5 MB) is fetched only when the first chart is shown.
import { useEffect, useRef, useState } from 'react';

interface Figure { data?: unknown[]; layout?: Record<string, unknown>; config?: Record<string, unknown> }

type Plotly = { newPlot: (el: HTMLElement, data: unknown[], layout?: unknown, config?: unknown) => Promise<unknown>; purge: (el: HTMLElement) => void };

export default function PlotlyChart({ figure, title }: { figure: Figure; title?: string }) {
  const el = useRef<HTMLDivElement>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let cancelled = false;
    let plotly: Plotly | null = null;
    import('plotly.js-dist-min')
      .then((m) => {
        plotly = ((m as { default?: Plotly }).default ?? m) as Plotly;
        if (cancelled || !el.current) return;
        const dark = document.documentElement.classList.contains('dark');
        const layout = {
          autosize: true,
          margin: { t: 40, r: 20, b: 40, l: 50 },
          paper_bgcolor: 'rgba(0,0,0,0)',
          plot_bgcolor: 'rgba(0,0,0,0)',
          font: { color: dark ? '#e2e8f0' : '#0f172a' },
          ...(figure.layout ?? {}),
        };
        return plotly.newPlot(el.current, figure.data ?? [], layout, { responsive: true, displaylogo: false, ...(figure.config ?? {}) });
      })
      .catch(() => setError('The chart could not be drawn.'));
    const node = el.current;
    return () => {
      cancelled = true;
      if (plotly && node) plotly.purge(node);
    };
  }, [figure]);
  if (error) return <p className="text-sm text-danger">{error}</p>;
  return <div ref={el} role="img" aria-label={title ?? 'Chart'} className="h-80 w-full" />;
}
