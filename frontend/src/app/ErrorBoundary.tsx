import { Component, type ReactNode } from 'react';

/** A screen that crashes shows what to do instead of a blank page. */
export class ErrorBoundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  state = { error: null as Error | null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  render() {
    if (!this.state.error) return this.props.children;
    return (
      <div role="alert" className="m-6 rounded-lg border border-danger/40 bg-danger/10 p-4 text-sm">
        <p className="font-semibold">This screen hit a problem.</p>
        <p className="mt-1 text-muted">{this.state.error.message}</p>
        <button type="button" className="mt-2 underline" onClick={() => window.location.reload()}>
          Reload the page
        </button>
      </div>
    );
  }
}
