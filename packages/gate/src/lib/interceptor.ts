import type { Dispatcher } from 'undici';
import { DisallowedError } from './errors.js';
import type { Gate } from './gate.js';

type Handler = Dispatcher.DispatchHandler & { onError?: (error: Error) => void };

function fail(handler: Handler, error: Error): void {
  if (handler.onResponseError) handler.onResponseError(null as never, error);
  else handler.onError?.(error);
}

function urlOf(opts: Dispatcher.DispatchOptions): string {
  const origin = typeof opts.origin === 'string' ? opts.origin : (opts.origin?.toString() ?? '');
  return new URL(opts.path, origin).href;
}

/**
 * An undici interceptor (for `Agent.compose`) that checks every request with
 * the gate first. A disallowed request is never sent: it fails with a
 * `DisallowedError` (code `OPTOUT_ERR_DISALLOWED`) carrying the decision.
 * Check errors (a malformed URL) fail the request too.
 */
export function optoutInterceptor(gate: Gate): Dispatcher.DispatcherComposeInterceptor {
  return (dispatch) => (opts, handler: Handler) => {
    let url: string;
    try {
      url = urlOf(opts);
    } catch (error) {
      fail(handler, error as Error);
      return true;
    }
    gate.check(url).then(
      (decision) => {
        if (decision.allowed) dispatch(opts, handler);
        else fail(handler, new DisallowedError(decision));
      },
      (error: Error) => fail(handler, error),
    );
    return true;
  };
}
