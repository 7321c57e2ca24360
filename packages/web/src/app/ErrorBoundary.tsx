import { Component, type ReactNode } from 'react';
import { ErrorPanel } from '../components/ErrorPanel';

interface Props {
  /** Names the failing part in the message, e.g. "the About card". */
  area: string;
  children: ReactNode;
  /** Changing this value clears a caught error (e.g. the route's path). */
  resetKey?: unknown;
}

/** Keeps a crashing page, tab or card from blanking the whole portal. */
export class ErrorBoundary extends Component<Props, { error: Error | null; resetKey: unknown }> {
  override state = { error: null as Error | null, resetKey: this.props.resetKey };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  static getDerivedStateFromProps(props: Props, state: { error: Error | null; resetKey: unknown }) {
    return props.resetKey !== state.resetKey ? { error: null, resetKey: props.resetKey } : null;
  }

  override render() {
    if (this.state.error) return <ErrorPanel title={`Something went wrong in ${this.props.area}`} error={this.state.error} />;
    return this.props.children;
  }
}
