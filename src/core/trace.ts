/** What one delivery cost: counted as it runs, written in its log line. */
export interface Trace {
  d1RoundTrips: number;
  subrequests: number;
}

export function newTrace(): Trace {
  return { d1RoundTrips: 0, subrequests: 0 };
}

/** A fetch that counts its calls into the trace. */
export function countingFetch(trace: Trace): typeof fetch {
  return (input, init) => {
    trace.subrequests += 1;
    return fetch(input, init);
  };
}
